#pragma once

#include "core/storage/records.h"

#include <QList>

namespace paycred::storage {

class Database;

// CredentialCheckRepository: the credential_checks table — the last few checks of each
// credential with its provider, deleted with the credential.
class CredentialCheckRepository {
public:
    static constexpr int Kept = 10; // per credential; older ones go as new ones come

    explicit CredentialCheckRepository(const Database& db)
        : m_db(db) {}

    // Adds `check` and drops that credential's checks beyond the newest Kept.
    bool insert(const CredentialCheckRecord& check) const;
    // The checks of `credentialId`, newest first. Throws StorageUnavailable when the database
    // cannot say.
    QList<CredentialCheckRecord> listFor(qint64 credentialId) const;

private:
    const Database& m_db;
};

} // namespace paycred::storage
