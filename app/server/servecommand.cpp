#include "app/server/servecommand.h"

#include "app/server/commandline.h"
#include "app/server/httpserver.h"
#include "app/server/tlscontext.h"

#include "core/api/router.h"
#include "core/foundation/systemclock.h"
#include "core/service/services.h"
#include "core/storage/database.h"

namespace paycred::server {

int ServeCommand::run(const QStringList& arguments) {
    CommandLine command(
        QStringLiteral("serve"), QStringLiteral("[serve] [options]"),
        QStringLiteral("Serves the PayCred API over HTTP (HTTPS with --tls-cert and --tls-key) "
                       "until SIGTERM or SIGINT (the default "
                       "when no command is given). With --dev: 127.0.0.1:8000 by default.\n\n"
                       "Exit codes: 0 stopped, 1 refused (bad configuration, the database, the "
                       "address in use), 2 usage."),
        true);
    const QCommandLineOption listenOption(
        QStringLiteral("listen"),
        QStringLiteral("The address to listen on (port 0: a free one); default PAYCRED_LISTEN, "
                       "then 127.0.0.1:8000."),
        QStringLiteral("HOST:PORT"));
    const QCommandLineOption tlsCertOption(
        QStringLiteral("tls-cert"),
        QStringLiteral("Serve HTTPS with this PEM certificate (and chain); needs --tls-key. "
                       "Default PAYCRED_TLS_CERT."),
        QStringLiteral("FILE"));
    const QCommandLineOption tlsKeyOption(
        QStringLiteral("tls-key"),
        QStringLiteral("The certificate's private key (PEM, unencrypted); needs --tls-cert. "
                       "Default PAYCRED_TLS_KEY."),
        QStringLiteral("FILE"));
    command.addOption(listenOption);
    command.addOption(tlsCertOption);
    command.addOption(tlsKeyOption);
    if (const auto done = command.parse(arguments))
        return *done;

    ServerConfig::Options options = command.configOptions();
    options.listen = command.value(listenOption);
    options.tlsCertificateFile = command.value(tlsCertOption);
    options.tlsKeyFile = command.value(tlsKeyOption);
    QString error;
    auto config = ServerConfig::load(options, &error);
    if (!config)
        return CommandLine::refuse(QStringLiteral("refusing to start.\n%1").arg(error));
    for (const QString& warning : config->warnings())
        qCWarning(lcServer).noquote() << warning;
    // Before the database: a bad certificate or key must leave nothing behind.
    std::unique_ptr<TlsContext> tls;
    if (config->tlsEnabled()) {
        tls = TlsContext::load(config->tlsCertificateFile(), config->tlsKeyFile(), &error);
        if (!tls)
            return CommandLine::refuse(QStringLiteral("refusing to start.\n%1").arg(error));
    }

    storage::Database database(config->database());
    if (!database.open(&error))
        return CommandLine::refuse(
            QStringLiteral("refusing to start.\nCannot open the database: %1").arg(error));

    const SystemClock clock;
    const service::Services services(database, config->takeSettings(), clock);
    // The events written before the audit log was chained join the chain at the first start.
    const auto chained = services.auditChain().chainPending();
    if (!chained)
        return CommandLine::refuse(
            QStringLiteral("refusing to start.\nCannot write to the audit log of the database "
                           "%1: check that it is writable and that its audit chain (table "
                           "audit_chain) is intact.")
                .arg(config->database().name));
    if (*chained > 0)
        qCInfo(lcServer, "chained %d audit event(s) written before the audit log was chained",
               *chained);
    const api::Router router(services);
    HttpServer::Options serverOptions;
    serverOptions.trustedProxies = config->trustedProxies();
    const ServerConfig::Capacity& capacity = config->capacity();
    serverOptions.passwordThreads =
        capacity.passwordThreads.value_or(serverOptions.passwordThreads);
    if (capacity.passwordQueue)
        serverOptions.passwordQueue = static_cast<std::size_t>(*capacity.passwordQueue);
    if (capacity.maxConnections)
        serverOptions.maxConnections = static_cast<std::size_t>(*capacity.maxConnections);
    if (capacity.maxConnectionsPerClient)
        serverOptions.maxConnectionsPerClient =
            static_cast<std::size_t>(*capacity.maxConnectionsPerClient);
    HttpServer httpServer(router, serverOptions);
    if (tls)
        httpServer.useTls(std::move(tls));
    if (!config->trustedProxies().isEmpty())
        qCInfo(lcServer, "believing X-Forwarded-For from %s",
               qPrintable(config->trustedProxies().toString()));
    if (!httpServer.listen(config->host(), config->port(), &error))
        return CommandLine::refuse(error);
    CommandLine::printLine(stdout, QStringLiteral("Listening on %1").arg(httpServer.url()));
    qCInfo(lcServer,
           "paycred-server %s%s: %d I/O thread(s), %d worker thread(s), %d password thread(s) "
           "(%zu may wait), at most %zu connection(s), %zu per client; database %s",
           PAYCRED_VERSION, config->dev() ? " (development mode)" : "", httpServer.ioThreads(),
           httpServer.workerThreads(), httpServer.passwordThreads(), serverOptions.passwordQueue,
           serverOptions.maxConnections, serverOptions.maxConnectionsPerClient,
           qPrintable(config->database().name));
    const service::ProviderCheckSettings& checks = services.settings().providerChecks;
    if (checks.enabled)
        qCInfo(lcServer, "checks with providers: on, %d s each, %d thread(s) (%zu may wait)%s",
               checks.timeoutMs / 1000, serverOptions.providerThreads, serverOptions.providerQueue,
               checks.baseUrls.isEmpty() ? "" : ", through the configured base URLs");
    else
        qCInfo(lcServer, "checks with providers: off (provider_checks = off)");
    httpServer.run();
    return CommandLine::Success;
}

} // namespace paycred::server
