#include "ui/credentialdialog.h"

#include "core/crypto/secret.h"

#include "ui/changednotice.h"
#include "ui/credentialtext.h"
#include "ui/credentialversion.h"
#include "ui/fielderror.h"
#include "ui/logging.h"
#include "ui/passwordfield.h"
#include "ui/windowfit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

#include <utility>

namespace paycred::ui {

namespace {

constexpr QLatin1String Sandbox("sandbox");
constexpr QLatin1String Live("live");

// A field with its error underneath, as one row of the form; the row's label focuses the field.
QWidget* withError(QWidget* field, FieldError* error, QWidget* parent) {
    auto* row = new QWidget(parent);
    auto* layout = new QVBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(error);
    row->setFocusProxy(field);
    return row;
}

QLabel* iconLabel(const QIcon& icon, QWidget* parent) {
    auto* label = new QLabel(parent);
    const int size = label->style()->pixelMetric(QStyle::PM_SmallIconSize);
    label->setPixmap(icon.pixmap(size, size));
    return label;
}

// A warning row: the warning icon and a wrapped sentence (the row is named `name + "Row"`).
QLabel* warningRow(const QString& name, const QString& accessibleName, QWidget* parent,
                   QWidget*& row) {
    row = new QWidget(parent);
    row->setObjectName(name + QStringLiteral("Row"));
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(iconLabel(QIcon(QStringLiteral(":/icons/warning.svg")), row));
    auto* text = new QLabel(row);
    text->setObjectName(name);
    text->setAccessibleName(accessibleName);
    text->setWordWrap(true);
    layout->addWidget(text, 1);
    row->setVisible(false);
    return text;
}

} // namespace

CredentialDialog::CredentialDialog(client::CredentialsClient& client,
                                   const QList<Provider>& providers, QWidget* parent)
    : QDialog(parent)
    , m_client(client) {
    setWindowTitle(tr("Add payment credential"));
    buildForm(buildProviderChoice(providers));
    setEnvironment(Sandbox);
}

CredentialDialog::CredentialDialog(client::CredentialsClient& client,
                                   const client::Credential& existing, QWidget* parent)
    : QDialog(parent)
    , m_client(client)
    , m_existing(existing) {
    setWindowTitle(tr("Edit %1").arg(credentialName(existing)));
    buildForm(buildProviderLabel(existing));
    setEnvironment(existing.environment);
    m_activeCheck->setChecked(existing.isActive);

    m_version = new CredentialVersion(client, existing, this);
    connect(m_version, &CredentialVersion::loaded, this, &CredentialDialog::reloaded);
    connect(m_version, &CredentialVersion::failed, this, &CredentialDialog::loadFailed);
    connect(m_changed, &ChangedNotice::reloadClicked, this, &CredentialDialog::reload);
    // What the table showed may be older than what the server has; the form stays usable.
    m_version->load();
}

CredentialDialog::~CredentialDialog() {
    clearFields();
}

QWidget* CredentialDialog::buildProviderChoice(const QList<Provider>& providers) {
    m_providerCombo = new QComboBox(this);
    m_providerCombo->setObjectName(QStringLiteral("providerCombo"));
    m_providerCombo->setAccessibleName(tr("Provider"));
    for (const Provider& provider : providers)
        m_providerCombo->addItem(providerIcon(provider.id), provider.displayName, provider.id);
    return m_providerCombo;
}

QWidget* CredentialDialog::buildProviderLabel(const client::Credential& existing) {
    auto* box = new QWidget(this);
    auto* layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(iconLabel(providerIcon(existing.provider), box));
    auto* name = new QLabel(
        existing.providerDisplay.isEmpty() ? existing.provider : existing.providerDisplay, box);
    name->setObjectName(QStringLiteral("providerLabel"));
    name->setAccessibleName(tr("Provider"));
    name->setToolTip(tr("The provider of a credential cannot change: add a new credential "
                        "for another provider."));
    layout->addWidget(name, 1);
    return box;
}

void CredentialDialog::buildForm(QWidget* providerField) {
    setObjectName(QStringLiteral("credentialDialog"));
    WindowFit::apply(this, 58);
    setAccessibleName(windowTitle());
    setModal(true);

    m_providerError = new FieldError(QStringLiteral("providerError"), this);
    m_apiKeyError = new FieldError(QStringLiteral("apiKeyError"), this);
    m_environmentError = new FieldError(QStringLiteral("environmentError"), this);
    m_formError = new FieldError(QStringLiteral("formError"), this);

    m_apiKeyEdit = new QLineEdit(this);
    m_apiKeyEdit->setObjectName(QStringLiteral("apiKeyEdit"));
    m_apiKeyEdit->setAccessibleName(tr("API key"));
    m_apiKeyEdit->setPlaceholderText(isEditing() ? tr("Leave empty to keep the current API key")
                                                 : tr("The API key the provider gave you"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Provider:"), withError(providerField, m_providerError, this));
    form->addRow(tr("&API key:"), withError(m_apiKeyEdit, m_apiKeyError, this));
    if (!isEditing()) {
        m_privateKey = new PasswordField(QStringLiteral("privateKeyEdit"), tr("Private key"), this);
        m_privateKey->edit()->setPlaceholderText(tr("The private key the provider gave you"));
        m_privateKeyError = new FieldError(QStringLiteral("privateKeyError"), this);
        form->addRow(tr("P&rivate key:"), withError(m_privateKey, m_privateKeyError, this));
    }
    form->addRow(tr("&Environment:"), buildEnvironment());
    if (isEditing()) {
        m_activeCheck = new QCheckBox(tr("A&ctive: payments may use this credential"), this);
        m_activeCheck->setObjectName(QStringLiteral("activeCheck"));
        m_activeCheck->setAccessibleName(tr("Active"));
        form->addRow(QString(), m_activeCheck);
    }

    m_busyLabel = new QLabel(tr("Saving…"), this);
    m_busyLabel->setObjectName(QStringLiteral("busyLabel"));
    m_busyLabel->setAccessibleName(tr("Busy"));
    m_busyLabel->setVisible(false);

    auto* buttons = new QDialogButtonBox(this);
    m_saveButton = buttons->addButton(tr("&Save"), QDialogButtonBox::AcceptRole);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_saveButton->setAccessibleName(tr("Save"));
    m_saveButton->setIcon(
        QIcon(QStringLiteral(":/icons/%1.svg")
                  .arg(isEditing() ? QStringLiteral("edit") : QStringLiteral("add"))));
    m_saveButton->setDefault(true);
    m_cancelButton = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setAccessibleName(tr("Cancel"));
    connect(m_saveButton, &QPushButton::clicked, this, &CredentialDialog::save);
    connect(m_cancelButton, &QPushButton::clicked, this, &CredentialDialog::reject);

    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_busyLabel);
    bottom->addStretch(1);
    bottom->addWidget(buttons);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_formError);
    if (isEditing()) {
        m_changed = new ChangedNotice(tr("Someone else changed this credential after you opened "
                                         "it. Reload it to see it as it is now, then save your "
                                         "change again."),
                                      this);
        layout->addWidget(m_changed);
    }
    layout->addStretch(1);
    layout->addLayout(bottom);

    connect(m_apiKeyEdit, &QLineEdit::textChanged, this,
            &CredentialDialog::updateEnvironmentWarning);
    if (m_privateKey)
        connect(m_privateKey, &PasswordField::textChanged, this,
                &CredentialDialog::updateEnvironmentWarning);
    if (m_providerCombo)
        connect(m_providerCombo, &QComboBox::currentIndexChanged, this,
                &CredentialDialog::updateEnvironmentWarning);
}

QWidget* CredentialDialog::buildEnvironment() {
    m_environmentCombo = new QComboBox(this);
    m_environmentCombo->setObjectName(QStringLiteral("environmentCombo"));
    m_environmentCombo->setAccessibleName(tr("Environment"));
    m_environmentCombo->addItem(environmentIcon(Sandbox), environmentName(Sandbox), Sandbox);
    m_environmentCombo->addItem(environmentIcon(Live), environmentName(Live), Live);
    connect(m_environmentCombo, &QComboBox::currentIndexChanged, this,
            &CredentialDialog::updateLiveWarning);

    QLabel* live = warningRow(QStringLiteral("liveWarning"), tr("Live environment warning"), this,
                              m_liveWarning);
    live->setText(tr("Live keys move real money. Check that they are the live keys your provider "
                     "gave you before you save."));
    m_environmentWarning = warningRow(QStringLiteral("environmentWarning"),
                                      tr("Environment warning"), this, m_environmentWarningRow);
    connect(m_environmentCombo, &QComboBox::currentIndexChanged, this,
            &CredentialDialog::updateEnvironmentWarning);

    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_environmentCombo);
    layout->addWidget(m_liveWarning);
    layout->addWidget(m_environmentWarningRow);
    layout->addWidget(m_environmentError);
    box->setFocusProxy(m_environmentCombo);
    return box;
}

