#include "core/vault/rememberedunlock.h"

#include "core/foundation/clock.h"
#include "core/vault/keychainstore.h"
#include "core/vault/rememberedslot.h"
#include "core/vault/vault.h"

#include <QMetaObject>
#include <QPointer>

#include <memory>
#include <optional>
#include <utility>

namespace paycred::vault {

namespace {

// 2: the entry holds a remembered slot's secret. 1 (older versions) held the master key itself:
// such an entry reads as malformed and is deleted.
constexpr int FormatVersion = 2;
constexpr qsizetype SecretBytes = RememberedSlot::SecretBytes;

QString rememberFailedMessage() {
    return QObject::tr("Your system keychain is not available, so PayCred cannot remember the "
                       "unlock and will ask for your password next time.");
}

QString forgetFailedMessage() {
    return QObject::tr("Your system keychain is not available, so the remembered unlock could "
                       "not be removed. It expires by itself; try again when the keychain is "
                       "available.");
}

QString forgottenButKeptMessage() {
    return QObject::tr("The remembered unlock was removed from the vault, so it no longer opens "
                       "it, but your system keychain is not available to delete its entry. "
                       "PayCred removes it next time.");
}

QString notForgottenMessage() {
    return QObject::tr("The remembered unlock could not be removed from the vault file. It "
                       "expires by itself; check that the vault file is writable and log out "
                       "again.");
}

QString notKeptMessage() {
    return QObject::tr("The vault could not keep the remembered unlock, so PayCred will ask for "
                       "your password next time.");
}

QString refusedMessage() {
    return QObject::tr("There is no unlocked vault to remember, so nothing was kept in your "
                       "system keychain.");
}

QString staleMessage() {
    return QObject::tr("The remembered unlock no longer opens this vault, so PayCred will ask for "
                       "your password.");
}

// Reads the flat JSON object encode() writes: members whose values are strings without escapes
// or integers, nothing nested. Views point into the input; nothing is copied.
class FlatJsonReader {
public:
    explicit FlatJsonReader(QByteArrayView text)
        : m_text(text) {}

    struct Member {
        QByteArrayView name;
        QByteArrayView string;         // when a string
        std::optional<qint64> integer; // when an integer
    };

    // Calls `member` for each member in order; false when the text is not such an object or
    // `member` returns false.
    template <typename F> bool read(F&& member) {
        skipSpace();
        if (!eat('{'))
            return false;
        skipSpace();
        if (eat('}'))
            return atEnd();
        for (;;) {
            Member m;
            skipSpace();
            if (!string(m.name))
                return false;
            skipSpace();
            if (!eat(':'))
                return false;
            skipSpace();
            if (peek() == '"') {
                if (!string(m.string))
                    return false;
            } else {
                qint64 value = 0;
                if (!integer(value))
                    return false;
                m.integer = value;
            }
            if (!member(m))
                return false;
            skipSpace();
            if (eat(','))
                continue;
            if (eat('}'))
                return atEnd();
            return false;
        }
    }

private:
    char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }
    bool eat(char c) {
        if (m_pos < m_text.size() && m_text[m_pos] == c) {
            ++m_pos;
            return true;
        }
        return false;
    }
    void skipSpace() {
        while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' ||
                                         m_text[m_pos] == '\n' || m_text[m_pos] == '\r'))
            ++m_pos;
    }
    bool atEnd() {
        skipSpace();
        return m_pos == m_text.size();
    }
    bool string(QByteArrayView& out) {
        if (!eat('"'))
            return false;
        const qsizetype start = m_pos;
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c == '"') {
                out = m_text.sliced(start, m_pos - start);
                ++m_pos;
                return true;
            }
            if (c == '\\' || static_cast<unsigned char>(c) < 0x20)
                return false; // escapes are never written, control characters never valid
            ++m_pos;
        }
        return false;
    }
    bool integer(qint64& out) {
        const bool negative = eat('-');
        const qsizetype start = m_pos;
        qint64 value = 0;
        while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9') {
            if (m_pos - start >= 18)
                return false; // would overflow; no expiry is that far away
            value = value * 10 + (m_text[m_pos] - '0');
            ++m_pos;
        }
        if (m_pos == start)
            return false;
        out = negative ? -value : value;
        return true;
    }

    QByteArrayView m_text;
    qsizetype m_pos = 0;
};

void deliver(const std::function<void(RememberedUnlock::Recall)>& done,
             RememberedUnlock::Status status, crypto::Secret secret = {}, qint64 expiresAt = 0) {
    if (!done)
        return;
    RememberedUnlock::Recall recall;
    recall.status = status;
    recall.message = RememberedUnlock::messageFor(status);
    recall.secret = std::move(secret);
    recall.expiresAt = expiresAt;
    done(std::move(recall));
}

} // namespace

RememberedUnlock::RememberedUnlock(const Clock& clock, QString serviceName,
                                   std::chrono::seconds lifetime, QObject* parent)
    : QObject(parent)
    , m_clock(clock)
    , m_lifetime(lifetime)
    , m_store(new KeychainStore(std::move(serviceName), this)) {}

