#include "ui/credentialtext.h"

#include "ui/icon.h"

#include <QCoreApplication>
#include <QFile>

namespace paycred::ui {

QIcon providerIcon(const QString& provider) {
    // A provider added on the server after this build has no drawing of its own yet.
    const QString name = QStringLiteral("provider-%1").arg(provider);
    if (!provider.isEmpty() && QFile::exists(QStringLiteral(":/icons/%1.svg").arg(name)))
        return icon(name);
    return icon(QStringLiteral("provider-generic"));
}

QIcon environmentIcon(const QString& environment) {
    return icon(environment == QLatin1String("live") ? QStringLiteral("live")
                                                     : QStringLiteral("sandbox"));
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