void CredentialDialog::setEnvironment(const QString& environment) {
    const int index = m_environmentCombo->findData(environment);
    m_environmentCombo->setCurrentIndex(index >= 0 ? index : 0);
    updateLiveWarning();
}

QString CredentialDialog::environment() const {
    return m_environmentCombo->currentData().toString();
}

void CredentialDialog::updateLiveWarning() {
    m_liveWarning->setVisible(environment() == Live);
}

QString CredentialDialog::providerId() const {
    return m_providerCombo ? m_providerCombo->currentData().toString() : m_existing->provider;
}

QString CredentialDialog::providerName() const {
    if (m_providerCombo)
        return m_providerCombo->currentText();
    return m_existing->providerDisplay.isEmpty() ? m_existing->provider
                                                 : m_existing->providerDisplay;
}

void CredentialDialog::updateEnvironmentWarning() {
    // An edit has no private key here, and its api key only when a new one is typed: the
    // warning speaks of what is in the form.
    QString privateKey = m_privateKey ? m_privateKey->text() : QString();
    const QString said = client::CredentialsClient::contradictedEnvironment(
        providerId(), m_apiKeyEdit->text(), privateKey, environment());
    crypto::wipe(privateKey);
    m_environmentWarningRow->setVisible(!said.isEmpty());
    if (said.isEmpty())
        return m_environmentWarning->clear();
    m_environmentWarning->setText(
        said == Live
            ? tr("These look like live %1 keys, but Sandbox is chosen.").arg(providerName())
            : tr("These look like sandbox (test) %1 keys, but Live is chosen.")
                  .arg(providerName()));
}

