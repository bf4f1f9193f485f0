#pragma once

#include "core/storage/records.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

namespace paycred::api {

// CredentialJson: the credential object every credential answer carries (the seed's list
// serializer). Never a key, a ciphertext or a digest.
class CredentialJson {
public:
    static QJsonObject toJson(const storage::CredentialRecord& credential);
    static QJsonArray toJson(const QList<storage::CredentialRecord>& credentials);
    // ISO 8601 UTC with `Z`; milliseconds only when there are some.
    static QString timestamp(const QDateTime& at);
};

} // namespace paycred::api