RememberedUnlock::~RememberedUnlock() = default;

QString RememberedUnlock::serviceName() const {
    return m_store->service();
}

void RememberedUnlock::setKeychainTimeout(std::chrono::milliseconds timeout) {
    m_store->setReadTimeout(timeout);
}

QString RememberedUnlock::entryKey(const QString& vaultId, const QString& username) {
    // ':' (and '%', the escape) are escaped, so no other (vault id, username) pair can name
    // the same entry; vault ids (UUIDs) and usernames have neither, and appear as they are.
    auto part = [](const QString& text) {
        QString out = text;
        return out.replace(u'%', QLatin1String("%25")).replace(u':', QLatin1String("%3A"));
    };
    return QStringLiteral("vault:%1:%2").arg(part(vaultId), part(username));
}

QString RememberedUnlock::messageFor(Status status) {
    switch (status) {
    case Status::Ok:
        return {};
    case Status::Missing:
        return tr("No unlock is remembered for this vault, so PayCred will ask for your password.");
    case Status::Expired:
        return tr("The remembered unlock has expired, so PayCred will ask for your password.");
    case Status::Malformed:
        return tr("The remembered unlock in your system keychain could not be read, so PayCred "
                  "will ask for your password.");
    case Status::Unavailable:
        return tr("Your system keychain is not available, so PayCred will ask for your password.");
    case Status::Refused:
        return refusedMessage();
    case Status::Stale:
        return staleMessage();
    }
    return {};
}

QByteArray RememberedUnlock::encode(const crypto::Secret& secret, qint64 expiresAt) {
    const QByteArray raw = QByteArray::fromRawData(reinterpret_cast<const char*>(secret.data()),
                                                   static_cast<qsizetype>(secret.size()));
    QByteArray base64 = raw.toBase64();
    const QByteArray head = QByteArrayLiteral("{\"v\":") + QByteArray::number(FormatVersion) +
                            QByteArrayLiteral(",\"expires\":") + QByteArray::number(expiresAt) +
                            QByteArrayLiteral(",\"secret\":\"");
    const QByteArray tail = QByteArrayLiteral("\"}");
    QByteArray out;
    out.reserve(head.size() + base64.size() + tail.size()); // one allocation: no stale copies
    out.append(head).append(base64).append(tail);
    crypto::wipe(base64);
    return out;
}

RememberedUnlock::Decoded RememberedUnlock::decode(QByteArrayView bytes) {
    std::optional<qint64> version;
    std::optional<qint64> expires;
    std::optional<QByteArrayView> secret;
    FlatJsonReader reader(bytes);
    const bool parsed = reader.read([&](const FlatJsonReader::Member& m) {
        auto once = [&](auto& slot, auto value) {
            if (slot)
                return false; // a repeated member
            slot = value;
            return true;
        };
        if (m.name == "v")
            return m.integer && once(version, *m.integer);
        if (m.name == "expires")
            return m.integer && once(expires, *m.integer);
        if (m.name == "secret")
            return !m.integer && once(secret, m.string);
        return true; // unknown members are ignored
    });

    Decoded decoded;
    if (!parsed || version != FormatVersion || !expires || *expires <= 0 || !secret ||
        secret->isEmpty() || secret->size() > SecretBytes * 2)
        return decoded;
    auto result = QByteArray::fromBase64Encoding(
        QByteArray::fromRawData(secret->data(), secret->size()),
        QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (result && result.decoded.size() == SecretBytes) {
        decoded.valid = true;
        decoded.secret = crypto::Secret(QByteArrayView(result.decoded));
        decoded.expiresAt = *expires;
    }
    crypto::wipe(result.decoded);
    return decoded;
}

void RememberedUnlock::remember(Vault& vault, const QString& username, const Runner& run,
                                std::function<void(Result)> done) {
    const QString vaultId = vault.id();
    if (!vault.isUnlocked() || vaultId.isEmpty() || username.isEmpty()) {
        QMetaObject::invokeMethod(
            this,
            [done = std::move(done)] {
                if (done)
                    done(Result{Status::Refused, refusedMessage()});
            },
            Qt::QueuedConnection);
        return;
    }
    const qint64 expiresAt = m_clock.nowSecs() + m_lifetime.count();
    auto secret = std::make_shared<crypto::Secret>();
    QPointer<RememberedUnlock> self(this);
    run([&vault, username, expiresAt,
         secret] { *secret = vault.rememberUnlock(username, expiresAt); },
        [self, &vault, vaultId, username, expiresAt, secret, run, done = std::move(done)] {
            if (!self) {
                secret->clear();
                return;
            }
            if (secret->isEmpty()) {
                if (done)
                    done(Result{Status::Refused, notKeptMessage()});
                return;
            }
            self->writeEntry(vaultId, username, *secret, expiresAt,
                             [self, &vault, username, run, done](const Result& written) {
                                 if (written.ok() || !self) {
                                     if (done)
                                         done(written);
                                     return;
                                 }
                                 // Nobody holds the secret: its slot goes as well.
                                 run([&vault, username] { vault.forgetRemembered(username); },
                                     [self, done, written] {
                                         if (self && done)
                                             done(written);
                                     });
                             });
            secret->clear();
        });
}

void RememberedUnlock::writeEntry(const QString& vaultId, const QString& username,
                                  const crypto::Secret& secret, qint64 expiresAt,
                                  std::function<void(Result)> done) {
    if (secret.isEmpty() || vaultId.isEmpty() || username.isEmpty()) {
        // Answered from the event loop like every other outcome.
        QMetaObject::invokeMethod(
            this,
            [done = std::move(done)] {
                if (done)
                    done(Result{Status::Refused, refusedMessage()});
            },
            Qt::QueuedConnection);
        return;
    }
    m_store->write(entryKey(vaultId, username), encode(secret, expiresAt),
                   [done = std::move(done)](const KeychainStore::Reply& reply) {
                       if (!done)
                           return;
                       if (reply.ok())
                           done(Result{Status::Ok, {}});
                       else
                           done(Result{Status::Unavailable, rememberFailedMessage()});
                   });
}

void RememberedUnlock::recall(const QString& vaultId, const QString& username,
                              std::function<void(Recall)> done) {
    if (vaultId.isEmpty() || username.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [done = std::move(done)] { deliver(done, Status::Missing); },
            Qt::QueuedConnection);
        return;
    }
    const QString key = entryKey(vaultId, username);
    m_store->read(key, [this, key, done = std::move(done)](KeychainStore::Reply reply) {
        switch (reply.status) {
        case KeychainStore::Status::NotFound:
            deliver(done, Status::Missing);
            return;
        case KeychainStore::Status::Unavailable:
            deliver(done, Status::Unavailable);
            return;
        case KeychainStore::Status::Ok:
            break;
        }
        Decoded decoded = decode(reply.data);
        KeychainStore::wipeInPlace(reply.data);
        Status status = Status::Ok;
        if (!decoded.valid)
            status = Status::Malformed;
        else if (m_clock.nowSecs() >= decoded.expiresAt)
            status = Status::Expired;
        if (status == Status::Ok) {
            deliver(done, Status::Ok, std::move(decoded.secret), decoded.expiresAt);
            return;
        }
        decoded.secret.clear();
        // An entry that can never be used again goes; the answer waits for that, so whoever
        // gets it finds the keychain already without it.
        m_store->remove(key,
                        [done, status](const KeychainStore::Reply&) { deliver(done, status); });
    });
}

