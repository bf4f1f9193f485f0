#include "ui/revealkeydialog.h"

#include "core/foundation/clock.h"
#include "ui/credentialtext.h"
#include "ui/logging.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

namespace paycred::ui {

namespace {

QLineEdit* readOnlyView(const QString& objectName, const QString& accessibleName, QWidget* parent) {
    auto* view = new QLineEdit(parent);
    view->setObjectName(objectName);
    view->setAccessibleName(accessibleName);
    view->setReadOnly(true);
    return view;
}

} // namespace

RevealKeyDialog::RevealKeyDialog(client::CredentialsClient::RevealedKey key, const Clock& clock,
                                 int hideAfterSecs, QWidget* parent)
    : QDialog(parent)
    , m_clock(clock)
    , m_hideAfterSecs(hideAfterSecs)
    , m_credentialId(key.credentialId)
    , m_key(std::move(key.privateKey))
    , m_view(readOnlyView(QStringLiteral("privateKeyView"), tr("Private key"), this))
    , m_showButton(new QPushButton(tr("&Show"), this))
    , m_copyButton(new QPushButton(tr("C&opy"), this))
    , m_countdownLabel(new QLabel(this))
    , m_closeButton(nullptr)
    , m_timer(new QTimer(this)) {
    setObjectName(QStringLiteral("revealKeyDialog"));
    const QString provider = key.providerDisplay.isEmpty() ? key.provider : key.providerDisplay;
    setWindowTitle(tr("Private key of %1").arg(provider));
    setAccessibleName(windowTitle());
    setModal(true);

    auto* title = new QLabel(tr("%1 — credential #%2").arg(provider).arg(m_credentialId), this);
    title->setObjectName(QStringLiteral("titleLabel"));
    auto* icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon->setPixmap(providerIcon(key.provider).pixmap(size, size));
    auto* heading = new QHBoxLayout;
    heading->addWidget(icon);
    heading->addWidget(title, 1);

    auto* form = new QFormLayout;
    if (key.apiKey) {
        auto* apiKey = readOnlyView(QStringLiteral("apiKeyView"), tr("API key"), this);
        apiKey->setText(*key.apiKey);
        crypto::wipe(*key.apiKey);
        form->addRow(tr("API key:"), apiKey);
    }

    m_view->setEchoMode(QLineEdit::Password);
    QByteArray bytes = m_key.reveal();
    m_view->setText(QString::fromUtf8(bytes));
    crypto::wipe(bytes);

    m_showButton->setObjectName(QStringLiteral("showKeyButton"));
    m_showButton->setAccessibleName(tr("Show the private key"));
    m_showButton->setCheckable(true);
    m_showButton->setIcon(QIcon(QStringLiteral(":/icons/reveal.svg")));
    m_showButton->setAutoDefault(false);
    m_copyButton->setObjectName(QStringLiteral("copyButton"));
    m_copyButton->setAccessibleName(tr("Copy the private key"));
    m_copyButton->setIcon(QIcon(QStringLiteral(":/icons/copy.svg")));
    m_copyButton->setAutoDefault(false);
    auto* keyRow = new QHBoxLayout;
    keyRow->addWidget(m_view, 1);
    keyRow->addWidget(m_showButton);
    keyRow->addWidget(m_copyButton);
    form->addRow(tr("Private key:"), keyRow);

    m_countdownLabel->setObjectName(QStringLiteral("countdownLabel"));
    m_countdownLabel->setAccessibleName(tr("Time until the key is hidden"));
    m_countdownLabel->setVisible(false);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_closeButton = buttons->button(QDialogButtonBox::Close);
    m_closeButton->setObjectName(QStringLiteral("closeButton"));
    m_closeButton->setAccessibleName(tr("Close"));
    m_closeButton->setDefault(true);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(heading);
    layout->addLayout(form);
    layout->addWidget(m_countdownLabel);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(460);

    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &RevealKeyDialog::tick);
    connect(m_showButton, &QPushButton::toggled, this, &RevealKeyDialog::setKeyShown);
    connect(m_copyButton, &QPushButton::clicked, this, &RevealKeyDialog::copyRequested);
    connect(m_closeButton, &QPushButton::clicked, this, &RevealKeyDialog::reject);
    m_closeButton->setFocus();
}

RevealKeyDialog::~RevealKeyDialog() {
    forgetKey();
}

bool RevealKeyDialog::isKeyShown() const {
    return m_view->echoMode() == QLineEdit::Normal;
}

void RevealKeyDialog::setKeyShown(bool shown) {
    if (shown && m_key.isEmpty())
        shown = false; // nothing left to show after closing
    m_view->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
    m_showButton->setText(shown ? tr("&Hide") : tr("&Show"));
    m_showButton->setAccessibleName(shown ? tr("Hide the private key")
                                          : tr("Show the private key"));
    m_showButton->setIcon(QIcon(shown ? QStringLiteral(":/icons/conceal.svg")
                                      : QStringLiteral(":/icons/reveal.svg")));
    {
        const QSignalBlocker quiet(m_showButton); // this is the reaction to its toggled()
        m_showButton->setChecked(shown);
    }
    m_countdownLabel->setVisible(shown);
    if (!shown) {
        m_timer->stop();
        return;
    }
    // Each showing gets the whole time again.
    m_shownAt = m_clock.now();
    m_timer->start();
    tick();
}

qint64 RevealKeyDialog::secondsLeft() const {
    const qint64 leftMs = qint64(m_hideAfterSecs) * 1000 - m_shownAt.msecsTo(m_clock.now());
    return leftMs <= 0 ? 0 : (leftMs + 999) / 1000;
}

void RevealKeyDialog::tick() {
    if (!isKeyShown())
        return;
    const qint64 left = secondsLeft();
    if (left <= 0) {
        qCDebug(lcUi) << "the revealed key of credential" << m_credentialId << "is hidden again";
        setKeyShown(false);
        return;
    }
    m_countdownLabel->setText(tr("Hidden again in %1 s").arg(left));
}

void RevealKeyDialog::forgetKey() {
    m_timer->stop();
    QString text = m_view->text();
    m_view->setText(QString()); // setText(), unlike clear(), keeps no undo history
    crypto::wipe(text);
    m_key.clear();
}

void RevealKeyDialog::done(int result) {
    setKeyShown(false);
    forgetKey();
    QDialog::done(result);
}

} // namespace paycred::ui
