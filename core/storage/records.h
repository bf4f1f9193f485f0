#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QVariant>

#include <optional>

namespace paycred::storage {

// Rows as the repositories read and write them. Times are UTC, stored as milliseconds.

struct UserRecord {
    qint64 id = 0;
    QString username;
    QString passwordHash; // Django's pbkdf2_sha256 encoding
    bool isSuperuser = false;
    bool isActive = true;
    QDateTime dateJoined;
    std::optional<QDateTime> lastLogin;
    qint64 tokenVersion = 0; // bumped on password change/reset/deactivation: older tokens die
};

struct CredentialRecord {
    qint64 id = 0;
    qint64 userId = 0;
    QString provider;
    QByteArray encryptedApiKey;     // Fernet token (ASCII)
    QByteArray encryptedPrivateKey; // Fernet token (ASCII)
    QByteArray privateKeyDigest;    // keyed HMAC-SHA256, hex
    QString environment;            // "sandbox" | "live"
    bool isActive = true;
    QDateTime createdAt;
    QDateTime updatedAt;
    qint64 version = 1; // bumped by every change a user makes; a re-encryption keeps it

    friend bool operator==(const CredentialRecord&, const CredentialRecord&) = default;
};

// The columns one credential write sets; everything unset is left as it is in the database, so
// two writes that change different columns never undo each other.
struct CredentialChange {
    std::optional<QByteArray> encryptedApiKey;
    std::optional<QByteArray> encryptedPrivateKey;
    std::optional<QByteArray> privateKeyDigest;
    std::optional<QString> environment;
    std::optional<bool> isActive;
    bool toggleActive = false; // flips is_active in the database itself: two toggles are two
    QDateTime updatedAt;
};

// One check of a credential with its provider (API.md §2 check); never a key.
struct CredentialCheckRecord {
    qint64 id = 0;
    qint64 credentialId = 0;
    QDateTime checkedAt;
    QString environment; // the credential's when it was checked
    QString result;      // "valid" | "rejected" | "unreachable" | "not_checkable"
    QString message;
};

// One session (API.md §1): begun by a login, ended by deleting its row.
struct SessionRecord {
    QString sid; // 32 hex chars, random
    qint64 userId = 0;
    qint64 tokenVersion = 0; // the user's token version when the session began
    QDateTime createdAt;
    QDateTime lastUsedAt;
    QDateTime expiresAt; // the refresh token's expiry: after it, nothing of the session works
    QString remoteAddr;
    QString userAgent;
    std::optional<QDateTime> passwordConfirmedAt; // the last good verify-password in it
};

// A user and, when it exists and is theirs, one of their sessions: what every token check reads,
// in one statement.
struct UserSessionRecord {
    UserRecord user;
    std::optional<SessionRecord> session;
};

struct ThrottleRecord {
    QString key; // "user:<HMAC of the username, hex>" or "addr:<ip>"
    int failures = 0;
    qint64 windowStartSecs = 0;
    qint64 lockedUntilSecs = 0;
};

// One audit event. The actor's id and username are the event's own copy (no foreign key), so
// deleting a user changes no event. keyId and mac are empty while the event is pending: written
// without an audit key at hand (a locked vault), chained when one is.
struct AuditRecord {
    qint64 id = 0;
    QDateTime at;
    std::optional<qint64> actorId;
    QString actorUsername;
    QString action;
    std::optional<qint64> credentialId;
    QString provider;
    QString outcome; // "ok" | "denied" | "failed"
    QString remoteAddr;
    QString detail;
    QString environment; // of the credential it touched: "live" | "sandbox" | "" (none)
    QString keyId;       // the audit key that sealed it
    QString mac;         // HMAC-SHA256 (hex) over its fields and the previous event's mac
};

// The audit chain's one head: the newest chained event. `legacyUntil` is the newest event that
// was written before events were chained (schema 4); those are chained once, by the first
// writer that holds the key.
struct AuditHead {
    qint64 lastId = 0;
    QString lastMac; // empty before the first chained event
    qint64 legacyUntil = 0;
};

struct KeySlotRecord {
    qint64 userId = 0;
    QString kdf = QStringLiteral("scrypt");
    quint64 cost = 0;           // scrypt N
    quint32 blockSize = 0;      // scrypt r
    quint32 parallelism = 0;    // scrypt p
    QByteArray salt;            // base64
    QByteArray sealedMasterKey; // base64 of AES-256-GCM nonce || ciphertext || tag
    QDateTime updatedAt;
};

// One page of a list: its direction, where it starts (just after the row with this ordering
// value and id) and how many rows at most. Which column orders it is the repository's choice.
struct Slice {
    bool descending = false;
    std::optional<QVariant> afterValue;
    qint64 afterId = 0;
    int limit = 50;
};

// What a write did: a constraint (UNIQUE) refused it, no row matched its condition (gone, or
// changed since it was read), or the database failed.
enum class WriteStatus { Ok, Conflict, NoMatch, Failed };

template <typename T> struct WriteResult {
    WriteStatus status = WriteStatus::Failed;
    T value{};
    bool ok() const { return status == WriteStatus::Ok; }
};

} // namespace paycred::storage
