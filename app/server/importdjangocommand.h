#pragma once

#include "app/server/serverconfig.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace paycred::crypto {
class KeyRing;
}

namespace paycred::server {

// ImportDjangoCommand: `import-django` — brings the users and payment credentials of a
// deployment of the seed's Django server (DjangoDeployment) into the configured database, user by
// user, each in its own transaction (DjangoImport); a progress line on standard error, and on
// standard output a report of what was imported, what was already there and what was skipped
// and why. Running it again imports only what is missing. The Django key is never printed.
class ImportDjangoCommand {
public:
    enum ExitCode : int {
        Success = 0, // everything imported or already there
        Refused = 1, // nothing written: configuration, a database, or the key refused
        Usage = 2,
        Skipped = 3, // done, but something was skipped (the report says what and why)
        Stopped = 4, // PayCred's database refused a write: the users before are imported
    };

    struct Options {
        QString from;    // --from: a SQLite file or a postgresql:// URL
        QString key;     // --django-key (wiped when the command ends)
        QString keyFile; // --django-key-file
        bool dryRun = false;
    };

    ImportDjangoCommand(ServerConfig config, Options options);
    ~ImportDjangoCommand(); // wipes the key's text
    ImportDjangoCommand(const ImportDjangoCommand&) = delete;
    ImportDjangoCommand& operator=(const ImportDjangoCommand&) = delete;

    int run();
    // The command line's entry: `import-django [options]`, parsed, configured and run.
    static int run(const QStringList& arguments);

    // What --help says of the command: its options' rules and its exit codes.
    static QString helpText();
    // The environment variable the Django key may come from.
    static QString keyVariable() { return QStringLiteral("DJANGO_ENCRYPTION_KEY"); }

private:
    // The Django key from exactly one of its sources; nothing (with `error`, and `exitCode`
    // Usage or Refused) when none or more than one is given or it is not a Fernet key.
    std::optional<crypto::KeyRing> djangoKey(QString* error, int* exitCode) const;

    ServerConfig m_config;
    Options m_options;
};

} // namespace paycred::server
