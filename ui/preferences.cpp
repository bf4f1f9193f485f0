#include "ui/preferences.h"

#include "ui/certificatepins.h"
#include "ui/language.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QUrl>

#include <algorithm>

namespace paycred::ui {

namespace {

constexpr auto ClipboardKey = "security/clipboardClearSecs";
constexpr auto RevealKey = "security/revealHideSecs";
constexpr auto AutoLockKey = "security/autoLockMinutes";
constexpr auto AskLiveKey = "security/askPasswordForLiveReveal";
constexpr auto ModeKey = "login/mode";
constexpr auto UsernameKey = "login/username";
constexpr auto RememberKey = "login/rememberMe";
constexpr auto RecentKey = "login/recentServers";
constexpr auto VaultPathKey = "vault/path";
constexpr auto LanguageKey = "ui/language";

} // namespace

Preferences::Preferences(QSettings& settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_pins(new CertificatePins(settings, QStringLiteral("PayCred"), {}, this)) {}

int Preferences::bounded(const char* key, int fallback, int low, int high) const {
    bool ok = false;
    const int value = m_settings.value(QLatin1String(key), fallback).toInt(&ok);
    if (!ok)
        return fallback;
    return std::clamp(value, low, high);
}

int Preferences::clipboardClearSecs() const {
    return bounded(ClipboardKey, DefaultClipboardClearSecs, 5, 600);
}

void Preferences::setClipboardClearSecs(int secs) {
    m_settings.setValue(QLatin1String(ClipboardKey), std::clamp(secs, 5, 600));
    emit changed();
}

int Preferences::revealHideSecs() const {
    return bounded(RevealKey, DefaultRevealHideSecs, 5, 600);
}

void Preferences::setRevealHideSecs(int secs) {
    m_settings.setValue(QLatin1String(RevealKey), std::clamp(secs, 5, 600));
    emit changed();
}

int Preferences::autoLockMinutes() const {
    return bounded(AutoLockKey, DefaultAutoLockMinutes, 0, 240);
}

void Preferences::setAutoLockMinutes(int minutes) {
    m_settings.setValue(QLatin1String(AutoLockKey), std::clamp(minutes, 0, 240));
    emit changed();
}

bool Preferences::askPasswordForLiveReveal() const {
    return m_settings.value(QLatin1String(AskLiveKey), true).toBool();
}

void Preferences::setAskPasswordForLiveReveal(bool ask) {
    m_settings.setValue(QLatin1String(AskLiveKey), ask);
    emit changed();
}

QString Preferences::language() const {
    const QString code = m_settings.value(QLatin1String(LanguageKey)).toString();
    return Language::isKnown(code) ? code : QString();
}

void Preferences::setLanguage(const QString& code) {
    if (code.isEmpty() || !Language::isKnown(code))
        m_settings.remove(QLatin1String(LanguageKey));
    else
        m_settings.setValue(QLatin1String(LanguageKey), code);
}

Preferences::Mode Preferences::lastMode() const {
    return m_settings.value(QLatin1String(ModeKey)).toString() == QLatin1String("server")
               ? Mode::Server
               : Mode::Vault;
}

void Preferences::setLastMode(Mode mode) {
    m_settings.setValue(QLatin1String(ModeKey),
                        mode == Mode::Server ? QStringLiteral("server") : QStringLiteral("vault"));
}

QString Preferences::lastUsername() const {
    return m_settings.value(QLatin1String(UsernameKey)).toString();
}

void Preferences::setLastUsername(const QString& username) {
    m_settings.setValue(QLatin1String(UsernameKey), username);
}

bool Preferences::rememberMe() const {
    return m_settings.value(QLatin1String(RememberKey), false).toBool();
}

void Preferences::setRememberMe(bool remember) {
    m_settings.setValue(QLatin1String(RememberKey), remember);
}

QStringList Preferences::recentServers() const {
    return m_settings.value(QLatin1String(RecentKey)).toStringList().mid(0, MaxRecentServers);
}

void Preferences::addRecentServer(const QString& url) {
    const QString trimmed = url.trimmed();
    if (trimmed.isEmpty())
        return;
    QStringList servers = recentServers();
    servers.removeAll(trimmed);
    servers.prepend(trimmed);
    m_settings.setValue(QLatin1String(RecentKey), servers.mid(0, MaxRecentServers));
}

QByteArray Preferences::pinnedCertificate(const QString& serverUrl) const {
    return m_pins->pin(QUrl(serverUrl.trimmed()));
}

void Preferences::setPinnedCertificate(const QString& serverUrl, const QByteArray& sha256Hex) {
    m_pins->setPin(QUrl(serverUrl.trimmed()), sha256Hex);
}

QString Preferences::vaultPath() const {
    QString chosen = m_settings.value(QLatin1String(VaultPathKey)).toString();
    if (!chosen.isEmpty())
        return chosen;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(folder).filePath(QStringLiteral("vault.paycred"));
}

void Preferences::setVaultPath(const QString& path) {
    m_settings.setValue(QLatin1String(VaultPathKey), path);
}

QByteArray Preferences::layout(const QString& name) const {
    return m_settings.value(QStringLiteral("layout/") + name).toByteArray();
}

void Preferences::setLayout(const QString& name, const QByteArray& state) {
    m_settings.setValue(QStringLiteral("layout/") + name, state);
}

} // namespace paycred::ui
