#pragma once

#include "core/client/credential.h"
#include "core/client/credentialsclient.h"

#include <QDialog>
#include <QList>
#include <QString>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QWidget;

namespace paycred::ui {

class ChangedNotice;
class CredentialVersion;
class FieldError;
class PasswordField;

// CredentialDialog: adds a payment credential, or changes one's api key, environment and status,
// through the client it is given, and shows what the server refused under the field it concerns.
// An edit starts from the credential as the server has it now and is sent with If-Match: when
// someone else changed it meanwhile, the dialog says so and offers to reload it.
// Opened with open(); emits saved() with the server's credential, then closes.
class CredentialDialog : public QDialog {
    Q_OBJECT
public:
    using Provider = client::CredentialsClient::Provider;

    // A new credential for one of `providers`.
    CredentialDialog(client::CredentialsClient& client, const QList<Provider>& providers,
                     QWidget* parent);
    // Changes to `existing`; its provider cannot change.
    CredentialDialog(client::CredentialsClient& client, const client::Credential& existing,
                     QWidget* parent);
    ~CredentialDialog() override;

    bool isEditing() const { return m_existing.has_value(); }
    bool isBusy() const { return m_busy; }

    // Empties every field on the way out, whichever way the dialog closes.
    void done(int result) override;

signals:
    void saved(const paycred::client::Credential& credential);
    // The credential being edited was read again and is not what the caller showed.
    void refreshed(const paycred::client::Credential& credential);

private:
    using Result = client::Result<client::Credential>;

    QWidget* buildProviderChoice(const QList<Provider>& providers);
    QWidget* buildProviderLabel(const client::Credential& existing);
    void buildForm(QWidget* providerField);
    QWidget* buildEnvironment();
    void setEnvironment(const QString& environment);
    QString environment() const;
    void updateLiveWarning();
    // Says so when the keys' own text names another environment than the one chosen (IntaSend's
    // ISPubKey_live_…): a warning only, the keys are saved as chosen.
    void updateEnvironmentWarning();
    QString providerId() const;
    QString providerName() const;

    void save();
    bool checkNew();
    void create();
    void update();
    void answered(Result result);
    void showFailure(const client::ApiError& error);
    FieldError* errorLabelFor(const QString& generalMessage) const;
    void setBusy(bool busy);
    void setInputsEnabled(bool enabled);
    void reload();
    void reloaded(const client::Credential& credential, bool changed);
    void loadFailed(const client::ApiError& error);
    void clearErrors();
    void clearFields();

    client::CredentialsClient& m_client;
    std::optional<client::Credential> m_existing;

    QComboBox* m_providerCombo = nullptr; // a new credential only
    QLineEdit* m_apiKeyEdit = nullptr;
    PasswordField* m_privateKey = nullptr; // a new credential only
    QComboBox* m_environmentCombo = nullptr;
    QWidget* m_liveWarning = nullptr;
    QWidget* m_environmentWarningRow = nullptr;
    QLabel* m_environmentWarning = nullptr;
    QCheckBox* m_activeCheck = nullptr; // an existing credential only

    FieldError* m_providerError = nullptr;
    FieldError* m_apiKeyError = nullptr;
    FieldError* m_privateKeyError = nullptr;
    FieldError* m_environmentError = nullptr;
    FieldError* m_formError = nullptr;
    QLabel* m_busyLabel = nullptr;
    QPushButton* m_saveButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    CredentialVersion* m_version = nullptr; // an existing credential only
    ChangedNotice* m_changed = nullptr;     // likewise
    bool m_busy = false;
    bool m_saveWhenLoaded = false; // Save was pressed before the credential was read
};

} // namespace paycred::ui
