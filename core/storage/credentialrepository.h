#pragma once

#include "core/storage/records.h"

#include <QList>

namespace paycred::storage {

class Database;

// What a list of every user's credentials keeps (all set conditions hold at once).
struct CredentialFilter {
    std::optional<QString> provider;
    std::optional<QString> environment;
    std::optional<bool> isActive;
    std::optional<qint64> userId;
    QString ownerPart; // part of the owner's username, any case; empty: any owner
};

struct OwnedCredentialRecord {
    CredentialRecord credential;
    QString ownerUsername;
};

// CredentialRepository: the payment_credentials table; UNIQUE(user_id, provider). Writes are
// scoped to the owner and set only the columns they change.
class CredentialRepository {
public:
    explicit CredentialRepository(const Database& db)
        : m_db(db) {}

    QList<CredentialRecord> listForUser(qint64 userId) const; // ordered by id
    QList<CredentialRecord> listAll() const;                  // ordered by id
    std::optional<CredentialRecord> findForUser(qint64 id, qint64 userId) const;
    // Whoever owns it: for a superuser's reach (API.md §3), never a user's own.
    std::optional<CredentialRecord> findAnyOwner(qint64 id) const;
    std::optional<CredentialRecord> findByProvider(qint64 userId, const QString& provider) const;
    // Inserts (version 1) and returns the new id; Conflict when the user already has that
    // provider.
    WriteResult<qint64> insert(const CredentialRecord& credential) const;

    struct Changed {
        WriteStatus status = WriteStatus::Failed;
        CredentialRecord credential; // the row as written, when Ok
        bool ok() const { return status == WriteStatus::Ok; }
    };
    // Sets the columns `change` names on `userId`'s credential `id`, bumps its version and sets
    // updated_at, in one statement. With `expectedVersion`, only if the row still has that
    // version. NoMatch when no such row (gone, another owner's, or changed since).
    Changed change(qint64 id, qint64 userId, const CredentialChange& change,
                   std::optional<qint64> expectedVersion = std::nullopt) const;
    // Replaces the keys and digest of `id` with their re-encryption, only if its version is
    // still `expectedVersion`, without bumping the version or updated_at (nothing the user sees
    // changed). NoMatch when the row is gone or was changed meanwhile.
    WriteStatus reencrypt(qint64 id, qint64 expectedVersion, const QByteArray& encryptedApiKey,
                          const QByteArray& encryptedPrivateKey,
                          const QByteArray& privateKeyDigest) const;
    // Deletes `userId`'s credential `id` (with `expectedVersion`, only at that version). NoMatch
    // when no such row.
    WriteStatus remove(qint64 id, qint64 userId,
                       std::optional<qint64> expectedVersion = std::nullopt) const;
    qint64 count() const;
    // The emergency switch: every active live credential (of `userId`, or of everyone) off, each
    // row's version bumped and updated_at set, in one statement. Ok with how many.
    WriteResult<qint64> deactivateLive(std::optional<qint64> userId, const QDateTime& at) const;

    // Every user's credentials with their owner's name, a page at a time.
    enum class Order { Id, Provider, Environment, Owner, CreatedAt, UpdatedAt };
    std::optional<QList<OwnedCredentialRecord>>
    listWithOwners(const CredentialFilter& filter, Order order, const Slice& slice) const;
    std::optional<qint64> countWithOwners(const CredentialFilter& filter) const;
    // The value `order` sorts `row` by, as a page's cursor keeps it.
    static QVariant orderValue(Order order, const OwnedCredentialRecord& row);

    struct Group {
        QString provider;
        QString environment;
        bool isActive = true;
        qint64 count = 0;
    };
    // How many credentials per provider, environment and status; empty when the database could
    // not be read.
    std::optional<QList<Group>> countGroups() const;

private:
    const Database& m_db;
};

} // namespace paycred::storage
