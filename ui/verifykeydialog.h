#pragma once

#include "core/client/credential.h"
#include "core/client/credentialsclient.h"

#include <QDialog>

#include <optional>

class QLabel;

namespace paycred::ui {

class KeyEntry;

// VerifyKeyDialog: tells whether a private key the user holds is the one stored for a
// credential — yes or no, nothing more — without the stored key ever leaving the server.
// Opened with open(); the user may check several keys in a row.
class VerifyKeyDialog : public QDialog {
    Q_OBJECT
public:
    VerifyKeyDialog(client::CredentialsClient& client, const client::Credential& credential,
                    QWidget* parent);

    // The answer to the last check, none before the first (or while one is on its way).
    std::optional<bool> lastResult() const { return m_lastResult; }
    bool isBusy() const;
    // Empties the key field and forgets the answer on the way out.
    void done(int result) override;

signals:
    void verified(bool matches);

private:
    using Result = client::Result<bool>;

    void verify();
    void answered(Result result);
    void showResult(std::optional<bool> matches);

    client::CredentialsClient& m_client;
    client::Credential m_credential;
    KeyEntry* m_entry;
    QLabel* m_resultIcon;
    QLabel* m_resultLabel;
    std::optional<bool> m_lastResult;
};

} // namespace paycred::ui
