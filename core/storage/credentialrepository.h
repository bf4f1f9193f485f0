#pragma once

#include "core/storage/records.h"

#include <QList>

namespace paycred::storage {

class Database;

// CredentialRepository: the payment_credentials table; UNIQUE(user_id, provider).
class CredentialRepository {
public:
    explicit CredentialRepository(const Database& db) : m_db(db) {}

    QList<CredentialRecord> listForUser(qint64 userId) const; // ordered by id
    QList<CredentialRecord> listAll() const;                  // ordered by id
    std::optional<CredentialRecord> findForUser(qint64 id, qint64 userId) const;
    std::optional<CredentialRecord> findByProvider(qint64 userId, const QString& provider) const;
    // Inserts and returns the new id; Conflict when the user already has that provider.
    WriteResult<qint64> insert(const CredentialRecord& credential) const;
    // Writes every mutable column (keys, digest, environment, flag, updated_at) of `id`.
    WriteStatus update(const CredentialRecord& credential) const;
    bool remove(qint64 id, qint64 userId) const;
    qint64 count() const;

private:
    const Database& m_db;
};

} // namespace paycred::storage
