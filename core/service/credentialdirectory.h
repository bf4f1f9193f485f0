#pragma once

#include "core/service/credential.h"
#include "core/service/page.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace paycred::storage {
class Database;
}

namespace paycred::service {

// CredentialDirectory: every user's credentials as metadata with their owner, for superusers
// (GET /admin/credentials/) — never a key, a ciphertext or a digest.
class CredentialDirectory {
public:
    explicit CredentialDirectory(const storage::Database& db)
        : m_db(db) {}

    struct Owned {
        Credential credential;
        QString ownerUsername;
    };
    struct Filter {
        std::optional<QString> provider;
        std::optional<QString> environment;
        std::optional<bool> isActive;
        std::optional<qint64> userId;
        QString ownerPart; // part of the owner's username
    };

    // The fields a page may be ordered by (API.md §3).
    static const QStringList& orderings();
    // Counts the matches on the first page only (a later page has no count).
    Page<Owned> list(const Filter& filter, const PageRequest& request) const;

private:
    const storage::Database& m_db;
};

} // namespace paycred::service
