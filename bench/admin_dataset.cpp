// Makes the data set of the Administration window's scale bench (bench/admin_scale.sh): a SQLite
// server database of 50 000 users, 100 000 credentials and 1 000 000 audit events, written
// through the project's own parts so that what the server reads is real — the storage layer
// (opening the file applies the migrations), CredentialSealer under a generated key ring (the
// keys decrypt) and AuditLog over AuditChain under a generated audit key (GET
// /admin/audit/verify/ says intact). No user's password goes through the hasher: they all share
// one hash made once, of a random password nobody knows, except the one superuser the bench signs
// in as (its password from BENCH_ADMIN_PASSWORD, hashed once at the default cost).
//
// Writes DIR/paycred.sqlite3 and DIR/server.ini (0600: the secret, encryption and audit keys and
// the database, for `paycred-server --config DIR/server.ini`). Deterministic apart from the keys
// and the times (the events end now). Prints its own timing.
//
// Usage: BENCH_ADMIN_PASSWORD=... bench_admin_dataset DIR [USERS CREDENTIALS EVENTS]
#include "core/crypto/digest.h"
#include "core/crypto/fernetkey.h"
#include "core/crypto/keyring.h"
#include "core/crypto/passwordhasher.h"
#include "core/crypto/secret.h"
#include "core/foundation/manualclock.h"
#include "core/foundation/systemclock.h"
#include "core/service/activekeys.h"
#include "core/service/auditaction.h"
#include "core/service/auditchain.h"
#include "core/service/auditkeys.h"
#include "core/service/auditlog.h"
#include "core/service/credentialfields.h"
#include "core/service/credentialsealer.h"
#include "core/service/environment.h"
#include "core/storage/credentialrepository.h"
#include "core/storage/database.h"
#include "core/storage/userrepository.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <cstdlib>
#include <functional>
#include <random>
#include <vector>

namespace {

using namespace paycred;
using service::AuditAction;
using service::AuditLog;

const QString SuperuserName = QStringLiteral("bench-admin");
constexpr int Batch = 20000; // rows per transaction
constexpr qint64 DaySecs = 24 * 60 * 60;

[[noreturn]] void fail(const QString& sentence) {
    QTextStream(stderr) << "bench_admin_dataset: " << sentence << "\n";
    std::exit(1);
}

void say(const QString& line) {
    QTextStream(stdout) << line << Qt::endl;
}

struct Keys {
    QByteArray secretKey;
    QByteArray encryptionKey;
    QByteArray auditKey;
    ~Keys() {
        crypto::wipe(secretKey);
        crypto::wipe(encryptionKey);
        crypto::wipe(auditKey);
    }
};

// The keys file the server reads with --config (its INI format: `name = value`), created 0600
// before anything is written to it.
void writeServerIni(const QString& path, const QString& database, const Keys& keys) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        fail(QStringLiteral("cannot create %1: %2").arg(path, file.errorString()));
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        fail(QStringLiteral("cannot make %1 private to its owner").arg(path));
    QByteArray content = "# Keys of the bench data set made by bench_admin_dataset: bench only.\n"
                         "secret_key = " +
                         keys.secretKey + "\nencryption_key = " + keys.encryptionKey +
                         "\naudit_key = " + keys.auditKey + "\ndatabase = " + database.toUtf8() +
                         "\n";
    const bool written = file.write(content) == content.size() && file.flush();
    crypto::wipe(content);
    if (!written)
        fail(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
}

// Runs `rows` calls of `write` in transactions of Batch rows; prints the rate.
void inBatches(const storage::Database& db, const QString& what, int rows,
               const std::function<void(int)>& write) {
    QElapsedTimer timer;
    timer.start();
    for (int start = 0; start < rows; start += Batch) {
        const int end = std::min(rows, start + Batch);
        if (!db.transaction([&] {
                for (int i = start; i < end; ++i)
                    write(i);
                return true;
            }))
            fail(QStringLiteral("the database refused a batch of %1").arg(what));
        if (end % 200000 == 0 && end < rows)
            say(QStringLiteral("  %1 %2 so far (%3 s)")
                    .arg(end)
                    .arg(what)
                    .arg(double(timer.elapsed()) / 1000, 0, 'f', 1));
    }
    const double secs = double(timer.elapsed()) / 1000;
    say(QStringLiteral("%1 %2 in %3 s (%4 a second)")
            .arg(rows)
            .arg(what)
            .arg(secs, 0, 'f', 1)
            .arg(secs > 0 ? double(rows) / secs : 0, 0, 'f', 0));
}

struct Owned {
    qint64 id = 0;
    qint64 userId = 0;
    QString provider;
    QString environment;
};

// One audit event's actor and entry, drawn the way a busy deployment's log looks: mostly
// sign-ins and key reads, some denials, now and then an administrator's work.
class EventMix {
public:
    EventMix(const std::vector<qint64>& userIds, const std::vector<Owned>& credentials)
        : m_userIds(userIds)
        , m_credentials(credentials) {}

