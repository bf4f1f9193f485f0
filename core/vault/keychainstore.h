#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <chrono>
#include <functional>

namespace paycred::vault {

// KeychainStore: the system keychain (Secret Service, Keychain, Credential Manager) through
// QtKeychain, asynchronously: every call returns at once and its callback runs later on this
// object's thread, from the event loop. Entries are bytes under (service, key).
//
// A keychain that is missing, locked, unreachable or slow is one answer, Unavailable: the
// caller falls back to asking the user. Nothing here logs a value.
//
// Callbacks are not called once this object is destroyed (a job already handed to QtKeychain
// still finishes; its result is dropped).
class KeychainStore : public QObject {
    Q_OBJECT
public:
    enum class Status {
        Ok,
        NotFound,    // read: no entry under the key
        Unavailable, // no keychain, a locked or refusing one, an error, or no answer in time
    };

    struct Reply {
        Status status = Status::Unavailable;
        // read: the entry's bytes. The receiver owns wiping them (crypto::wipe or
        // wipeInPlace()): this array shares its storage with nobody once the callback runs.
        QByteArray data;
        // Unavailable: QtKeychain's error code and text, for the log (never a value).
        int errorCode = 0;
        QString errorText;
        bool ok() const { return status == Status::Ok; }
    };
    using Callback = std::function<void(Reply)>;

    static constexpr std::chrono::milliseconds DefaultReadTimeout{10000};

    explicit KeychainStore(QString service, QObject* parent = nullptr);
    ~KeychainStore() override;

    QString service() const { return m_service; }

    // A read that has no answer after this long is answered Unavailable (a keychain on a session
    // bus that never replies holds QtKeychain for D-Bus's 25 s timeout). Writes and removals
    // have no such limit: their callback reports what really happened.
    void setReadTimeout(std::chrono::milliseconds timeout) { m_readTimeout = timeout; }
    std::chrono::milliseconds readTimeout() const { return m_readTimeout; }

    void read(const QString& key, Callback done);
    // Stores `data` under `key`, replacing an existing entry. `data` is overwritten in place
    // once the keychain has answered (the array handed to QtKeychain shares its storage).
    void write(const QString& key, QByteArray data, Callback done);
    // Removes the entry; a key with no entry is Ok too.
    void remove(const QString& key, Callback done);

    // Overwrites the bytes of `bytes`' storage where they are — also when that storage is shared
    // with another QByteArray (which then reads zeros) — and empties `bytes`. For buffers whose
    // other owners are done with them, such as the data a finished keychain job held.
    static void wipeInPlace(QByteArray& bytes);

private:
    QString m_service;
    std::chrono::milliseconds m_readTimeout = DefaultReadTimeout;
};

} // namespace paycred::vault
