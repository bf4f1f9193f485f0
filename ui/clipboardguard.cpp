#include "ui/clipboardguard.h"

#include "core/crypto/digest.h"
#include "core/crypto/secret.h"
#include "core/foundation/clock.h"
#include "ui/logging.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>

#include <memory>

namespace paycred::ui {

namespace {

// The digest of `text`, with the UTF-8 copy made for it wiped.
QByteArray digestOf(const QString& text) {
    QByteArray utf8 = text.toUtf8();
    QByteArray digest = crypto::Digest::sha256(utf8);
    crypto::wipe(utf8);
    return digest;
}

QClipboard* clipboard() {
    return qobject_cast<QGuiApplication*>(QCoreApplication::instance())
               ? QGuiApplication::clipboard()
               : nullptr;
}

} // namespace

ClipboardGuard::ClipboardGuard(const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_clock(clock) {
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &ClipboardGuard::tick);
    if (QClipboard* board = clipboard())
        connect(board, &QClipboard::dataChanged, this, &ClipboardGuard::onClipboardChanged);
}

ClipboardGuard::~ClipboardGuard() {
    // The app quits: the key must not stay behind on the clipboard. Quietly: the guard's parent
    // may be half destroyed already, so nothing may be told.
    if (holdsSecret())
        clearClipboard();
}

void ClipboardGuard::copySecret(QString text, int clearAfterSecs) {
    QClipboard* board = clipboard();
    if (!board || text.isEmpty()) {
        crypto::wipe(text);
        return;
    }
    m_digest = digestOf(text);
    auto mime = std::make_unique<QMimeData>();
    mime->setText(text);
    mime->setData(PasswordManagerHint, QByteArrayLiteral("secret"));
    crypto::wipe(text);
    // Set before the clipboard announces the change, so onClipboardChanged() sees it is ours.
    m_deadline = clearAfterSecs > 0 ? m_clock.now().addSecs(clearAfterSecs) : QDateTime();
    board->setMimeData(mime.release(), QClipboard::Clipboard);
    qCDebug(lcUi) << "a secret is on the clipboard for" << clearAfterSecs << "s";

    if (!isPending()) {
        m_timer.stop();
        m_announced = 0;
        return;
    }
    m_timer.start();
    m_announced = remainingSecs();
    emit countdownChanged(m_announced);
}

int ClipboardGuard::remainingSecs() const {
    if (!isPending())
        return 0;
    const qint64 leftMs = m_clock.now().msecsTo(m_deadline);
    if (leftMs <= 0)
        return 0;
    return int((leftMs + 999) / 1000);
}

bool ClipboardGuard::isPending() const {
    return holdsSecret() && m_deadline.isValid();
}

void ClipboardGuard::tick() {
    if (!isPending())
        return;
    const int remaining = remainingSecs();
    if (remaining <= 0) {
        clearNow();
        return;
    }
    if (remaining == m_announced)
        return;
    m_announced = remaining;
    emit countdownChanged(remaining);
}

void ClipboardGuard::clearNow() {
    if (!holdsSecret())
        return;
    finish(clearClipboard());
}

bool ClipboardGuard::clearClipboard() {
    QClipboard* board = clipboard();
    if (!board) {
        m_digest.clear();
        return false;
    }
    const bool inClipboard = holdsOurs(QClipboard::Clipboard);
    const bool inSelection = board->supportsSelection() && holdsOurs(QClipboard::Selection);
    // Clearing makes the clipboard announce a change, which must not count as the user's.
    m_digest.clear();
    if (inClipboard)
        board->clear(QClipboard::Clipboard);
    if (inSelection)
        board->clear(QClipboard::Selection);
    return inClipboard || inSelection;
}

bool ClipboardGuard::holdsOurs(int mode) const {
    QClipboard* board = clipboard();
    if (!board || m_digest.isEmpty())
        return false;
    QString current = board->text(QClipboard::Mode(mode));
    const bool ours =
        !current.isEmpty() && crypto::Digest::constantTimeEquals(digestOf(current), m_digest);
    crypto::wipe(current);
    return ours;
}

void ClipboardGuard::onClipboardChanged() {
    if (!holdsSecret() || holdsOurs(QClipboard::Clipboard))
        return;
    // The user copied something else: ours is gone, theirs stays.
    finish(false);
}

void ClipboardGuard::finish(bool wasOurs) {
    m_digest.clear();
    m_deadline = QDateTime();
    m_timer.stop();
    m_announced = 0;
    qCDebug(lcUi) << "clipboard guard done; the secret was"
                  << (wasOurs ? "cleared" : "already gone");
    emit countdownChanged(0);
    emit cleared(wasOurs);
}

} // namespace paycred::ui