    std::pair<service::Actor, AuditLog::Entry> next(std::mt19937_64& random) const {
        const int roll = int(random() % 1000);
        const Owned& credential = m_credentials[random() % m_credentials.size()];
        service::Actor actor;
        actor.remoteAddr = QStringLiteral("10.%1.%2.%3")
                               .arg(random() % 4)
                               .arg(random() % 256)
                               .arg(random() % 254 + 1);
        const auto asOwner = [&] {
            actor.userId = credential.userId;
            actor.username = usernameOf(credential.userId);
        };
        const auto asAdmin = [&] {
            actor.userId = 1;
            actor.username = SuperuserName;
        };
        const auto about = [&](AuditAction action,
                               AuditLog::Outcome outcome = AuditLog::Outcome::Ok,
                               QString detail = {}) {
            return AuditLog::Entry(action, outcome, credential.id, credential.provider,
                                   std::move(detail), credential.environment);
        };
        if (roll < 300) { // a sign-in
            asOwner();
            return {actor, AuditLog::Entry(AuditAction::Login)};
        }
        if (roll < 340) { // a wrong password
            asOwner();
            return {actor, AuditLog::Entry(AuditAction::Login, AuditLog::Outcome::Failed)};
        }
        if (roll < 350) // an unknown username: no actor, never its text
            return {actor, AuditLog::Entry(AuditAction::Login, AuditLog::Outcome::Denied)};
        if (roll < 450) {
            asOwner();
            return {actor, AuditLog::Entry(AuditAction::Logout)};
        }
        if (roll < 580) {
            asOwner();
            return {actor, about(AuditAction::PrivateKeyRevealed)};
        }
        if (roll < 600) {
            asOwner();
            return {actor, AuditLog::Entry(AuditAction::PasswordVerified,
                                           random() % 5 ? AuditLog::Outcome::Ok
                                                        : AuditLog::Outcome::Failed)};
        }
        if (roll < 700) {
            asOwner();
            return {actor, about(AuditAction::CredentialVerified,
                                 random() % 4 ? AuditLog::Outcome::Ok : AuditLog::Outcome::Failed)};
        }
        if (roll < 760) {
            asOwner();
            return {actor, about(AuditAction::CredentialChecked)};
        }
        if (roll < 800) {
            asOwner();
            return {actor, about(AuditAction::CredentialUpdated, AuditLog::Outcome::Ok,
                                 QStringLiteral("environment=%1").arg(credential.environment))};
        }
        if (roll < 830) {
            asOwner();
            return {actor, about(AuditAction::StatusToggled, AuditLog::Outcome::Ok,
                                 QStringLiteral("is_active=%1")
                                     .arg(random() % 2 ? QStringLiteral("true")
                                                       : QStringLiteral("false")))};
        }
        if (roll < 850) {
            asOwner();
            return {actor, about(AuditAction::PrivateKeyUpdated)};
        }
        if (roll < 870) {
            asOwner();
            return {actor, about(AuditAction::CredentialCreated)};
        }
        if (roll < 880) {
            asOwner();
            return {actor, AuditLog::Entry(AuditAction::PasswordChanged)};
        }
        if (roll < 940) { // someone reaching for what is not theirs
            actor.userId = m_userIds[random() % m_userIds.size()];
            actor.username = usernameOf(actor.userId);
            return {actor, about(AuditAction::PrivateKeyRevealed, AuditLog::Outcome::Denied)};
        }
        if (roll < 960) {
            actor.userId = m_userIds[random() % m_userIds.size()];
            actor.username = usernameOf(actor.userId);
            return {actor, AuditLog::Entry(AuditAction::AdminRequest, AuditLog::Outcome::Denied)};
        }
        asOwner();
        const qint64 owner = actor.userId;
        asAdmin();
        if (roll < 980)
            return {actor, about(AuditAction::StatusToggled, AuditLog::Outcome::Ok,
                                 QStringLiteral("is_active=false"))};
        if (roll < 995)
            return {actor,
                    AuditLog::Entry(AuditAction::UserUpdated, AuditLog::Outcome::Ok, std::nullopt,
                                    {}, QStringLiteral("user=%1 is_active=true").arg(owner))};
        return {actor, AuditLog::Entry(AuditAction::UserUnlocked, AuditLog::Outcome::Ok,
                                       std::nullopt, {}, QStringLiteral("user=%1").arg(owner))};
    }