void RememberedUnlock::forget(Vault& vault, const QString& username, const Runner& run,
                              std::function<void(Result)> done) {
    const QString vaultId = vault.id();
    auto removed = std::make_shared<bool>(false);
    QPointer<RememberedUnlock> self(this);
    run([&vault, username, removed] { *removed = vault.forgetRemembered(username); },
        [self, vaultId, username, removed, done = std::move(done)] {
            if (!self)
                return;
            // The entry goes even when the slot could not: it is one copy of the secret fewer.
            self->forgetEntry(vaultId, username, [removed, done](const Result& result) {
                if (!done)
                    return;
                if (!*removed)
                    done(Result{Status::Unavailable, notForgottenMessage()});
                else if (!result.ok())
                    done(Result{result.status, forgottenButKeptMessage()});
                else
                    done(result);
            });
        });
}

void RememberedUnlock::forgetEntry(const QString& vaultId, const QString& username,
                                   std::function<void(Result)> done) {
    m_store->remove(entryKey(vaultId, username),
                    [done = std::move(done)](const KeychainStore::Reply& reply) {
                        if (!done)
                            return;
                        if (reply.ok())
                            done(Result{Status::Ok, {}});
                        else
                            done(Result{Status::Unavailable, forgetFailedMessage()});
                    });
}

void RememberedUnlock::unlockVault(Vault& vault, const QString& username, const Runner& run,
                                   std::function<void(Unlocked)> done) {
    const QString vaultId = vault.id();
    recall(vaultId, username,
           [this, &vault, vaultId, username, run, done = std::move(done)](Recall recalled) {
               if (!recalled.ok()) {
                   done(Unlocked{{}, recalled.status, recalled.message});
                   return;
               }
               auto secret = std::make_shared<crypto::Secret>(std::move(recalled.secret));
               auto session = std::make_shared<ResumedSession>();
               QPointer<RememberedUnlock> self(this);
               run(
                   [&vault, secret, session, username] {
                       *session = vault.resumeRemembered(username, *secret);
                       secret->clear();
                   },
                   [self, &vault, session, username, run, done] {
                       if (!self)
                           return;
                       if (session->ok) {
                           done(Unlocked{std::move(*session), Status::Ok, {}});
                           return;
                       }
                       self->forget(vault, username, run, [done](const Result&) {
                           done(Unlocked{{}, Status::Stale, messageFor(Status::Stale)});
                       });
                   });
           });
}

} // namespace paycred::vault
