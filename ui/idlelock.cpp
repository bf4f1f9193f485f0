#include "ui/idlelock.h"

#include "core/foundation/clock.h"
#include "core/vault/vault.h"
#include "ui/logging.h"

#include <QCoreApplication>
#include <QEvent>

#include <algorithm>

namespace paycred::ui {

namespace {

constexpr int CheckIntervalMs = 5000;
// Vault::touch() takes the vault's mutex; a mouse sweep must not take it hundreds of times.
constexpr qint64 TouchIntervalMs = 1000;

bool isUserInput(QEvent::Type type) {
    switch (type) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonDblClick:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
        return true;
    default:
        return false;
    }
}

} // namespace

IdleLock::IdleLock(const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_clock(clock)
    , m_lastActivityMs(clock.now().toMSecsSinceEpoch()) {
    m_timer.setInterval(CheckIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &IdleLock::check);
}

IdleLock::~IdleLock() {
    stop();
}

void IdleLock::start() {
    if (!m_running && QCoreApplication::instance())
        QCoreApplication::instance()->installEventFilter(this);
    m_running = true;
    m_timer.start();
    noteActivity();
}

void IdleLock::stop() {
    if (m_running && QCoreApplication::instance())
        QCoreApplication::instance()->removeEventFilter(this);
    m_running = false;
    m_timer.stop();
}

void IdleLock::setTimeoutSecs(int secs) {
    m_timeoutSecs = std::max(0, secs);
    if (m_vault)
        m_vault->setIdleLockSecs(m_timeoutSecs);
}

void IdleLock::setVault(vault::Vault* vault) {
    m_vault = vault;
    m_lastTouchMs = 0;
    m_idleReported = false;
    if (!m_vault)
        return;
    m_vault->setIdleLockSecs(m_timeoutSecs);
    noteActivity();
}

int IdleLock::remainingSecs() const {
    if (m_timeoutSecs <= 0)
        return 0;
    const qint64 leftMs =
        m_lastActivityMs + qint64(m_timeoutSecs) * 1000 - m_clock.now().toMSecsSinceEpoch();
    return leftMs > 0 ? int((leftMs + 999) / 1000) : 0;
}

void IdleLock::noteActivity() {
    const qint64 now = m_clock.now().toMSecsSinceEpoch();
    m_lastActivityMs = now;
    m_idleReported = false;
    if (!m_vault || (m_lastTouchMs != 0 && now - m_lastTouchMs < TouchIntervalMs))
        return;
    m_lastTouchMs = now;
    m_vault->touch();
}

void IdleLock::check() {
    if (m_timeoutSecs <= 0)
        return;
    // A vault answers "locked just now" once per idle period by itself (it is locked after).
    if (m_vault ? !m_vault->lockIfIdle() : (m_idleReported || remainingSecs() > 0))
        return;
    m_idleReported = true;
    qCInfo(lcUi) << "idle for" << m_timeoutSecs << "s: locking";
    emit idle();
}

bool IdleLock::eventFilter(QObject* watched, QEvent* event) {
    // Spontaneous: from the window system, i.e. the user — not an event the app made up (Qt
    // sends synthetic mouse moves when a widget appears under a resting cursor).
    if (event->spontaneous() && isUserInput(event->type()))
        noteActivity();
    return QObject::eventFilter(watched, event);
}

} // namespace paycred::ui