void CredentialDialog::save() {
    if (m_busy)
        return;
    clearErrors();
    if (!isEditing()) {
        create();
        return;
    }
    if (m_version->isLoading()) {
        // Sent once the credential is read, so it goes with the version it is based on.
        m_saveWhenLoaded = true;
        setBusy(true);
        return;
    }
    update();
}

bool CredentialDialog::checkNew() {
    QWidget* firstInvalid = nullptr;
    auto refuse = [&firstInvalid](FieldError* error, const QString& message, QWidget* field) {
        error->setMessage(message);
        if (!firstInvalid)
            firstInvalid = field;
    };
    if (m_providerCombo->currentIndex() < 0)
        refuse(m_providerError, tr("Choose a provider."), m_providerCombo);
    if (m_apiKeyEdit->text().trimmed().isEmpty())
        refuse(m_apiKeyError, tr("Enter the api key."), m_apiKeyEdit);
    if (m_privateKey->text().trimmed().isEmpty())
        refuse(m_privateKeyError, tr("Enter the private key."), m_privateKey);
    if (firstInvalid)
        firstInvalid->setFocus();
    return firstInvalid == nullptr;
}

void CredentialDialog::create() {
    if (!checkNew())
        return;
    client::CredentialsClient::NewCredential credential;
    credential.provider = m_providerCombo->currentData().toString();
    credential.apiKey = m_apiKeyEdit->text();
    credential.privateKey = m_privateKey->take();
    credential.environment = environment();
    qCInfo(lcUi) << "adding a credential for" << credential.provider << credential.environment;
    setBusy(true);
    m_client.createCredential(std::move(credential), [self = QPointer(this)](Result result) {
        if (self)
            self->answered(std::move(result));
    });
}

void CredentialDialog::update() {
    client::CredentialsClient::Change change;
    if (!m_apiKeyEdit->text().trimmed().isEmpty())
        change.apiKey = m_apiKeyEdit->text();
    if (environment() != m_existing->environment)
        change.environment = environment();
    if (m_activeCheck->isChecked() != m_existing->isActive)
        change.isActive = m_activeCheck->isChecked();
    if (!change.apiKey && !change.environment && !change.isActive) {
        accept(); // nothing to tell the server
        return;
    }
    qCInfo(lcUi) << "changing credential" << m_existing->id;
    setBusy(true);
    m_client.updateCredential(
        m_existing->id, std::move(change),
        [self = QPointer(this)](Result result) {
            if (self)
                self->answered(std::move(result));
        },
        m_version->entityTag());
}

