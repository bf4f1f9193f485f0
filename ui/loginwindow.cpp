#include "ui/loginwindow.h"

#include "core/client/credentialsclient.h"
#include "core/client/httptransport.h"
#include "core/crypto/secret.h"
#include "core/foundation/clock.h"
#include "core/vault/vaultstatus.h"
#include "ui/appcontext.h"
#include "ui/certificatedialog.h"
#include "ui/certificatepins.h"
#include "ui/confirmationbox.h"
#include "ui/connection.h"
#include "ui/filefield.h"
#include "ui/logging.h"
#include "ui/passwordfield.h"
#include "ui/passwordstrength.h"
#include "ui/preferences.h"
#include "ui/rememberedlogin.h"
#include "ui/restoredialog.h"
#include "ui/windowfit.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

#include <memory>
#include <utility>

namespace paycred::ui {

namespace {

constexpr QLatin1String ErrorStyle("color: #b00020;");

QLabel* makeMessageLabel(const QString& name, const QString& style, QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setStyleSheet(style);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->hide();
    return label;
}

// Shows `text` in `label`, or hides the label when there is nothing to say.
void setMessage(QLabel* label, const QString& text) {
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

bool isServerAddress(const QString& text) {
    if (!text.startsWith(QLatin1String("http://"), Qt::CaseInsensitive) &&
        !text.startsWith(QLatin1String("https://"), Qt::CaseInsensitive))
        return false;
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && !url.host().isEmpty();
}

QString strengthStyle(PasswordStrength::Rating rating) {
    switch (rating) {
    case PasswordStrength::Rating::Weak:
        return ErrorStyle;
    case PasswordStrength::Rating::Fair:
        return QStringLiteral("color: #8a5a00;");
    case PasswordStrength::Rating::Good:
    case PasswordStrength::Rating::Strong:
        return QStringLiteral("color: #1b6e20;");
    case PasswordStrength::Rating::Empty:
        break;
    }
    return {};
}

} // namespace

LoginWindow::LoginWindow(AppContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
    , m_remembered(new RememberedLogin(context, this))
    , m_countdown(new QTimer(this)) {
    setObjectName(QStringLiteral("loginWindow"));
    WindowFit::apply(this, 56);
    // The desktop adds the app's name ("Sign in — PayCred"): it is not repeated here.
    setWindowTitle(tr("Sign in"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/paycred.svg")));
    setAccessibleName(tr("Sign in to PayCred"));
    m_countdown->setInterval(1000);
    connect(m_countdown, &QTimer::timeout, this, &LoginWindow::tick);

    auto* title = new QLabel(tr("Sign in to PayCred"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title->setFont(titleFont);

    m_infoLabel = makeMessageLabel(QStringLiteral("infoLabel"), {}, this);
    m_infoLabel->setAccessibleName(tr("Information"));

    m_vaultRadio = new QRadioButton(tr("&Local vault"), this);
    m_vaultRadio->setObjectName(QStringLiteral("vaultModeRadio"));
    m_vaultRadio->setAccessibleName(tr("Local vault"));
    m_vaultRadio->setToolTip(tr("Keep the credentials in an encrypted file on this computer"));
    m_serverRadio = new QRadioButton(tr("&Server"), this);
    m_serverRadio->setObjectName(QStringLiteral("serverModeRadio"));
    m_serverRadio->setAccessibleName(tr("Server"));
    m_serverRadio->setToolTip(tr("Work with the credentials kept on a PayCred server"));
    m_modeGroup = new QButtonGroup(this);
    m_modeGroup->addButton(m_vaultRadio);
    m_modeGroup->addButton(m_serverRadio);
    auto* modeRow = new QHBoxLayout;
    modeRow->addWidget(m_vaultRadio);
    modeRow->addWidget(m_serverRadio);
    modeRow->addStretch();

    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("loginPages"));
    m_signInPage = buildSignInPage();
    m_createPage = buildCreateVaultPage();
    m_pages->addWidget(m_signInPage);
    m_pages->addWidget(m_createPage);

    m_chooseVault = new QPushButton(tr("Open another vault &file…"), this);
    m_chooseVault->setObjectName(QStringLiteral("chooseVaultButton"));
    m_chooseVault->setAccessibleName(tr("Open another vault file"));
    m_chooseVault->setIcon(QIcon(QStringLiteral(":/icons/vault.svg")));
    connect(m_chooseVault, &QPushButton::clicked, this, &LoginWindow::chooseVaultFile);
    m_restoreBackup = new QPushButton(tr("&Restore a backup…"), this);
    m_restoreBackup->setObjectName(QStringLiteral("restoreBackupButton"));
    m_restoreBackup->setAccessibleName(tr("Restore a vault from a backup file"));
    m_restoreBackup->setIcon(QIcon(QStringLiteral(":/icons/restore.svg")));
    connect(m_restoreBackup, &QPushButton::clicked, this, &LoginWindow::restoreBackup);
    auto* vaultRow = new QHBoxLayout;
    vaultRow->addWidget(m_chooseVault);
    vaultRow->addWidget(m_restoreBackup);
    vaultRow->addStretch();

    m_errorLabel = makeMessageLabel(QStringLiteral("errorLabel"), ErrorStyle, this);
    m_errorLabel->setAccessibleName(tr("Error"));
    m_busyBar = new QProgressBar(this);
    m_busyBar->setObjectName(QStringLiteral("busyIndicator"));
    m_busyBar->setRange(0, 0); // no known end: an animated "working" bar
    m_busyBar->setTextVisible(false);
    m_busyBar->setMaximumHeight(8);
    m_busyBar->hide();
    m_busyLabel = makeMessageLabel(QStringLiteral("busyLabel"), {}, this);
    m_busyLabel->setAccessibleName(tr("Progress"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_infoLabel);
    layout->addLayout(modeRow);
    layout->addWidget(m_pages);
    layout->addLayout(vaultRow);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_busyBar);
    layout->addWidget(m_busyLabel);
    layout->addStretch();

    const Preferences& preferences = m_context.preferences;
    (preferences.lastMode() == Preferences::Mode::Server ? m_serverRadio : m_vaultRadio)
        ->setChecked(true);
    m_serverCombo->addItems(preferences.recentServers());
    m_username->setText(preferences.lastUsername());
    m_remember->setChecked(preferences.rememberMe());
    connect(m_modeGroup, &QButtonGroup::buttonToggled, this,
            [this](QAbstractButton*, bool checked) {
                if (checked)
                    modeChanged();
            });
    updatePage();
    updateCreateButton();
    focusFirstNeeded();
}

LoginWindow::~LoginWindow() {
    forgetRetryPassword();
}

QWidget* LoginWindow::buildSignInPage() {
    auto* page = new QWidget(m_pages);
    page->setObjectName(QStringLiteral("signInPage"));

    m_serverRow = new QWidget(page);
    m_serverCombo = new QComboBox(m_serverRow);
    m_serverCombo->setObjectName(QStringLiteral("serverCombo"));
    m_serverCombo->setAccessibleName(tr("Server address"));
    m_serverCombo->setEditable(true);
    m_serverCombo->setInsertPolicy(QComboBox::NoInsert);
    m_serverCombo->lineEdit()->setPlaceholderText(QStringLiteral("https://pay.example.com"));
    m_serverError = makeMessageLabel(QStringLiteral("serverError"), ErrorStyle, m_serverRow);
    auto* serverLayout = new QVBoxLayout(m_serverRow);
    serverLayout->setContentsMargins(0, 0, 0, 0);
    serverLayout->addWidget(m_serverCombo);
    serverLayout->addWidget(m_serverError);

    m_vaultPathLabel = new QLabel(page);
    m_vaultPathLabel->setObjectName(QStringLiteral("vaultPathLabel"));
    m_vaultPathLabel->setWordWrap(true);
    m_vaultPathLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_username = new QLineEdit(page);
    m_username->setObjectName(QStringLiteral("usernameEdit"));
    m_username->setAccessibleName(tr("Username"));
    m_password = new PasswordField(QStringLiteral("passwordEdit"), tr("Password"), page);
    m_remember = new QCheckBox(tr("&Remember me"), page);
    m_remember->setObjectName(QStringLiteral("rememberCheck"));
    m_remember->setAccessibleName(tr("Remember me"));
    m_remember->setToolTip(tr("Keep the sign-in in your system keychain, so PayCred opens "
                              "without the password next time"));
    m_loginButton = new QPushButton(tr("Sign &in"), page);
    m_loginButton->setObjectName(QStringLiteral("loginButton"));
    m_loginButton->setAccessibleName(tr("Sign in"));
    m_loginButton->setDefault(true);
    m_loginButton->setIcon(QIcon(QStringLiteral(":/icons/lock.svg")));

    auto* form = new QFormLayout(page);
    form->addRow(tr("Ser&ver:"), m_serverRow);
    form->addRow(tr("Vault file:"), m_vaultPathLabel);
    form->addRow(tr("&Username:"), m_username);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(QString(), m_remember);
    form->addRow(QString(), m_loginButton);

    connect(m_loginButton, &QPushButton::clicked, this, &LoginWindow::submit);
    // Not a dialog: Enter in any field of the form is the default button by hand.
    connect(m_username, &QLineEdit::returnPressed, this, &LoginWindow::submit);
    connect(m_password->edit(), &QLineEdit::returnPressed, this, &LoginWindow::submit);
    connect(m_serverCombo->lineEdit(), &QLineEdit::returnPressed, this, &LoginWindow::submit);
    connect(m_serverCombo, &QComboBox::currentTextChanged, this,
            [this] { setMessage(m_serverError, {}); });
    return page;
}

QWidget* LoginWindow::buildCreateVaultPage() {
    auto* page = new QWidget(m_pages);
    page->setObjectName(QStringLiteral("createVaultPage"));

    auto* heading = new QLabel(tr("Create your vault"), page);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    auto* intro = new QLabel(tr("There is no vault on this computer yet. Choose the name and "
                                "password you will sign in with."),
                             page);
    intro->setWordWrap(true);

    m_owner = new QLineEdit(page);
    m_owner->setObjectName(QStringLiteral("ownerEdit"));
    m_owner->setAccessibleName(tr("Owner username"));
    m_newPassword = new PasswordField(QStringLiteral("newPasswordEdit"), tr("New password"), page);
    m_strength = makeMessageLabel(QStringLiteral("strengthLabel"), {}, page);
    m_strength->setAccessibleName(tr("Password strength"));
    m_confirmPassword =
        new PasswordField(QStringLiteral("confirmPasswordEdit"), tr("Confirm password"), page);
    m_createHint = makeMessageLabel(QStringLiteral("createHintLabel"), ErrorStyle, page);
    m_createHint->setAccessibleName(tr("Why the vault cannot be created yet"));
    auto* warning = new QLabel(tr("If you forget this password, nobody can recover the vault or "
                                  "the keys in it. Keep it somewhere safe."),
                               page);
    warning->setObjectName(QStringLiteral("recoveryWarning"));
    warning->setAccessibleName(tr("Warning"));
    warning->setWordWrap(true);
    warning->setStyleSheet(QStringLiteral("font-weight: bold;"));
    m_createButton = new QPushButton(tr("&Create vault"), page);
    m_createButton->setObjectName(QStringLiteral("createButton"));
    m_createButton->setAccessibleName(tr("Create vault"));
    m_createButton->setIcon(QIcon(QStringLiteral(":/icons/vault.svg")));
    m_createButton->setDefault(true);

    auto* form = new QFormLayout;
    form->addRow(tr("&Username:"), m_owner);
    form->addRow(tr("&Password:"), m_newPassword);
    // Spanning rows: a wrapped label in the field column is measured narrower than it is
    // shown, and leaves a gap above and below it.
    form->addRow(m_strength);
    form->addRow(tr("C&onfirm:"), m_confirmPassword);
    form->addRow(m_createHint);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(warning);
    layout->addWidget(m_createButton, 0, Qt::AlignRight);

    connect(m_owner, &QLineEdit::textChanged, this, &LoginWindow::updateCreateButton);
    connect(m_newPassword, &PasswordField::textChanged, this, &LoginWindow::updateCreateButton);
    connect(m_confirmPassword, &PasswordField::textChanged, this, &LoginWindow::updateCreateButton);
    connect(m_createButton, &QPushButton::clicked, this, &LoginWindow::createVault);
    connect(m_confirmPassword->edit(), &QLineEdit::returnPressed, this, [this] {
        if (m_createButton->isEnabled())
            createVault();
    });
    return page;
}

std::unique_ptr<Connection> LoginWindow::takeConnection() {
    return std::move(m_connection);
}

void LoginWindow::showLocked(const QString& message) {
    dropConnection();
    forgetRetryPassword();
    setBusy(false);
    setMessage(m_infoLabel, message);
    showError({});
    m_username->setText(m_context.preferences.lastUsername());
    reset();
    updatePage();
    show();
    raise();
    activateWindow();
    m_password->setFocus();
}

void LoginWindow::reset() {
    m_password->clear();
    m_newPassword->clear();
    m_confirmPassword->clear();
}

bool LoginWindow::isServerMode() const {
    return m_serverRadio->isChecked();
}

QString LoginWindow::serverUrl() const {
    return m_serverCombo->currentText().trimmed();
}

void LoginWindow::modeChanged() {
    m_context.preferences.setLastMode(isServerMode() ? Preferences::Mode::Server
                                                     : Preferences::Mode::Vault);
    showError({});
    updatePage();
    focusFirstNeeded();
}

// The cursor where typing is to start: the first field still empty, else the password.
void LoginWindow::focusFirstNeeded() {
    if (m_pages->currentWidget() != m_signInPage)
        m_owner->setFocus();
    else if (isServerMode() && serverUrl().isEmpty())
        m_serverCombo->setFocus();
    else if (m_username->text().trimmed().isEmpty())
        m_username->setFocus();
    else
        m_password->setFocus();
}

void LoginWindow::updatePage() {
    const bool server = isServerMode();
    const QString vaultPath = m_context.preferences.vaultPath();
    const bool firstRun = !server && !QFileInfo::exists(vaultPath);
    QWidget* shown = firstRun ? m_createPage : m_signInPage;
    m_pages->setCurrentWidget(shown);
    // A stack is as tall as its tallest page; the hidden page must not leave a gap.
    for (QWidget* page : {m_createPage, m_signInPage})
        page->setSizePolicy(QSizePolicy::Preferred,
                            page == shown ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    m_pages->adjustSize();
    auto* form = qobject_cast<QFormLayout*>(m_signInPage->layout());
    form->setRowVisible(m_serverRow, server);
    form->setRowVisible(m_vaultPathLabel, !server);
    m_vaultPathLabel->setText(QDir::toNativeSeparators(vaultPath));
    m_chooseVault->setVisible(!server);
    m_restoreBackup->setVisible(!server);
    setMessage(m_serverError, {});
}

void LoginWindow::updateCreateButton() {
    const QString owner = m_owner->text().trimmed();
    const QString password = m_newPassword->text();
    const QString confirm = m_confirmPassword->text();
    const PasswordStrength::Assessment strength = PasswordStrength::assess(password);
    setMessage(m_strength, PasswordStrength::describe(strength));
    m_strength->setStyleSheet(strengthStyle(strength.rating));

    QString reason;
    if (password.size() > 0 && password.size() < PasswordStrength::MinimumLength)
        reason = tr("The password needs at least %1 characters (%2 more).")
                     .arg(PasswordStrength::MinimumLength)
                     .arg(PasswordStrength::MinimumLength - password.size());
    else if (!confirm.isEmpty() && confirm != password)
        reason = tr("The two passwords do not match.");
    setMessage(m_createHint, reason);
    const bool complete = !owner.isEmpty() && !password.isEmpty() && confirm == password;
    m_createButton->setEnabled(!m_busy && complete && reason.isEmpty());
}

void LoginWindow::updateLoginButton() {
    m_loginButton->setEnabled(!m_busy && m_throttledUntil == 0);
}

void LoginWindow::setBusy(bool busy, const QString& text) {
    m_busy = busy;
    setMessage(m_busyLabel, busy ? text : QString());
    m_busyBar->setVisible(busy);
    m_vaultRadio->setEnabled(!busy);
    m_serverRadio->setEnabled(!busy);
    m_chooseVault->setEnabled(!busy);
    m_restoreBackup->setEnabled(!busy);
    m_serverCombo->setEnabled(!busy);
    m_username->setEnabled(!busy);
    m_password->setEnabled(!busy);
    m_remember->setEnabled(!busy);
    m_owner->setEnabled(!busy);
    m_newPassword->setEnabled(!busy);
    m_confirmPassword->setEnabled(!busy);
    if (busy)
        m_countdown->stop();
    updateLoginButton();
    updateCreateButton();
}

void LoginWindow::showError(const QString& message) {
    setMessage(m_errorLabel, message);
}

void LoginWindow::submit() {
    if (m_busy || m_throttledUntil != 0 || m_pages->currentWidget() != m_signInPage)
        return;
    showError({});
    const QString username = m_username->text().trimmed();
    if (isServerMode() && !isServerAddress(serverUrl())) {
        m_password->clear();
        setMessage(m_serverError, tr("Enter the server's address, starting with https://"));
        m_serverCombo->setFocus();
        return;
    }
    if (username.isEmpty()) {
        m_password->clear();
        showError(tr("Enter your username."));
        m_username->setFocus();
        return;
    }
    QString password = m_password->take();
    if (password.isEmpty()) {
        showError(tr("Enter your password."));
        m_password->setFocus();
        return;
    }
    const QString url = QUrl(serverUrl()).toString();
    if (isServerMode() && m_plainHttpAllowedUrl != url &&
        client::HttpTransport::isPlainBeyondLoopback(QUrl(url)))
        askPlainHttp(url, username, std::move(password));
    else if (isServerMode())
        signInToServer(url, username, std::move(password));
    else
        signInToVault(username, std::move(password));
}

void LoginWindow::signInToVault(const QString& username, QString password) {
    const QString path = m_context.preferences.vaultPath();
    dropConnection();
    m_connection = Connection::toVault(m_context.clock, m_context.vaultOptions);
    setBusy(true, tr("Opening the vault…"));
    auto secret = std::make_shared<QString>(std::move(password));
    QPointer<LoginWindow> self(this);
    Connection* connection = m_connection.get();
    connection->openVault(path,
                          [self, connection, username, secret](const vault::VaultStatus& status) {
                              if (!self || self->m_connection.get() != connection) {
                                  crypto::wipe(*secret);
                                  return;
                              }
                              if (!status.ok()) {
                                  crypto::wipe(*secret);
                                  self->dropConnection();
                                  self->setBusy(false);
                                  self->showError(status.message);
                                  self->m_password->setFocus();
                                  return;
                              }
                              self->setBusy(true, tr("Signing in…"));
                              self->loginOnConnection(username, std::move(*secret));
                          });
}

void LoginWindow::signInToServer(const QString& url, const QString& username, QString password) {
    dropConnection();
    CertificatePins& pins = m_context.preferences.certificatePins();
    if (!pins.isLoaded()) {
        // A pin restricts which certificate is accepted: connecting before the pins are read
        // would let any CA-trusted certificate through.
        m_retryPassword = std::move(password);
        setBusy(true, tr("Signing in to %1…").arg(url));
        pins.whenLoaded(this, [this, url, username](const QString& notice) {
            showPinNotice(notice);
            signInToServer(url, username, std::exchange(m_retryPassword, QString()));
        });
        return;
    }
    m_connection = Connection::toServer(QUrl(url), m_context.preferences.pinnedCertificate(url),
                                        m_plainHttpAllowedUrl == url);
    // Kept only in case the certificate must be trusted first; wiped once the login is decided.
    m_retryPassword = password;
    setBusy(true, tr("Signing in to %1…").arg(url));
    loginOnConnection(username, std::move(password));
}

void LoginWindow::createVault() {
    if (m_busy || !m_createButton->isEnabled())
        return;
    showError({});
    const QString owner = m_owner->text().trimmed();
    QString password = m_newPassword->take();
    m_confirmPassword->clear();
    const QString path = m_context.preferences.vaultPath();
    dropConnection();
    m_connection = Connection::toVault(m_context.clock, m_context.vaultOptions);
    setBusy(true, tr("Creating the vault (this takes a moment)…"));
    // One copy goes into createVault() (which wipes it), the other signs the owner in after.
    auto secret = std::make_shared<QString>(password);
    QPointer<LoginWindow> self(this);
    Connection* connection = m_connection.get();
    connection->createVault(path, owner, std::move(password),
                            [self, connection, owner, secret](const vault::VaultStatus& status) {
                                if (!self || self->m_connection.get() != connection) {
                                    crypto::wipe(*secret);
                                    return;
                                }
                                if (!status.ok()) {
                                    crypto::wipe(*secret);
                                    self->dropConnection();
                                    self->setBusy(false);
                                    self->showError(status.message);
                                    self->m_newPassword->setFocus();
                                    return;
                                }
                                qCInfo(lcUi) << "created a vault";
                                self->m_username->setText(owner);
                                self->setBusy(true, tr("Signing in…"));
                                self->loginOnConnection(owner, std::move(*secret));
                            });
}

void LoginWindow::loginOnConnection(const QString& username, QString password) {
    QPointer<LoginWindow> self(this);
    Connection* connection = m_connection.get();
    connection->session().login(
        username, std::move(password),
        [self, connection, username](const client::Result<client::Session::Identity>& result) {
            if (!self || self->m_connection.get() != connection)
                return;
            if (result.ok())
                self->loginSucceeded(username, false);
            else
                self->loginFailed(result.error, username);
        });
}

void LoginWindow::loginFailed(const client::ApiError& error, const QString& username) {
    using Kind = client::ApiError::Kind;
    const QString url = m_connection ? m_connection->serverUrl() : QString();
    setBusy(false);
    if (error.kind == Kind::Tls && m_connection &&
        m_connection->mode() == Connection::Mode::Server) {
        askTrust(error, url, username);
        return;
    }
    forgetRetryPassword();
    dropConnection();
    qCInfo(lcUi) << "sign-in failed:" << error.kind << error.status;
    switch (error.kind) {
    case Kind::Unauthorized:
        showError(tr("The username or password is wrong. Check them and try again."));
        break;
    case Kind::Throttled:
        startThrottle(error.retryAfterSecs.value_or(60));
        break;
    case Kind::Network:
        showError(tr("Could not reach the server at %1. Check the address and that the server is "
                     "running, then try again.")
                      .arg(url));
        break;
    case Kind::Timeout:
        showError(tr("The server at %1 did not answer in time. Check your network connection "
                     "and that the server is running, then try again.")
                      .arg(url));
        break;
    default:
        showError(error.message);
        break;
    }
    m_password->setFocus();
}

void LoginWindow::loginSucceeded(const QString& username, bool restored) {
    // What the server offers is known before the main window shows: no action it lacks is ever
    // offered (the seed's server has no change-password, for one).
    QPointer<LoginWindow> self(this);
    Connection* connection = m_connection.get();
    connection->session().learnCapabilities([self, connection, username, restored] {
        if (self && self->m_connection.get() == connection)
            self->signedIn(username, restored);
    });
}

void LoginWindow::signedIn(const QString& username, bool restored) {
    forgetRetryPassword();
    setBusy(false);
    showError({});
    setMessage(m_infoLabel, {});
    Preferences& preferences = m_context.preferences;
    const bool server = m_connection->mode() == Connection::Mode::Server;
    preferences.setLastMode(server ? Preferences::Mode::Server : Preferences::Mode::Vault);
    preferences.setLastUsername(username);
    if (server) {
        preferences.addRecentServer(m_connection->serverUrl());
        m_serverCombo->clear();
        m_serverCombo->addItems(preferences.recentServers());
    }
    const bool remember = restored || m_remember->isChecked();
    // The keychain is touched only by someone who opted in, now or last time.
    const bool rememberedBefore = preferences.rememberMe();
    preferences.setRememberMe(remember);
    QPointer<LoginWindow> self(this);
    // A restored vault keeps its remembered key's expiry; a server's token is stored again in
    // case the server gave a new one.
    if (remember && !(restored && !server))
        m_remembered->remember(*m_connection, username, [self](const QString& message) {
            if (self)
                emit self->rememberFinished(message);
        });
    else if (!remember && rememberedBefore)
        m_remembered->forget(*m_connection, username);
    updatePage();
    qCInfo(lcUi) << "signed in" << (server ? "to a server" : "to the vault");
    emit loggedIn();
}

void LoginWindow::startThrottle(qint64 seconds) {
    m_throttledUntil = m_context.clock.nowSecs() + std::max<qint64>(seconds, 1);
    m_countdown->start();
    tick();
}

void LoginWindow::tick() {
    if (m_throttledUntil == 0)
        return;
    const qint64 left = m_throttledUntil - m_context.clock.nowSecs();
    if (left <= 0) {
        m_throttledUntil = 0;
        m_countdown->stop();
        showError(tr("You can sign in again now."));
        updateLoginButton();
        return;
    }
    showError(tr("Too many sign-in attempts. Wait %1 s and try again.").arg(left));
    updateLoginButton();
}

void LoginWindow::askTrust(const client::ApiError& error, const QString& url,
                           const QString& username) {
    dropConnection();
    const bool changed = !m_context.preferences.pinnedCertificate(url).isEmpty();
    auto* dialog = new CertificateDialog(error, url, changed, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_certificateDialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog, url, username] {
        m_context.preferences.setPinnedCertificate(url, dialog->sha256());
        QString password = std::exchange(m_retryPassword, QString());
        signInToServer(url, username, std::move(password));
    });
    connect(dialog, &QDialog::rejected, this, [this] {
        forgetRetryPassword();
        showError(tr("PayCred did not sign in, because the server's certificate is not trusted."));
        m_password->setFocus();
    });
    dialog->open();
}

void LoginWindow::askPlainHttp(const QString& url, const QString& username, QString password) {
    // Kept only while the question is open; wiped when it closes either way.
    m_retryPassword = std::move(password);
    auto* box = ConfirmationBox::ask(
        {QStringLiteral("confirmPlainHttpBox"), QStringLiteral("confirmPlainHttpButton"),
         tr("Unencrypted connection"),
         tr("%1 is an http:// address: the connection to it is not encrypted.").arg(url),
         tr("Your password, your session and every key you reveal would travel unencrypted: "
            "anyone on the network between you and the server could read them. Use the server's "
            "https:// address instead; connect unencrypted only if your administrator says this "
            "network is private."),
         tr("Connect unencrypted")},
        this, [this, url, username] {
            qCWarning(lcUi) << "plain HTTP beyond loopback confirmed by the user";
            m_plainHttpAllowedUrl = url;
            signInToServer(url, username, std::exchange(m_retryPassword, QString()));
        });
    connect(box, &QMessageBox::finished, this, [this, url] {
        if (m_plainHttpAllowedUrl == url)
            return;
        forgetRetryPassword();
        showError(tr("PayCred did not sign in: the connection to %1 would not be encrypted. Use "
                     "the server's https:// address.")
                      .arg(url));
        m_serverCombo->setFocus();
    });
}

void LoginWindow::showPinNotice(const QString& notice) {
    if (!notice.isEmpty())
        setMessage(m_infoLabel, notice);
}

void LoginWindow::tryRemembered() {
    const Preferences& preferences = m_context.preferences;
    // At start: the pins are read first (and moved from where older versions kept them), since a
    // server connection must not be made without them (see signInToServer).
    CertificatePins& pins = preferences.certificatePins();
    const QString username = preferences.lastUsername();
    if (!pins.isLoaded()) {
        const bool waiting = !m_busy && preferences.rememberMe() && !username.isEmpty();
        if (waiting)
            setBusy(true, tr("Signing you in as %1…").arg(username));
        pins.whenLoaded(this, [this, waiting](const QString& notice) {
            if (waiting)
                setBusy(false);
            showPinNotice(notice);
            tryRemembered();
        });
        return;
    }
    if (m_busy || !preferences.rememberMe() || username.isEmpty())
        return;
    dropConnection();
    if (isServerMode()) {
        const QString url = QUrl(serverUrl()).toString();
        // Plain HTTP beyond loopback waits for the user to sign in (and confirm it) by hand.
        if (!isServerAddress(url) || client::HttpTransport::isPlainBeyondLoopback(QUrl(url)))
            return;
        m_connection = Connection::toServer(QUrl(url), preferences.pinnedCertificate(url));
    } else {
        if (!QFileInfo::exists(preferences.vaultPath()))
            return;
        m_connection = Connection::toVault(m_context.clock, m_context.vaultOptions);
    }
    m_username->setText(username);
    setBusy(true, tr("Signing you in as %1…").arg(username));
    QPointer<LoginWindow> self(this);
    Connection* connection = m_connection.get();
    m_remembered->restore(*connection, username,
                          [self, connection, username](bool ok, const QString& message) {
                              if (!self || self->m_connection.get() != connection)
                                  return;
                              if (ok) {
                                  self->loginSucceeded(username, true);
                                  return;
                              }
                              self->dropConnection();
                              self->setBusy(false);
                              setMessage(self->m_infoLabel, message);
                              self->m_password->setFocus();
                              emit self->rememberedLoginFailed(message);
                          });
}

void LoginWindow::chooseVaultFile() {
    const QString current = m_context.preferences.vaultPath();
    auto* dialog = new QFileDialog(this, tr("Open a vault file"), QFileInfo(current).absolutePath(),
                                   FileField::filterFor(FileField::Kind::Vault));
    dialog->setObjectName(QStringLiteral("vaultFileDialog"));
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& file) {
        m_context.preferences.setVaultPath(file);
        showError({});
        updatePage();
        m_password->setFocus();
    });
    dialog->open();
}

void LoginWindow::restoreBackup() {
    // A lost or damaged vault comes back as a new file; the one in use is never overwritten.
    const QFileInfo current(m_context.preferences.vaultPath());
    const QString target = current.exists()
                               ? current.dir().filePath(QStringLiteral("vault-restored.paycred"))
                               : current.filePath();
    auto* dialog = new RestoreDialog(target, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RestoreDialog::restored, this, [this](const QString& path) {
        m_context.preferences.setVaultPath(path);
        showError({});
        updatePage();
        setMessage(m_infoLabel, tr("The backup was restored to %1. Sign in with the password you "
                                   "had when the backup was made.")
                                    .arg(QDir::toNativeSeparators(path)));
        m_password->setFocus();
    });
    dialog->open();
}

void LoginWindow::dropConnection() {
    // Often called from a callback of this very connection: it goes once that call returns.
    if (m_connection)
        m_connection.release()->deleteLater();
}

void LoginWindow::forgetRetryPassword() {
    crypto::wipe(m_retryPassword);
    m_retryPassword.clear();
}

} // namespace paycred::ui
