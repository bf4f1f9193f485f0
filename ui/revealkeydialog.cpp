#include "ui/revealkeydialog.h"

#include "core/foundation/clock.h"
#include "ui/credentialtext.h"
#include "ui/keyview.h"
#include "ui/logging.h"
#include "ui/windowfit.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

namespace paycred::ui {

RevealKeyDialog::RevealKeyDialog(client::CredentialsClient::RevealedKey key, const Clock& clock,
                                 int hideAfterSecs, QWidget* parent)
    : QDialog(parent)
    , m_clock(clock)
    , m_hideAfterSecs(hideAfterSecs)
    , m_credentialId(key.credentialId)
    , m_key(std::move(key.privateKey))
    , m_view(new KeyView(QStringLiteral("privateKeyView"), tr("Private key"), this))
    , m_showButton(new QPushButton(tr("&Show"), this))
    , m_copyButton(new QPushButton(tr("C&opy"), this))
    , m_countdownLabel(new QLabel(this))
    , m_closeButton(nullptr)
    , m_timer(new QTimer(this)) {
    setObjectName(QStringLiteral("revealKeyDialog"));
    WindowFit::apply(this, 64);
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
        auto* apiKey = new KeyView(QStringLiteral("apiKeyView"), tr("API key"), this);
        apiKey->setKey(*key.apiKey);
        crypto::wipe(*key.apiKey);
        form->addRow(tr("API key:"), apiKey);
    }

    m_view->setMasked();

    m_showButton->setObjectName(QStringLiteral("showKeyButton"));
    m_showButton->setAccessibleName(tr("Show the private key"));
    m_showButton->setCheckable(true);
    m_showButton->setIcon(QIcon(QStringLiteral(":/icons/reveal.svg")));
    m_showButton->setAutoDefault(false);
    m_copyButton->setObjectName(QStringLiteral("copyButton"));
    m_copyButton->setAccessibleName(tr("Copy the private key"));
    m_copyButton->setIcon(QIcon(QStringLiteral(":/icons/copy.svg")));
    m_copyButton->setAutoDefault(false);
    form->addRow(tr("Private key:"), m_view);

    m_countdownLabel->setObjectName(QStringLiteral("countdownLabel"));
    m_countdownLabel->setAccessibleName(tr("Time until the key is hidden"));
    m_countdownLabel->setVisible(false);
    // Below the form, not in it: a row of buttons in a form row beside a wrapped key is given
    // less than its height there (QFormLayout's height for a width).
    auto* keyButtons = new QHBoxLayout;
    keyButtons->addWidget(m_countdownLabel);
    keyButtons->addStretch(1);
    keyButtons->addWidget(m_showButton);
    keyButtons->addWidget(m_copyButton);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_closeButton = buttons->button(QDialogButtonBox::Close);
    m_closeButton->setObjectName(QStringLiteral("closeButton"));
    m_closeButton->setAccessibleName(tr("Close"));
    m_closeButton->setDefault(true);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(heading);
    layout->addLayout(form);
    layout->addLayout(keyButtons);
    layout->addStretch(1);
    layout->addWidget(buttons);

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
    return !m_view->isMasked();
}

void RevealKeyDialog::setKeyShown(bool shown) {
    if (shown && m_key.isEmpty())
        shown = false; // nothing left to show after closing
    if (shown) {
        QByteArray bytes = m_key.reveal();
        QString text = QString::fromUtf8(bytes);
        m_view->setKey(text);
        crypto::wipe(text);
        crypto::wipe(bytes);
    } else if (!m_view->isMasked()) {
        m_view->setMasked();
    }
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
    m_view->forget();
    m_key.clear();
}

void RevealKeyDialog::done(int result) {
    setKeyShown(false);
    forgetKey();
    QDialog::done(result);
}

} // namespace paycred::ui
