#include "app/server/rotatekeyscommand.h"

#include "app/server/commandline.h"
#include "app/server/httpserver.h"

#include "core/crypto/keyring.h"
#include "core/foundation/systemclock.h"
#include "core/service/services.h"
#include "core/storage/database.h"

#include <QThread>

#include <atomic>
#include <csignal>

namespace paycred::server {

namespace {

std::atomic_bool stopRequested{false};

void requestStop(int) {
    stopRequested = true;
}

// SIGTERM and SIGINT end the run after the row in hand: its batch commits, nothing is half done.
void stopOnSignals() {
    struct sigaction action {};
    action.sa_handler = &requestStop;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);
}

std::optional<int> positiveNumber(const QString& text, int minimum) {
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < minimum)
        return std::nullopt;
    return value;
}

// The run's outcome in words, and its exit code: success only when no row needs a retired key.
int reportOutcome(const service::KeyRotation::Report& report, std::optional<int> pending) {
    if (report.stopped)
        return CommandLine::refuse(
            QStringLiteral("rotate-keys stopped after re-encrypting %1 "
                           "row(s); %2 still under a retired key. Run it "
                           "again to go on.")
                .arg(report.rewritten)
                .arg(pending ? QString::number(*pending) : QStringLiteral("some")));
    if (!report.failures.isEmpty())
        return CommandLine::refuse(
            QStringLiteral("rotate-keys re-encrypted %1 row(s) but not these; the retired keys "
                           "must stay until they are fixed:\n  %2")
                .arg(report.rewritten)
                .arg(report.failures.join(QStringLiteral("\n  "))));
    if (!pending || *pending > 0)
        return CommandLine::refuse(
            QStringLiteral("rotate-keys re-encrypted %1 row(s), but %2 row(s) are still under a "
                           "retired key (written meanwhile by a server without the new primary "
                           "key?). Give every server the new primary key and run it again.")
                .arg(report.rewritten)
                .arg(pending ? QString::number(*pending) : QStringLiteral("some")));
    CommandLine::printLine(
        stdout, QStringLiteral("Re-encrypted %1 row(s). No row needs a retired key any more: the "
                               "retired encryption key(s) can be removed from the configuration "
                               "(keep them only to read backups made before now).")
                    .arg(report.rewritten));
    return CommandLine::Success;
}

} // namespace

int RotateKeysCommand::run(const QStringList& arguments) {
    CommandLine command(
        QStringLiteral("rotate-keys"), QStringLiteral("rotate-keys [options]"),
        QStringLiteral(
            "Re-encrypts every credential still under a retired encryption key (a key after the "
            "first in PAYCRED_ENCRYPTION_KEY) with the primary key, in batches, each in its own "
            "transaction, while the servers go on serving. Every server must already have the "
            "new primary key in its configuration. A progress line (rows done / rows to do) goes "
            "to standard error. Killed or stopped (SIGTERM, Ctrl-C), nothing is lost: run it "
            "again and it goes on. At the end it says whether any row still needs a retired key; "
            "when none does, the retired keys can be removed (keep them only to read older "
            "backups).\n\n"
            "Exit codes: 0 every row under the primary key, 1 refused or not finished (the "
            "configuration, the database, rows that could not be re-encrypted: listed, or a "
            "stop: run it again), 2 usage."),
        true);
    const QCommandLineOption batchOption(
        QStringLiteral("batch-size"),
        QStringLiteral("Rows per transaction (default %1).").arg(DefaultBatchSize),
        QStringLiteral("ROWS"), QString::number(DefaultBatchSize));
    const QCommandLineOption pauseOption(
        QStringLiteral("pause-ms"),
        QStringLiteral("A pause after each batch, to leave a busy database room (default 0)."),
        QStringLiteral("MS"), QStringLiteral("0"));
    command.addOption(batchOption);
    command.addOption(pauseOption);
    if (const auto done = command.parse(arguments))
        return *done;
    const auto batchSize = positiveNumber(command.value(batchOption), 1);
    if (!batchSize)
        return command.usageError(QStringLiteral("--batch-size takes a whole number of rows, at "
                                                 "least 1."));
    const auto pauseMs = positiveNumber(command.value(pauseOption), 0);
    if (!pauseMs)
        return command.usageError(
            QStringLiteral("--pause-ms takes a whole number of milliseconds."));

    auto config = command.loadConfig();
    if (!config)
        return CommandLine::Refused;
    storage::Database database(config->database());
    QString error;
    if (!database.open(&error))
        return CommandLine::refuse(QStringLiteral("Cannot open the database: %1").arg(error));
    const crypto::KeyRing ring = config->settings().keyRing;
    const QString primary = ring.primary().fingerprint();

    const SystemClock clock;
    const service::Services services(database, config->takeSettings(), clock);
    stopOnSignals();
    service::KeyRotation::Options options;
    options.batchSize = *batchSize;
    options.detail = QStringLiteral("rotate-keys to primary key %1").arg(primary);
    options.mayContinue = [] { return !stopRequested.load(); };
    options.progress = [pause = *pauseMs](int done, int total) {
        CommandLine::printLine(stderr,
                               QStringLiteral("rotate-keys: %1 / %2 rows").arg(done).arg(total));
        if (pause > 0 && done < total)
            QThread::msleep(static_cast<unsigned long>(pause));
    };
    qCInfo(lcServer, "rotate-keys: re-encrypting under the primary key %s in batches of %d",
           qPrintable(primary), *batchSize);
    const service::KeyRotation::Report report = services.rotation().run(ring, options);
    return reportOutcome(report, services.rotation().pending(ring));
}

} // namespace paycred::server
