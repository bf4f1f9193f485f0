#pragma once

#include "core/api/apirequest.h"
#include "core/api/apiresponse.h"

#include <QJsonObject>

#include <optional>

namespace paycred::api {

// RequestBody: a request's body parsed as DRF's parsers would (JSON or a urlencoded form).
// An empty body is an empty object; anything else that cannot be read is an error answer.
class RequestBody {
public:
    static RequestBody parse(const ApiRequest& request);
    // parse(), where a valid body that is not an object is refused as DRF refuses it: 400
    // {"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]}.
    static RequestBody parseObject(const ApiRequest& request);
    // The fields of a URL's query, decoded as DRF decodes form text ('+' is a space; the last
    // of a repeated name wins). Bytes that are not UTF-8 become U+FFFD: a query only selects,
    // it is never stored. A form body is decoded the same way but refused for such bytes.
    static QJsonObject queryFields(const QByteArray& encoded);

    bool ok() const { return !m_error.has_value(); }
    const ApiResponse& error() const { return *m_error; }
    // False when the JSON is valid but not an object (an array, a string, null, a number).
    bool isObject() const { return m_isObject; }
    // "list", "str", ... as DRF names the type it got instead of a dictionary.
    QString typeName() const { return m_typeName; }
    const QJsonObject& object() const { return m_object; }

private:
    static RequestBody parseJson(const QByteArray& body);
    static RequestBody parseForm(const QByteArray& body);

    std::optional<ApiResponse> m_error;
    bool m_isObject = true;
    QString m_typeName;
    QJsonObject m_object;
};

} // namespace paycred::api
