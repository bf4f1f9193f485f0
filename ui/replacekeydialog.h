#pragma once

#include "core/client/credential.h"
#include "core/client/credentialsclient.h"

#include <QDialog>

class QLabel;
class QPushButton;

namespace paycred::ui {

class FieldError;
class PasswordField;

// ReplaceKeyDialog: sends a new private key for one credential (the old one is gone for good
// once the server has it). Opened with open(); emits saved() with the server's credential.
class ReplaceKeyDialog : public QDialog {
    Q_OBJECT
public:
    ReplaceKeyDialog(client::CredentialsClient& client, const client::Credential& credential,
                     QWidget* parent);
    ~ReplaceKeyDialog() override;

    bool isBusy() const { return m_busy; }
    // Empties the key field on the way out, whichever way the dialog closes.
    void done(int result) override;

signals:
    void saved(const paycred::client::Credential& credential);

private:
    using Result = client::Result<client::Credential>;

    void save();
    void answered(Result result);
    void showFailure(const client::ApiError& error);
    void setBusy(bool busy);

    client::CredentialsClient& m_client;
    client::Credential m_credential;
    PasswordField* m_privateKey;
    FieldError* m_privateKeyError;
    FieldError* m_formError;
    QLabel* m_busyLabel;
    QPushButton* m_saveButton;
    QPushButton* m_cancelButton;
    bool m_busy = false;
};

} // namespace paycred::ui
