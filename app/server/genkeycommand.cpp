#include "app/server/genkeycommand.h"

#include "app/server/commandline.h"
#include "app/server/serverconfig.h"

#include "core/crypto/secret.h"

#include <cstdio>

namespace paycred::server {

int GenkeyCommand::run(const QStringList& arguments) {
    CommandLine command(
        QStringLiteral("genkey"), QStringLiteral("genkey [--secret | --audit]"),
        QStringLiteral("Prints a new key on standard output: by default a Fernet key for "
                       "PAYCRED_ENCRYPTION_KEY (encryption_key), with --secret a "
                       "PAYCRED_SECRET_KEY (secret_key), with --audit a PAYCRED_AUDIT_KEY "
                       "(audit_key). Redirect it straight into a file only its owner can read, "
                       "e.g. `(umask 077; paycred-server genkey > /etc/paycred/encryption_key)`."
                       "\n\nExit codes: 0 printed, 2 usage."),
        false);
    const QCommandLineOption secretOption(QStringLiteral("secret"),
                                          QStringLiteral("Print a secret key (signs tokens)."));
    const QCommandLineOption auditOption(QStringLiteral("audit"),
                                         QStringLiteral("Print an audit key (seals the audit "
                                                        "log)."));
    command.addOption(secretOption);
    command.addOption(auditOption);
    if (const auto done = command.parse(arguments))
        return *done;
    const bool secret = command.isSet(secretOption);
    const bool audit = command.isSet(auditOption);
    if (secret && audit)
        return command.usageError(
            QStringLiteral("genkey makes one key: --secret or --audit, not both."));

    QByteArray key = secret  ? ServerConfig::generateSecretKey()
                     : audit ? ServerConfig::generateAuditKey()
                             : ServerConfig::generateEncryptionKey();
    std::fwrite(key.constData(), 1, static_cast<std::size_t>(key.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
    crypto::wipe(key);
    return CommandLine::Success;
}

} // namespace paycred::server
