#include "app/server/djangoimport.h"

#include "core/crypto/keyring.h"
#include "core/crypto/passwordhasher.h"
#include "core/crypto/secret.h"
#include "core/service/auditlog.h"
#include "core/service/credential.h"
#include "core/service/environment.h"
#include "core/service/provider.h"
#include "core/service/services.h"
#include "core/service/userservice.h"
#include "core/storage/credentialrepository.h"
#include "core/storage/database.h"
#include "core/storage/userrepository.h"

#include <QScopeGuard>

namespace paycred::server {

namespace {

using service::AuditAction;
using service::AuditLog;

QString knownProviders() {
    QStringList ids;
    for (const service::Provider& provider : service::Provider::all())
        ids.append(provider.id);
    return ids.join(QStringLiteral(", "));
}

// The algorithm of a Django password encoding ("argon2", "bcrypt_sha256", …), for the report:
// never the hash itself.
QString algorithmOf(const QString& encoded) {
    if (encoded.isEmpty())
        return QStringLiteral("an empty password");
    if (encoded.startsWith(u'!'))
        return QStringLiteral("an unusable password (set_unusable_password)");
    const QString algorithm = encoded.section(u'$', 0, 0);
    if (algorithm.size() > 32 || algorithm == encoded)
        return QStringLiteral("a password hash of an unknown format");
    return QStringLiteral("a %1 hash").arg(algorithm);
}

} // namespace

DjangoImport::DjangoImport(const service::Services& services, const crypto::KeyRing& djangoKey,
                           bool dryRun)
    : m_services(services)
    , m_djangoKey(djangoKey)
    , m_dryRun(dryRun) {}

QString DjangoImport::userProblem(const DjangoDeployment::User& user) {
    if (!service::UserService::isValidUsername(user.username))
        return QStringLiteral("the username is not one PayCred accepts (at most 150 letters, "
                              "digits and @/./+/-/_)");
    if (!crypto::PasswordHasher::isVerifiable(user.passwordHash))
        return QStringLiteral("they have %1, which PayCred cannot verify (it verifies "
                              "pbkdf2_sha256); give them such a password in Django (or create "
                              "them here) and run the import again")
            .arg(algorithmOf(user.passwordHash));
    return {};
}

bool DjangoImport::importUser(const DjangoDeployment::User& user,
                              const QList<DjangoDeployment::Credential>& credentials,
                              Tally& tally) const {
    const storage::Database& db = m_services.database();
    Tally working = tally;
    bool finished = false;
    bool keep = false; // the work is meant to commit (not a skip, not a dry run)
    const bool committed = db.transaction([&] {
        qint64 userId = 0;
        const Fate fate = bringUser(user, &userId);
        if (fate == Fate::Failed)
            return false;
        if (fate == Fate::Skipped) {
            working.usersSkipped += 1;
            working.credentialsSkipped += int(credentials.size());
            working.skipped.append(
                QStringLiteral("user \"%1\" (Django id %2) with their %3 credential(s): %4")
                    .arg(user.username)
                    .arg(user.id)
                    .arg(credentials.size())
                    .arg(userProblem(user)));
            finished = true;
            return false; // nothing was written
        }
        (fate == Fate::Imported ? working.usersImported : working.usersPresent) += 1;
        QSet<QString> providers;
        for (const DjangoDeployment::Credential& credential : credentials) {
            if (bringCredential(user, userId, credential, providers, working) == Fate::Failed)
                return false;
        }
        finished = true;
        keep = !m_dryRun; // a dry run rolls everything back
        return keep;
    });
    if (!finished || (keep && !committed))
        return false;
    tally = std::move(working);
    return true;
}

DjangoImport::Fate DjangoImport::bringUser(const DjangoDeployment::User& user,
                                           qint64* userId) const {
    const storage::UserRepository users(m_services.database());
    if (const auto present = users.findByUsername(user.username)) {
        *userId = present->id; // theirs is kept: it may have been upgraded here at a login
        return Fate::Present;
    }
    if (!userProblem(user).isEmpty())
        return Fate::Skipped;
    storage::UserRecord row;
    row.username = user.username;
    row.passwordHash = user.passwordHash;
    row.isSuperuser = user.isSuperuser;
    row.isActive = user.isActive;
    row.dateJoined = user.dateJoined.isValid() ? user.dateJoined : m_services.clock().now();
    row.lastLogin = user.lastLogin;
    const auto inserted = users.insert(row);
    if (!inserted.ok())
        return Fate::Failed;
    *userId = inserted.value;
    const bool recorded = m_services.audit().record(
        AuditLog::system(),
        {AuditAction::UserCreated, AuditLog::Outcome::Ok, std::nullopt, QString(),
         QStringLiteral("username=%1 id=%2 superuser=%3 imported from Django (user id %4)")
             .arg(user.username)
             .arg(inserted.value)
             .arg(user.isSuperuser ? QStringLiteral("yes") : QStringLiteral("no"))
             .arg(user.id)});
    return recorded ? Fate::Imported : Fate::Failed;
}

DjangoImport::Fate DjangoImport::bringCredential(const DjangoDeployment::User& user, qint64 userId,
                                                 const DjangoDeployment::Credential& credential,
                                                 QSet<QString>& providers, Tally& tally) const {
    const auto skip = [&](const QString& why) {
        tally.credentialsSkipped += 1;
        tally.skipped.append(
            QStringLiteral("credential %1 of \"%2\" (%3, %4): %5")
                .arg(credential.id)
                .arg(user.username, credential.provider, credential.environment, why));
        return Fate::Skipped;
    };
    if (!service::Provider::find(credential.provider))
        return skip(QStringLiteral("PayCred does not know this provider (it knows %1)")
                        .arg(knownProviders()));
    if (!service::Environment::isValid(credential.environment))
        return skip(QStringLiteral("PayCred does not know this environment (it knows %1)")
                        .arg(service::Environment::all().join(QStringLiteral(", "))));
    if (providers.contains(credential.provider))
        return skip(QStringLiteral("a second credential of this provider for this user; PayCred "
                                   "keeps one per provider per user, and took the first"));
    providers.insert(credential.provider);

    const auto keys = m_services.keys().get();
    if (!keys)
        return Fate::Failed;
    const qint64 now = m_services.clock().nowSecs();
    auto opened = m_djangoKey.decrypt(credential.encryptedPrivateKey, now);
    if (!opened.ok()) {
        tally.undecryptable += 1;
        return skip(QStringLiteral("its private key does not decrypt under the given Django key"));
    }
    QString privateKey = QString::fromUtf8(opened.plaintext.view());
    opened.plaintext.clear();
    const auto wipeKey = qScopeGuard([&] { crypto::wipe(privateKey); });

    const storage::CredentialRepository repository(m_services.database());
    if (const auto present = repository.findByProvider(userId, credential.provider)) {
        if (service::CredentialSealer::matches(keys->ring, privateKey, *present)) {
            tally.credentialsPresent += 1;
            return Fate::Present;
        }
        return skip(QStringLiteral("the user already has another credential of this provider "
                                   "in PayCred (id %1), with another private key; PayCred keeps "
                                   "one per provider per user")
                        .arg(present->id));
    }
    const auto sealing = m_services.sealer().seal(keys->ring, credential.apiKey, privateKey);
    if (sealing.problem == service::CredentialSealer::Sealing::Problem::BrokenRule)
        return skip(sealing.reason);
    if (!sealing.ok())
        return Fate::Failed;

    storage::CredentialRecord row;
    row.userId = userId;
    row.provider = credential.provider;
    sealing.applyTo(row);
    row.environment = credential.environment;
    row.isActive = credential.isActive;
    row.createdAt =
        credential.createdAt.isValid() ? credential.createdAt : m_services.clock().now();
    row.updatedAt = credential.updatedAt.isValid() ? credential.updatedAt : row.createdAt;
    const auto inserted = repository.insert(row);
    if (!inserted.ok())
        return Fate::Failed;
    row.id = inserted.value;
    if (!m_services.audit().record(
            AuditLog::system(),
            AuditLog::Entry::about(
                AuditAction::CredentialCreated, service::Credential::from(row),
                AuditLog::Outcome::Ok,
                QStringLiteral("imported from Django (credential id %1)").arg(credential.id))))
        return Fate::Failed;
    tally.credentialsImported += 1;
    return Fate::Imported;
}

} // namespace paycred::server
