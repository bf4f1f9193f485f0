#pragma once

#include "core/service/credential.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

namespace paycred::api {

// CredentialJson: the credential object every credential answer carries (the seed's list
// serializer). Never a key, a ciphertext or a digest.
class CredentialJson {
public:
    static QJsonObject toJson(const service::Credential& credential);
    static QJsonArray toJson(const QList<service::Credential>& credentials);
    // The ETag of a response that carries this one credential (API.md §2): its row version.
    static QByteArray entityTag(const service::Credential& credential);
    // ISO 8601 UTC with `Z`; milliseconds only when there are some.
    static QString timestamp(const QDateTime& at);
};

} // namespace paycred::api
