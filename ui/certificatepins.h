#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <functional>
#include <vector>

class QSettings;

namespace paycred::vault {
class KeychainStore;
}

namespace paycred::ui {

// CertificatePins: the certificate the user pinned for each server (host:port), kept in the
// system keychain with the app's other secrets — or, where there is no keychain, in a file only
// the user can read (0600) in the app's data folder, which the app says once.
//
// A pin restricts (client::HttpTransport): only the pinned certificate is accepted for that
// server. Hence a lookup before the pins are loaded would let any CA-trusted certificate through:
// whenLoaded() runs its callback only once they are. Loading also moves the pins that older
// versions kept in QSettings ("pins/…") here, then removes them there. Pins changed before the
// load finishes win over the stored ones (they are newer).
class CertificatePins : public QObject {
    Q_OBJECT
public:
    enum class Storage { NotLoaded, Keychain, File };
    Q_ENUM(Storage)

    static constexpr auto KeychainKey = "certificate-pins";
    static constexpr auto NoticeShownKey = "security/pinFileNoticeShown";

    // `settings` is not owned and must outlive this object. `fallbackFile`: the 0600 file used
    // without a keychain (empty: certificate-pins.json in the app's data folder).
    CertificatePins(QSettings& settings, QString keychainService, QString fallbackFile = {},
                    QObject* parent = nullptr);
    ~CertificatePins() override;

    // Before the first load only (tests; the app's main uses the defaults).
    void setStorage(const QString& keychainService, const QString& fallbackFile);

    // Loads once (the first call starts it), then runs `done` on this object's thread; `notice`
    // is a sentence for the user the one time the pins are found to live in a file (remembered in
    // QSettings), otherwise empty. `context`: `done` is dropped once it is destroyed.
    void whenLoaded(QObject* context, std::function<void(QString notice)> done);
    bool isLoaded() const { return m_storage != Storage::NotLoaded; }
    Storage storage() const { return m_storage; }
    QString fallbackFile() const { return m_fallbackFile; }

    // The SHA-256 (lower-case hex) pinned for `server`'s host:port, or empty.
    QByteArray pin(const QUrl& server) const;
    // Pins `sha256Hex` for `server` (empty: removes the pin) and stores all pins.
    void setPin(const QUrl& server, const QByteArray& sha256Hex);

    // "host:port" (lower-case host; the scheme's port when none is given): a pin's key.
    static QString serverKey(const QUrl& server);
    static QString fileNotice();

signals:
    // A store finished; `storage` is where the pins are now.
    void stored(paycred::ui::CertificatePins::Storage storage);

private:
    void loaded(Storage storage, const QByteArray& json);
    void migrateFromSettings();
    void store();
    bool writeFile(const QByteArray& json) const;
    QByteArray readFile() const;
    QByteArray toJson() const;
    void settle();

    QSettings& m_settings;
    QString m_fallbackFile;
    vault::KeychainStore* m_keychain = nullptr;
    Storage m_storage = Storage::NotLoaded;
    bool m_loading = false;
    QHash<QString, QByteArray> m_pins;
    QHash<QString, QByteArray> m_changedBeforeLoad; // empty value: removed
    struct Waiter {
        QPointer<QObject> context;
        bool hasContext = false;
        std::function<void(QString)> done;
    };
    std::vector<Waiter> m_waiters;
    QString m_notice;
};

} // namespace paycred::ui
