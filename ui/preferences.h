#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>

class QSettings;

namespace paycred::ui {

class CertificatePins;

// Preferences: what the desktop app remembers between runs (QSettings), with the defaults a
// careful operator would choose. Holds no secret; the certificate pins live in the keychain
// (CertificatePins), reached through here.
class Preferences : public QObject {
    Q_OBJECT
public:
    static constexpr int DefaultClipboardClearSecs = 30;
    static constexpr int DefaultRevealHideSecs = 30;
    static constexpr int DefaultAutoLockMinutes = 5;
    static constexpr int MaxRecentServers = 8;

    enum class Mode { Vault, Server };

    // `settings` is not owned and must outlive this object.
    explicit Preferences(QSettings& settings, QObject* parent = nullptr);

    // Seconds a copied private key stays on the clipboard (5..600).
    int clipboardClearSecs() const;
    void setClipboardClearSecs(int secs);
    // Seconds a revealed private key stays visible (5..600).
    int revealHideSecs() const;
    void setRevealHideSecs(int secs);
    // Minutes without input before the app locks (0: never; at most 240).
    int autoLockMinutes() const;
    void setAutoLockMinutes(int minutes);
    // Ask the password again before revealing a live key.
    bool askPasswordForLiveReveal() const;
    void setAskPasswordForLiveReveal(bool ask);

    // The language the app speaks from its next start (Language's codes; "" the system's).
    QString language() const;
    void setLanguage(const QString& code);

    // The login window's last choices.
    Mode lastMode() const;
    void setLastMode(Mode mode);
    QString lastUsername() const;
    void setLastUsername(const QString& username);
    bool rememberMe() const;
    void setRememberMe(bool remember);

    // Servers used before, most recent first, at most MaxRecentServers.
    QStringList recentServers() const;
    void addRecentServer(const QString& url);

    // The SHA-256 (lower-case hex) of the one certificate accepted for a server (its host:port),
    // or empty. Valid once certificatePins().whenLoaded() has answered.
    QByteArray pinnedCertificate(const QString& serverUrl) const;
    void setPinnedCertificate(const QString& serverUrl, const QByteArray& sha256Hex);
    CertificatePins& certificatePins() const { return *m_pins; }

    // The local vault's file: the one chosen before, or vault.paycred in the app's data folder.
    QString vaultPath() const;
    void setVaultPath(const QString& path);

    // Window geometry and header layouts, by name ("mainWindow", "credentialTable").
    QByteArray layout(const QString& name) const;
    void setLayout(const QString& name, const QByteArray& state);

signals:
    // Any of the timeouts or the reveal rule changed.
    void changed();

private:
    int bounded(const char* key, int fallback, int low, int high) const;

    QSettings& m_settings;
    CertificatePins* m_pins;
};

} // namespace paycred::ui