    static QString usernameOf(qint64 userId) {
        return userId == 1 ? SuperuserName
                           : QStringLiteral("user%1").arg(userId - 1, 5, 10, QLatin1Char('0'));
    }

private:
    const std::vector<qint64>& m_userIds;
    const std::vector<Owned>& m_credentials;
};

int argument(const QStringList& args, int index, int fallback) {
    if (args.size() <= index)
        return fallback;
    bool ok = false;
    const int value = args.at(index).toInt(&ok);
    if (!ok || value < 1)
        fail(QStringLiteral("\"%1\" is not a positive count").arg(args.at(index)));
    return value;
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv); // QtSql finds its driver plugins through it
    const QStringList args = app.arguments();
    if (args.size() < 2)
        fail(QStringLiteral("usage: BENCH_ADMIN_PASSWORD=... bench_admin_dataset DIR [USERS "
                            "CREDENTIALS EVENTS]"));
    const int userCount = argument(args, 2, 50000);
    const int credentialCount = argument(args, 3, 100000);
    const int eventCount = argument(args, 4, 1000000);
    const int perUser = int(service::CredentialFields::providers().size());
    if (credentialCount > qint64(userCount) * perUser)
        fail(QStringLiteral("%1 users hold at most %2 credentials (one per provider)")
                 .arg(userCount)
                 .arg(qint64(userCount) * perUser));
    QString password = qEnvironmentVariable("BENCH_ADMIN_PASSWORD");
    if (password.size() < 10)
        fail(QStringLiteral("set BENCH_ADMIN_PASSWORD to the superuser's password (10 characters "
                            "at least)"));

    const QDir dir(args.at(1));
    if (!dir.exists() && !QDir().mkpath(dir.path()))
        fail(QStringLiteral("cannot create the folder %1").arg(dir.path()));
    const QString databasePath =
        QFileInfo(dir.filePath(QStringLiteral("paycred.sqlite3"))).absoluteFilePath();
    const QString iniPath = dir.filePath(QStringLiteral("server.ini"));
    if (QFileInfo::exists(databasePath) || QFileInfo::exists(iniPath))
        fail(QStringLiteral("%1 already holds a data set: remove it first").arg(dir.path()));

    QElapsedTimer total;
    total.start();
    Keys keys;
    {
        QByteArray random = crypto::Digest::randomBytes(40);
        keys.secretKey =
            random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        crypto::wipe(random);
    }
    keys.encryptionKey = crypto::FernetKey::generate().toBase64();
    keys.auditKey = service::AuditKeys::generateBase64();
    const auto ring = crypto::KeyRing::fromBase64List(keys.encryptionKey);
    auto audit = service::AuditKeys::fromBase64List(keys.auditKey);
    if (!ring || !audit)
        fail(QStringLiteral("the generated keys do not read back"));
    writeServerIni(iniPath, databasePath, keys);

    storage::DatabaseConfig config;
    config.name = databasePath;
    storage::Database db(config);
    QString error;
    if (!db.open(&error))
        fail(error);
    say(QStringLiteral("schema %1 in %2").arg(db.schemaVersion()).arg(databasePath));

    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime start = now.addDays(-730);
    std::mt19937_64 random(20261202);

