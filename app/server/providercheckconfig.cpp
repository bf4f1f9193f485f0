#include "app/server/providercheckconfig.h"

#include "app/server/settingsources.h"

#include "core/service/environment.h"
#include "core/service/provider.h"

#include <QFile>
#include <QUrl>

namespace paycred::server {

namespace {
const QString ChecksEnv = QStringLiteral("PAYCRED_PROVIDER_CHECKS");
const QString TimeoutEnv = QStringLiteral("PAYCRED_PROVIDER_CHECK_TIMEOUT");
const QString CaFileEnv = QStringLiteral("PAYCRED_PROVIDER_CA_FILE");
// Below the desktop client's own 30 s wait for an answer (HttpTransport), so the app never gives
// up on a check the server then finishes and records.
constexpr int MaxTimeoutSecs = 25;

QString urlEnv(const QString& provider, const QString& environment) {
    return QStringLiteral("PAYCRED_%1_%2_URL").arg(provider.toUpper(), environment.toUpper());
}

QStringList envNames() {
    QStringList names{ChecksEnv, TimeoutEnv, CaFileEnv};
    for (const auto& provider : service::Provider::all()) {
        for (const QString& environment : service::Environment::all())
            names << urlEnv(provider.id, environment);
    }
    return names;
}

void readSwitch(const Setting& setting, service::ProviderCheckSettings& settings,
                QStringList& problems) {
    if (!setting.isSet())
        return;
    const QString value = setting.value.trimmed().toLower();
    if (value == QLatin1String("on"))
        return;
    if (value != QLatin1String("off")) {
        problems << QStringLiteral("%1 must be on or off.").arg(setting.source);
        return;
    }
    settings.enabled = false;
    settings.disabledReason =
        QStringLiteral("this server's configuration allows it no outbound connections");
}

void readUrl(const Setting& setting, const QString& key, service::ProviderCheckSettings& settings,
             QStringList& problems) {
    if (!setting.isSet())
        return;
    const QUrl url(setting.value.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty() ||
        !url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment()) {
        problems << QStringLiteral("%1 must be an https:// URL without a query, e.g. "
                                   "https://egress.example:8443/kopokopo")
                        .arg(setting.source);
        return;
    }
    settings.baseUrls.insert(key, url.toString());
}

void readTimeout(const Setting& setting, service::ProviderCheckSettings& settings,
                 QStringList& problems) {
    if (!setting.isSet())
        return;
    bool ok = false;
    const int seconds = setting.value.trimmed().toInt(&ok);
    if (!ok || seconds < 1 || seconds > MaxTimeoutSecs) {
        problems << QStringLiteral("%1 must be a whole number of seconds from 1 to %2.")
                        .arg(setting.source)
                        .arg(MaxTimeoutSecs);
        return;
    }
    settings.timeoutMs = seconds * 1000;
}

void readCaFile(const Setting& setting, service::ProviderCheckSettings& settings,
                QStringList& problems) {
    if (!setting.isSet())
        return;
    QFile file(setting.value.trimmed());
    if (!file.open(QIODevice::ReadOnly)) {
        problems << QStringLiteral("%1 names %2, which cannot be read: %3.")
                        .arg(setting.source, file.fileName(), file.errorString());
        return;
    }
    const auto certificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (certificates.isEmpty()) {
        problems << QStringLiteral("%1 names %2, which holds no PEM certificate.")
                        .arg(setting.source, file.fileName());
        return;
    }
    settings.extraCaCertificates = certificates;
}
} // namespace

QStringList ProviderCheckConfig::iniKeys() {
    QStringList keys;
    for (const QString& name : envNames())
        keys << SettingSources::iniKey(name);
    return keys;
}

void ProviderCheckConfig::read(const Lookup& lookup, service::ProviderCheckSettings& settings,
                               QStringList& problems) {
    readSwitch(lookup(ChecksEnv), settings, problems);
    readTimeout(lookup(TimeoutEnv), settings, problems);
    readCaFile(lookup(CaFileEnv), settings, problems);
    for (const auto& provider : service::Provider::all()) {
        for (const QString& environment : service::Environment::all())
            readUrl(lookup(urlEnv(provider.id, environment)),
                    service::ProviderCheckSettings::urlKey(provider.id, environment), settings,
                    problems);
    }
}

} // namespace paycred::server
