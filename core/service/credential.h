#pragma once

#include <QDateTime>
#include <QString>

namespace paycred::storage {
struct CredentialRecord;
}

namespace paycred::service {

// Credential: what the API may say about one stored credential — never a key, a ciphertext or
// a digest. `version` is its row version (the ETag of API.md §2).
struct Credential {
    qint64 id = 0;
    qint64 userId = 0;
    QString provider;
    QString environment;
    bool isActive = true;
    QDateTime createdAt;
    QDateTime updatedAt;
    qint64 version = 1;

    static Credential from(const storage::CredentialRecord& row);
};

} // namespace paycred::service
