#include "tests/server/serverkeys.h"

namespace paycred::test {

ServerKeys ServerKeys::generate() {
    const ServerProcess keys;
    const auto genkey = [&](const QStringList& arguments) {
        const CommandResult made = keys.run(QStringList{QStringLiteral("genkey")} + arguments);
        return made.exitCode == 0 ? made.out.trimmed() : QByteArray();
    };
    return {genkey({QStringLiteral("--secret")}), genkey({}), genkey({QStringLiteral("--audit")})};
}

void ServerKeys::applyTo(QProcessEnvironment& environment) const {
    environment.insert(QStringLiteral("PAYCRED_SECRET_KEY"), QString::fromLatin1(secret));
    environment.insert(QStringLiteral("PAYCRED_ENCRYPTION_KEY"), QString::fromLatin1(encryption));
    environment.insert(QStringLiteral("PAYCRED_AUDIT_KEY"), QString::fromLatin1(audit));
}

} // namespace paycred::test