void CredentialDialog::reload() {
    m_changed->hideNotice();
    clearErrors();
    setInputsEnabled(false);
    m_version->load();
}

void CredentialDialog::reloaded(const client::Credential& credential, bool changed) {
    const bool saveNow = std::exchange(m_saveWhenLoaded, false);
    m_busy = false;
    m_busyLabel->setVisible(false);
    m_existing = credential;
    if (changed) {
        // Start from what is stored now, so a change is never made to a state nobody saw; an
        // api key being typed stays.
        setEnvironment(credential.environment);
        m_activeCheck->setChecked(credential.isActive);
        emit refreshed(credential);
    }
    setInputsEnabled(true);
    if (saveNow && changed)
        m_changed->showNotice();
    else if (saveNow)
        update();
}

void CredentialDialog::loadFailed(const client::ApiError& error) {
    m_saveWhenLoaded = false;
    setBusy(false);
    m_formError->setMessage(error.message);
}

void CredentialDialog::answered(Result result) {
    setBusy(false);
    if (!result.ok()) {
        if (!isVisible()) // nobody is left to read it otherwise
            return;
        if (result.error.kind == client::ApiError::Kind::Changed && m_changed)
            m_changed->showNotice();
        else
            showFailure(result.error);
        return;
    }
    if (m_version)
        m_version->written(*result.value);
    emit saved(*result.value);
    // Closed while the request was on its way: the credential is saved all the same, and the
    // signal lets the window show it, but a closed dialog stays closed.
    if (isVisible())
        accept();
}

void CredentialDialog::showFailure(const client::ApiError& error) {
    qCInfo(lcUi) << "saving the credential failed:" << error.kind << error.status;
    bool placed = false;
    auto place = [&placed](FieldError* label, const QString& message) {
        if (!label || message.isEmpty())
            return;
        label->setMessage(message);
        placed = true;
    };
    place(m_providerError, error.fieldError(QStringLiteral("provider")));
    place(m_apiKeyError, error.fieldError(QStringLiteral("api_key")));
    place(m_privateKeyError, error.fieldError(QStringLiteral("private_key")));
    place(m_environmentError, error.fieldError(QStringLiteral("environment")));
    const QString general = error.fieldError(QStringLiteral("non_field_errors"));
    place(errorLabelFor(general), general);
    if (!placed)
        m_formError->setMessage(error.message.isEmpty()
                                    ? tr("The credential could not be saved. Try again.")
                                    : error.message);
}

// The server explains a few field problems as non-field errors (API.md, POST
// /payments/credentials/ 400); they belong under the field the user has to change.
FieldError* CredentialDialog::errorLabelFor(const QString& generalMessage) const {
    if (generalMessage.contains(QLatin1String("already have credentials"), Qt::CaseInsensitive))
        return m_providerError;
    if (generalMessage.startsWith(QLatin1String("API key"), Qt::CaseInsensitive))
        return m_apiKeyError;
    if (generalMessage.startsWith(QLatin1String("Private key"), Qt::CaseInsensitive) &&
        m_privateKeyError)
        return m_privateKeyError;
    return m_formError;
}

void CredentialDialog::setBusy(bool busy) {
    m_busy = busy;
    m_busyLabel->setVisible(busy);
    setInputsEnabled(!busy);
}

void CredentialDialog::setInputsEnabled(bool enabled) {
    m_saveButton->setEnabled(enabled);
    const std::initializer_list<QWidget*> inputs{m_providerCombo, m_apiKeyEdit, m_privateKey,
                                                 m_environmentCombo, m_activeCheck};
    for (QWidget* input : inputs)
        if (input)
            input->setEnabled(enabled);
}

void CredentialDialog::clearErrors() {
    for (FieldError* error :
         {m_providerError, m_apiKeyError, m_privateKeyError, m_environmentError, m_formError})
        if (error)
            error->clearMessage();
}

void CredentialDialog::clearFields() {
    // setText() also drops the edit's undo history, which clear() would keep.
    QString apiKey = m_apiKeyEdit->text();
    m_apiKeyEdit->setText(QString());
    crypto::wipe(apiKey);
    if (m_privateKey)
        m_privateKey->clear();
}

void CredentialDialog::done(int result) {
    clearFields();
    clearErrors();
    QDialog::done(result);
}

} // namespace paycred::ui