    // --- users: the superuser first (id 1), then user00001…, all sharing one unusable hash ---
    QElapsedTimer timer;
    timer.start();
    const crypto::PasswordHasher hasher;
    const QString superuserHash = hasher.hash(password);
    crypto::wipe(password);
    QString sharedHash;
    {
        QByteArray unknown = crypto::Digest::randomBytes(24);
        QString text = QString::fromLatin1(unknown.toBase64());
        sharedHash = hasher.hash(text);
        crypto::wipe(unknown);
        crypto::wipe(text);
    }
    say(QStringLiteral("two password hashes in %1 s (the only ones)")
            .arg(double(timer.elapsed()) / 1000, 0, 'f', 1));

    const storage::UserRepository users(db);
    std::vector<qint64> userIds;
    userIds.reserve(std::size_t(userCount));
    inBatches(db, QStringLiteral("users"), userCount, [&](int i) {
        storage::UserRecord user;
        user.username = EventMix::usernameOf(i + 1);
        user.passwordHash = i == 0 ? superuserHash : sharedHash;
        user.isSuperuser = i == 0 || i % 5000 == 0;
        user.isActive = i == 0 || random() % 20 != 0;
        user.dateJoined = start.addSecs(qint64(random() % (700 * DaySecs)));
        if (random() % 4 != 0)
            user.lastLogin = user.dateJoined.addSecs(qint64(random() % (29 * DaySecs)));
        const auto id = users.insert(user);
        if (!id.ok())
            fail(QStringLiteral("cannot insert user %1").arg(user.username));
        userIds.push_back(id.value);
    });

    // --- credentials: one per provider for the first users, sealed under the ring -------------
    const SystemClock clock;
    const service::CredentialSealer sealer(clock);
    const storage::CredentialRepository credentials(db);
    const QStringList providers = service::CredentialFields::providers();
    std::vector<Owned> owned;
    owned.reserve(std::size_t(credentialCount));
    inBatches(db, QStringLiteral("credentials"), credentialCount, [&](int i) {
        storage::CredentialRecord row;
        row.userId = userIds[std::size_t(i / perUser)];
        row.provider = providers.at(i % perUser);
        // A third live, the rest sandbox.
        row.environment =
            random() % 3 == 0 ? service::Environment::live() : service::Environment::sandbox();
        row.isActive = random() % 10 != 0;
        row.createdAt = start.addSecs(qint64(random() % (700 * DaySecs)));
        row.updatedAt = row.createdAt.addSecs(qint64(random() % (30 * DaySecs)));
        const QString tag = QStringLiteral("%1_%2_%3").arg(row.provider, row.environment).arg(i);
        const auto sealing = sealer.seal(*ring, QStringLiteral("pk_bench_") + tag,
                                         QStringLiteral("sk_bench_") + tag);
        if (!sealing.ok())
            fail(QStringLiteral("cannot seal credential %1: %2").arg(i).arg(sealing.reason));
        sealing.applyTo(row);
        const auto id = credentials.insert(row);
        if (!id.ok())
            fail(QStringLiteral("cannot insert credential %1").arg(i));
        owned.push_back({id.value, row.userId, row.provider, row.environment});
    });

    // --- audit events: through AuditLog, each chained to the one before under the audit key ---
    // The events' times are the clock's: from two years ago to now, in order.
    const service::ActiveKeys active(
        service::KeySet{*ring, crypto::Jwt(crypto::Secret(keys.secretKey)), std::move(*audit)});
    const service::AuditChain chain(db, active, service::AuditChain::PendingEvents::LegacyOnly);
    const qint64 stepMs = std::max<qint64>(1, now.toMSecsSinceEpoch() - start.toMSecsSinceEpoch()) /
                          std::max(1, eventCount);
    ManualClock eventClock(start);
    const AuditLog log(chain, eventClock);
    const EventMix mix(userIds, owned);
    inBatches(db, QStringLiteral("audit events"), eventCount, [&](int) {
        eventClock.advance(1 + qint64(random() % quint64(2 * stepMs)));
        const auto [actor, entry] = mix.next(random);
        if (!log.record(actor, entry))
            fail(QStringLiteral("cannot write an audit event"));
    });

    say(QStringLiteral("done in %1 s: %2 (keys in %3)")
            .arg(double(total.elapsed()) / 1000, 0, 'f', 1)
            .arg(databasePath, iniPath));
    return 0;
}
