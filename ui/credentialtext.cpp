#include "ui/credentialtext.h"

#include <QCoreApplication>
#include <QFile>

namespace paycred::ui {

QIcon providerIcon(const QString& provider) {
    const QString path = QStringLiteral(":/icons/provider-%1.svg").arg(provider);
    // A provider added on the server after this build has no drawing of its own yet.
    if (!provider.isEmpty() && QFile::exists(path))
        return QIcon(path);
    return QIcon(QStringLiteral(":/icons/provider-generic.svg"));
}

QIcon environmentIcon(const QString& environment) {
    return QIcon(environment == QLatin1String("live") ? QStringLiteral(":/icons/live.svg")
                                                      : QStringLiteral(":/icons/sandbox.svg"));
}

QString environmentName(const QString& environment) {
    if (environment == QLatin1String("sandbox"))
        return QCoreApplication::translate("CredentialText", "Sandbox");
    if (environment == QLatin1String("live"))
        return QCoreApplication::translate("CredentialText", "Live");
    return environment;
}

QString credentialName(const client::Credential& credential) {
    const QString provider =
        credential.providerDisplay.isEmpty() ? credential.provider : credential.providerDisplay;
    return QCoreApplication::translate("CredentialText", "%1 (%2)")
        .arg(provider, environmentName(credential.environment));
}

} // namespace paycred::ui
