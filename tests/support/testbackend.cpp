#include "tests/support/testbackend.h"

#include "core/crypto/digest.h"
#include "core/crypto/fernetkey.h"
#include "tests/support/postgrescluster.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>

namespace paycred::test {

TestBackend::TestBackend(int passwordIterations) {
    start(defaultConfig(), passwordIterations);
}

TestBackend::TestBackend(const storage::DatabaseConfig& config, int passwordIterations) {
    start(config, passwordIterations);
}

TestBackend::TestBackend(const service::ProviderCheckSettings& providerChecks,
                         int passwordIterations) {
    start(defaultConfig(), passwordIterations, providerChecks);
}

storage::DatabaseConfig TestBackend::defaultConfig() {
    storage::DatabaseConfig config;
    config.name = databasePath();
    if (!PostgresCluster::selected())
        return config;
    config = PostgresCluster::shared().migratedDatabase();
    if (config.name.isEmpty())
        qFatal("TestBackend: cannot make a PostgreSQL database: %s",
               qPrintable(PostgresCluster::shared().errorString()));
    m_postgresDatabase = config.name;
    return config;
}

void TestBackend::start(const storage::DatabaseConfig& config, int passwordIterations,
                        const service::ProviderCheckSettings& providerChecks) {
    m_db = std::make_unique<storage::Database>(config);
    QString error;
    if (!m_db->open(&error))
        qFatal("TestBackend: cannot open the database: %s", qPrintable(error));

    service::ServiceSettings settings;
    settings.secretKey = crypto::Secret(crypto::Digest::randomBytes(32));
    settings.keyRing = crypto::KeyRing({crypto::FernetKey::generate()});
    settings.auditKeys = service::AuditKeys({crypto::Secret(crypto::Digest::randomBytes(32))});
    settings.passwordIterations = passwordIterations;
    settings.providerChecks = providerChecks;
    m_services = std::make_unique<service::Services>(*m_db, std::move(settings), m_clock);
    m_router = std::make_unique<api::Router>(*m_services);
}

namespace {
// Empties a PostgreSQL database of TestBackend's back to its state right after migrating; false
// when it could not (it is then dropped instead).
bool emptyPostgres(const storage::Database& db) {
    QSqlQuery tables(db.connection());
    if (!tables.exec(QStringLiteral("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                                    "AND tablename NOT IN ('schema_migrations', 'audit_chain')")))
        return false;
    QStringList names;
    while (tables.next())
        names << tables.value(0).toString();
    QSqlQuery reset(db.connection());
    return reset.exec(
               QStringLiteral("TRUNCATE %1 RESTART IDENTITY CASCADE").arg(names.join(u','))) &&
           reset.exec(QStringLiteral(
               "UPDATE audit_chain SET last_id = 0, last_mac = '', legacy_until = 0"));
}
} // namespace

TestBackend::~TestBackend() {
    m_router.reset();
    m_services.reset();
    const bool emptied = onPostgres() && emptyPostgres(*m_db);
    m_db.reset(); // closes its connections, so that the database can be dropped or reused
    if (emptied)
        PostgresCluster::shared().recycle(m_postgresDatabase);
    else if (onPostgres())
        PostgresCluster::shared().dropDatabase(m_postgresDatabase);
}

QString TestBackend::databasePath() const {
    return m_dir.filePath(QStringLiteral("paycred.sqlite3"));
}

api::ApiResponse TestBackend::call(const QByteArray& method, const QByteArray& path,
                                   const QJsonObject& body, const QByteArray& token) const {
    const QByteArray payload = body.isEmpty() && method == "GET"
                                   ? QByteArray()
                                   : QJsonDocument(body).toJson(QJsonDocument::Compact);
    return callRaw(method, path, payload, "application/json",
                   token.isEmpty() ? QByteArray() : "Bearer " + token);
}

api::ApiResponse TestBackend::callRaw(const QByteArray& method, const QByteArray& path,
                                      const QByteArray& body, const QByteArray& contentType,
                                      const QByteArray& authorization) const {
    api::ApiRequest request;
    request.method = method;
    request.target = path;
    request.body = body;
    request.remoteAddress = QStringLiteral("127.0.0.1");
    if (!contentType.isEmpty() && !body.isEmpty())
        request.headers.append({"Content-Type", contentType});
    if (!authorization.isEmpty())
        request.headers.append({"Authorization", authorization});
    return m_router->handle(request);
}

qint64 TestBackend::createUser(const QString& username, const QString& password, bool superuser) {
    const auto created = m_services->users().create(username, password, superuser);
    if (!created.ok())
        qFatal("TestBackend: cannot create %s: %s", qPrintable(username),
               qPrintable(created.error));
    return *created.id;
}

QByteArray TestBackend::login(const QString& username, const QString& password) const {
    const auto response =
        call("POST", "/users/login/", {{"username", username}, {"password", password}});
    return response.object().value("access_token").toString().toUtf8();
}

} // namespace paycred::test
