#pragma once

#include "app/server/djangodeployment.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace paycred::crypto {
class KeyRing;
}
namespace paycred::service {
class Services;
}

namespace paycred::server {

// DjangoImport: brings one Django user and their credentials into PayCred's database in one
// transaction, so a kill never leaves half a user. The user is matched by username, or inserted
// with their Django password hash as it is (PayCred verifies it and upgrades it at the next
// login); each credential is decrypted with the Django key and sealed again under ours by
// service::CredentialSealer, one user_created / credential_created event each (detail "imported
// from Django"). A credential counts as already imported when the user already has a credential
// of that provider whose private key verifies against the Django one; PayCred keeps one per
// provider per user, so one with another key is skipped. A dry run does all of it and rolls back.
class DjangoImport {
public:
    // What a run did so far; the same sentences whether it is a dry run or not.
    struct Tally {
        int usersImported = 0;
        int usersPresent = 0;
        int usersSkipped = 0;
        int credentialsImported = 0;
        int credentialsPresent = 0;
        int credentialsSkipped = 0;
        int undecryptable = 0; // skipped because the Django key did not open them
        QStringList skipped;   // one sentence per user or credential left out, and why
    };

    DjangoImport(const service::Services& services, const crypto::KeyRing& djangoKey, bool dryRun);

    // Imports `user` with `credentials` (theirs), adding to `tally`. False when PayCred's
    // database refused a write: nothing of this user was kept, and `tally` is left as it was.
    bool importUser(const DjangoDeployment::User& user,
                    const QList<DjangoDeployment::Credential>& credentials, Tally& tally) const;

private:
    enum class Fate { Imported, Present, Skipped, Failed };
    // Whether the user can come at all; empty when so, otherwise why not.
    static QString userProblem(const DjangoDeployment::User& user);
    // Inside the user's transaction.
    Fate bringUser(const DjangoDeployment::User& user, qint64* userId) const;
    Fate bringCredential(const DjangoDeployment::User& user, qint64 userId,
                         const DjangoDeployment::Credential& credential, QSet<QString>& providers,
                         Tally& tally) const;

    const service::Services& m_services;
    const crypto::KeyRing& m_djangoKey;
    bool m_dryRun = false;
};

} // namespace paycred::server
