#pragma once

#include "core/api/apiresponse.h"
#include "core/client/credential.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>

#include <optional>

namespace paycred::client::apijson {

// How API.md writes its values, read and written in one place for the session and the typed
// clients.

// An id: a positive whole number, or nothing.
std::optional<qint64> positiveId(const QJsonValue& value);
// ISO 8601 as API.md writes it ("Z", optional fractional seconds), in UTC; a time without an
// offset is taken as UTC, which is what the API always means. Invalid when it is not one.
QDateTime timestamp(const QJsonValue& value);
// A time as API.md writes it: UTC, ISO 8601 with "Z" (milliseconds when there are any).
QString timestampText(const QDateTime& at);
// A count: a whole number, zero or more; nothing when it is not one.
std::optional<qint64> count(const QJsonValue& value);
// A request body: compact UTF-8 JSON.
QByteArray body(const QJsonObject& object);

// The credential object of API.md (the display name from the registry when the server sends
// none); nothing when it is not one.
std::optional<Credential> credential(const QJsonValue& value);
// An answer that carries one credential: the object itself, or (update-private-key,
// toggle-status) under "credentials"; with the answer's entity tag.
std::optional<Credential> oneCredential(const api::ApiResponse& response);

} // namespace paycred::client::apijson
