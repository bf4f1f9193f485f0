#pragma once

#include "core/client/credential.h"
#include "core/client/credentialsclient.h"

#include <QDialog>

#include <optional>

class QLabel;
class QPushButton;

namespace paycred::ui {

class FieldError;
class PasswordField;

// VerifyKeyDialog: tells whether a private key the user holds is the one stored for a
// credential — yes or no, nothing more — without the stored key ever leaving the server.
// Opened with open(); the user may check several keys in a row.
class VerifyKeyDialog : public QDialog {
    Q_OBJECT
public:
    VerifyKeyDialog(client::CredentialsClient& client, const client::Credential& credential,
                    QWidget* parent);
    ~VerifyKeyDialog() override;

    // The answer to the last check, none before the first (or while one is on its way).
    std::optional<bool> lastResult() const { return m_lastResult; }
    bool isBusy() const { return m_busy; }
    // Empties the key field and forgets the answer on the way out.
    void done(int result) override;

signals:
    void verified(bool matches);

private:
    using Result = client::Result<bool>;

    void verify();
    void answered(Result result);
    void showResult(std::optional<bool> matches);
    void setBusy(bool busy);

    client::CredentialsClient& m_client;
    client::Credential m_credential;
    PasswordField* m_privateKey;
    FieldError* m_privateKeyError;
    FieldError* m_formError;
    QLabel* m_resultIcon;
    QLabel* m_resultLabel;
    QLabel* m_busyLabel;
    QPushButton* m_verifyButton;
    QPushButton* m_closeButton;
    std::optional<bool> m_lastResult;
    bool m_busy = false;
};

} // namespace paycred::ui
