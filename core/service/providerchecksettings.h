#pragma once

#include <QList>
#include <QMap>
#include <QSslCertificate>
#include <QString>

namespace paycred::service {

// ProviderCheckSettings: whether and how credentials are checked with their providers (API.md
// §2 check). A server takes them from its configuration; a vault keeps the defaults.
struct ProviderCheckSettings {
    bool enabled = true;
    QString disabledReason; // said in every not_checkable answer while switched off
    // Base URLs that replace the registry's, keyed "<provider>/<environment>"
    // ("kopokopo/sandbox"). Only a server's configuration (or a test) sets them.
    QMap<QString, QString> baseUrls;
    int timeoutMs = 10'000;                         // for a whole check, every call of it together
    qsizetype maxReplyBytes = qsizetype{64} * 1024; // an answer past this is cut off
    // Trusted beside the system's CAs: a test's stand-in provider. Never set in a product.
    QList<QSslCertificate> extraCaCertificates;

    static QString urlKey(const QString& provider, const QString& environment) {
        return provider + QLatin1Char('/') + environment;
    }
};

} // namespace paycred::service
