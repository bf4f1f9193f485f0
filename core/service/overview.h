#pragma once

#include <QMap>
#include <QString>

namespace paycred::storage {
class Database;
}

namespace paycred::service {

// Overview: how many users and credentials there are, per provider and environment — what an
// administrator sees first (GET /admin/stats/). Counts only; never a key.
class Overview {
public:
    explicit Overview(const storage::Database& db)
        : m_db(db) {}

    struct ProviderCounts {
        qint64 sandbox = 0;  // active credentials in the sandbox
        qint64 live = 0;     // active live credentials
        qint64 inactive = 0; // switched off, in either environment
    };
    struct Counts {
        qint64 users = 0;
        qint64 activeUsers = 0;
        qint64 credentials = 0;
        QMap<QString, ProviderCounts> byProvider; // every provider of the registry, and any other
                                                  // provider a stored credential still names
        bool ok = false;                          // false: the database could not be read
    };
    Counts counts() const;

private:
    const storage::Database& m_db;
};

} // namespace paycred::service
