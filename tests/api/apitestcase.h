#pragma once

// Helpers shared by the API suites (tests/api): exact JSON comparisons, the checks every
// response must pass, the credential shape of API.md, database snapshots for "nothing changed"
// checks, and hand-made JWTs.

#include "core/api/apirequest.h"
#include "core/api/apiresponse.h"
#include "core/crypto/digest.h"
#include "core/crypto/secret.h"
#include "core/storage/database.h"
#include "tests/support/testbackend.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>
#include <QTest>
#include <QUrl>

#include <algorithm>

namespace paycred::apitest {

inline constexpr char kApiKey[] = "pk_test_kopokopo_1234567890abcdef";
inline constexpr char kPrivateKey[] = "sk_test_kopokopo_0987654321fedcba";
inline constexpr char kNotFound[] = "Payment credentials not found or access denied";
inline constexpr char kWwwAuthenticate[] = "Bearer realm=\"api\"";

// ---- JSON ------------------------------------------------------------------------------------

inline QString jsonText(const QJsonObject& object) {
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

inline QString jsonText(const QJsonArray& array) {
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

// Values that must never reach a test log, even when a test fails.
inline QJsonValue redacted(const QJsonValue& value) {
    static const QStringList secretKeys{"access_token", "refresh_token", "refresh",
                                        "private_key",  "api_key",       "password",
                                        "old_password", "new_password"};
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue& item : value.toArray())
            out.append(redacted(item));
        return out;
    }
    if (!value.isObject())
        return value;
    QJsonObject out = value.toObject();
    for (auto it = out.begin(); it != out.end(); ++it) {
        if (secretKeys.contains(it.key()) && it.value().isString())
            it.value() = QStringLiteral("<redacted>");
        else
            it.value() = redacted(it.value());
    }
    return out;
}

// The body normalised (keys sorted, secret values redacted) when it is a JSON object or array;
// a marker otherwise. Expected values in the tests never hold secret keys.
inline QString bodyText(const api::ApiResponse& response) {
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &error);
    if (error.error != QJsonParseError::NoError)
        return QStringLiteral("<not JSON: %1>").arg(QString::fromUtf8(response.body.left(300)));
    if (document.isObject())
        return jsonText(redacted(document.object()).toObject());
    if (document.isArray())
        return jsonText(redacted(document.array()).toArray());
    return QStringLiteral("<not an object or array: %1>")
        .arg(QString::fromUtf8(response.body.left(300)));
}

inline QString describe(const api::ApiResponse& response) {
    return QStringLiteral("status %1, body %2")
        .arg(response.status)
        .arg(bodyText(response).left(400));
}

inline bool bodyIsObject(const api::ApiResponse& response) {
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &error);
    return error.error == QJsonParseError::NoError && document.isObject();
}

inline QStringList sortedKeys(const QJsonObject& object) {
    QStringList keys = object.keys();
    keys.sort();
    return keys;
}

inline QStringList sorted(QStringList list) {
    list.sort();
    return list;
}

inline QJsonObject parseObject(const QByteArray& text) {
    return QJsonDocument::fromJson(text).object();
}

// ---- Response checks (macros: they return from the calling test function on failure) ---------

// Headers every response carries.
#define PAYCRED_CHECK_COMMON(r_)                                                                   \
    QVERIFY2((r_).header("X-Content-Type-Options") == QByteArray("nosniff"),                       \
             qPrintable(QStringLiteral("X-Content-Type-Options is '%1' (%2)")                      \
                            .arg(QString::fromUtf8((r_).header("X-Content-Type-Options")),         \
                                 ::paycred::apitest::describe(r_))));                              \
    if ((r_).status == 401)                                                                        \
        QVERIFY2((r_).header("WWW-Authenticate") ==                                                \
                     QByteArray(::paycred::apitest::kWwwAuthenticate),                             \
                 qPrintable(QStringLiteral("401 without WWW-Authenticate: Bearer realm=\"api\" "   \
                                           "(got '%1')")                                           \
                                .arg(QString::fromUtf8((r_).header("WWW-Authenticate")))));

#define EXPECT_STATUS(response, expectedStatus)                                                    \
    do {                                                                                           \
        const ::paycred::api::ApiResponse& rs_ = (response);                                       \
        QVERIFY2(rs_.status == (expectedStatus),                                                   \
                 qPrintable(QStringLiteral("expected status %1, got %2")                           \
                                .arg(expectedStatus)                                               \
                                .arg(::paycred::apitest::describe(rs_))));                         \
        PAYCRED_CHECK_COMMON(rs_)                                                                  \
    } while (false)

// Exact status and exact JSON body (object or array; key order does not matter). The expected
// value may contain commas (a braced QJsonObject), hence the variadic tail.
#define EXPECT_JSON(response, expectedStatus, ...)                                                 \
    do {                                                                                           \
        const ::paycred::api::ApiResponse& rj_ = (response);                                       \
        EXPECT_STATUS(rj_, expectedStatus);                                                        \
        QCOMPARE(::paycred::apitest::bodyText(rj_), ::paycred::apitest::jsonText(__VA_ARGS__));    \
    } while (false)

// Exact status and body and nosniff, without the 401 challenge check: for login failures, whose
// WWW-Authenticate header one dedicated test checks (so that one deviation does not hide others).
#define EXPECT_JSON_NO_CHALLENGE(response, expectedStatus, ...)                                    \
    do {                                                                                           \
        const ::paycred::api::ApiResponse& rn_ = (response);                                       \
        QVERIFY2(rn_.status == (expectedStatus),                                                   \
                 qPrintable(QStringLiteral("expected status %1, got %2")                           \
                                .arg(expectedStatus)                                               \
                                .arg(::paycred::apitest::describe(rn_))));                         \
        QCOMPARE(rn_.header("X-Content-Type-Options"), QByteArray("nosniff"));                     \
        QCOMPARE(::paycred::apitest::bodyText(rn_), ::paycred::apitest::jsonText(__VA_ARGS__));    \
    } while (false)

// ---- Credential objects -------------------------------------------------------------------

inline QStringList credentialKeys() {
    return sorted({"id", "provider", "provider_display", "environment", "is_active", "created_at",
                   "updated_at", "is_live", "is_sandbox"});
}

// ISO 8601 UTC with `Z` (fractional seconds allowed); invalid when not exactly that.
inline QDateTime parseUtc(const QJsonValue& value) {
    if (!value.isString())
        return {};
    const QString text = value.toString();
    if (!text.endsWith(QLatin1Char('Z')) || text.size() < 20)
        return {};
    const QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!at.isValid() || at.timeSpec() != Qt::UTC)
        return {};
    return at;
}

inline QString displayName(const QString& provider) {
    if (provider == QLatin1String("kopokopo"))
        return QStringLiteral("KopoKopo");
    if (provider == QLatin1String("instasend"))
        return QStringLiteral("InstaSend");
    return provider;
}

inline QString boolText(bool value) {
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

// Empty when `object` is exactly a credential of API.md with these values.
inline QString credentialProblem(const QJsonObject& object, qint64 id, const QString& provider,
                                 const QString& environment, bool active) {
    if (sortedKeys(object) != credentialKeys())
        return QStringLiteral("credential keys are [%1], expected [%2]")
            .arg(sortedKeys(object).join(u','), credentialKeys().join(u','));
    const QString text = jsonText(object);
    if (!object.value("id").isDouble() || object.value("id").toInteger() != id)
        return QStringLiteral("id is not %1: %2").arg(id).arg(text);
    if (object.value("provider").toString() != provider)
        return QStringLiteral("provider is not %1: %2").arg(provider, text);
    if (object.value("provider_display").toString() != displayName(provider))
        return QStringLiteral("provider_display is not %1: %2").arg(displayName(provider), text);
    if (object.value("environment").toString() != environment)
        return QStringLiteral("environment is not %1: %2").arg(environment, text);
    if (!object.value("is_active").isBool() || object.value("is_active").toBool() != active)
        return QStringLiteral("is_active is not %1: %2").arg(boolText(active), text);
    const bool live = environment == QLatin1String("live");
    if (!object.value("is_live").isBool() || object.value("is_live").toBool() != live)
        return QStringLiteral("is_live is not %1: %2").arg(boolText(live), text);
    if (!object.value("is_sandbox").isBool() || object.value("is_sandbox").toBool() == live)
        return QStringLiteral("is_sandbox is not %1: %2").arg(boolText(!live), text);
    if (!parseUtc(object.value("created_at")).isValid())
        return QStringLiteral("created_at is not ISO 8601 UTC with Z: %1").arg(text);
    if (!parseUtc(object.value("updated_at")).isValid())
        return QStringLiteral("updated_at is not ISO 8601 UTC with Z: %1").arg(text);
    return {};
}

#define CHECK_CREDENTIAL(object, id, provider, environment, active)                                \
    do {                                                                                           \
        const QString p_ =                                                                         \
            ::paycred::apitest::credentialProblem(object, id, provider, environment, active);      \
        QVERIFY2(p_.isEmpty(), qPrintable(p_));                                                    \
    } while (false)

// ---- Requests -------------------------------------------------------------------------------

inline api::ApiRequest makeRequest(const QByteArray& method, const QByteArray& target,
                                   const QByteArray& body = {},
                                   const QByteArray& contentType = "application/json",
                                   const QByteArray& authorization = {},
                                   const QString& remoteAddress = QStringLiteral("127.0.0.1")) {
    api::ApiRequest request;
    request.method = method;
    request.target = target;
    request.body = body;
    request.remoteAddress = remoteAddress;
    if (!contentType.isEmpty() && !body.isEmpty())
        request.headers.append({"Content-Type", contentType});
    if (!authorization.isNull())
        request.headers.append({"Authorization", authorization});
    return request;
}

inline QByteArray compact(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

inline QByteArray credentialPath(qint64 id, const QByteArray& action = {}) {
    QByteArray path = "/payments/credentials/" + QByteArray::number(id) + "/";
    if (!action.isEmpty())
        path += action + "/";
    return path;
}

// application/x-www-form-urlencoded, as a browser or Python's requests writes it.
inline QByteArray formEncode(const QList<QPair<QString, QString>>& fields) {
    QByteArray out;
    for (const auto& [name, value] : fields) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(name, " ").replace(' ', '+') + '=' +
               QUrl::toPercentEncoding(value, " ").replace(' ', '+');
    }
    return out;
}

inline QJsonObject loginObject(const test::TestBackend& backend, const QString& username,
                               const QString& password) {
    return backend.call("POST", "/users/login/", {{"username", username}, {"password", password}})
        .object();
}

// Creates a credential through the API; returns its id, or 0 when the API refused.
inline qint64 createCredential(const test::TestBackend& backend, const QByteArray& token,
                               const QString& provider = QStringLiteral("kopokopo"),
                               const QString& apiKey = QString::fromLatin1(kApiKey),
                               const QString& privateKey = QString::fromLatin1(kPrivateKey),
                               const QString& environment = QStringLiteral("sandbox")) {
    const auto response = backend.call("POST", "/payments/credentials/",
                                       {{"provider", provider},
                                        {"api_key", apiKey},
                                        {"private_key", privateKey},
                                        {"environment", environment}},
                                       token);
    if (response.status != 201)
        return 0;
    return response.object().value("id").toInteger();
}

// Every id a cursor-paged list of API.md §3 gives, page after page, following `next` (empty,
// with a warning, when a page is refused); `pages` gets how many pages it took.
inline QList<qint64> walkPages(const test::TestBackend& backend, const QByteArray& first,
                               const QByteArray& token, int* pages = nullptr) {
    QList<qint64> ids;
    QByteArray target = first;
    int count = 0;
    while (!target.isEmpty() && count < 100) {
        const auto response = backend.call("GET", target, {}, token);
        if (response.status != 200) {
            qWarning("%s: %s", target.constData(), qPrintable(describe(response)));
            return {};
        }
        const QJsonObject body = response.object();
        if (count > 0 && !body.value("count").isNull())
            qWarning("a later page has a count");
        for (const auto& row : body.value("results").toArray())
            ids.append(row.toObject().value("id").toInteger());
        target = body.value("next").toString().toUtf8();
        ++count;
    }
    if (pages)
        *pages = count;
    return ids;
}

// ---- Database snapshots ---------------------------------------------------------------------

using Snapshot = QMap<QString, QStringList>; // table → sorted rows ("col=value|...")

inline QString cellText(const QVariant& value) {
    if (value.isNull())
        return QStringLiteral("NULL");
    if (value.typeId() == QMetaType::QByteArray)
        return QStringLiteral("x'%1'").arg(QString::fromLatin1(value.toByteArray().toHex()));
    return value.toString();
}

inline QStringList tableNames(const storage::Database& db) {
    QStringList names = db.connection().tables(QSql::Tables);
    names.removeIf([](const QString& name) { return name.startsWith(QLatin1String("sqlite_")); });
    names.sort();
    return names;
}

inline QStringList tableRows(const storage::Database& db, const QString& table) {
    QSqlQuery query(db.connection());
    QStringList rows;
    if (!query.exec(QStringLiteral("SELECT * FROM \"%1\"").arg(table))) {
        rows << QStringLiteral("<query failed: %1>").arg(query.lastError().text());
        return rows;
    }
    while (query.next()) {
        const QSqlRecord record = query.record();
        QStringList cells;
        for (int i = 0; i < record.count(); ++i)
            cells << record.fieldName(i) + u'=' + cellText(query.value(i));
        rows << cells.join(u'|');
    }
    rows.sort();
    return rows;
}

// Every row of every table except `excluded` (e.g. audit_events, login_throttle). The audit
// chain's head goes with audit_events: it moves with every event.
inline Snapshot snapshot(const storage::Database& db, const QStringList& excluded = {}) {
    Snapshot result;
    QStringList skipped = excluded;
    if (skipped.contains(QLatin1String("audit_events")))
        skipped << QStringLiteral("audit_chain");
    for (const QString& table : tableNames(db)) {
        if (skipped.contains(table))
            continue;
        QStringList rows = tableRows(db, table);
        // A session's last use is bookkeeping that any authenticated request may write (at most
        // once a minute): it is no change a refused request made.
        if (table == QLatin1String("sessions")) {
            static const QRegularExpression lastUse(QStringLiteral("last_used_at=[^|]*"));
            for (QString& row : rows)
                row.remove(lastUse);
        }
        result.insert(table, rows);
    }
    return result;
}

// Empty when equal; otherwise names the first table that differs and how.
inline QString snapshotDifference(const Snapshot& before, const Snapshot& after) {
    // A snapshot that read nothing would make every comparison pass: refuse it.
    for (const char* table : {"users", "payment_credentials", "revoked_tokens"}) {
        if (!before.contains(QLatin1String(table)))
            return QStringLiteral("the snapshot has no table %1 (tables: %2)")
                .arg(QLatin1String(table), before.keys().join(u','));
    }
    if (before.keys() != after.keys())
        return QStringLiteral("tables differ: [%1] vs [%2]")
            .arg(before.keys().join(u','), after.keys().join(u','));
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        const QStringList& now = after.value(it.key());
        if (it.value() != now)
            return QStringLiteral("table %1 changed:\n  before: %2\n  after:  %3")
                .arg(it.key(), it.value().join(QStringLiteral("\n          ")),
                     now.join(QStringLiteral("\n          ")));
    }
    return {};
}

#define EXPECT_UNCHANGED(before, after)                                                            \
    do {                                                                                           \
        const QString d_ = ::paycred::apitest::snapshotDifference(before, after);                  \
        QVERIFY2(d_.isEmpty(), qPrintable(d_));                                                    \
    } while (false)

// ---- JWTs by hand ---------------------------------------------------------------------------

inline QByteArray base64Url(const QByteArray& data) {
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

inline QJsonObject jwtPart(const QByteArray& token, int index) {
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3 || index < 0 || index > 2)
        return {};
    return QJsonDocument::fromJson(
               QByteArray::fromBase64(parts.at(index), QByteArray::Base64UrlEncoding |
                                                           QByteArray::OmitTrailingEquals))
        .object();
}

// header.payload.signature where the signature is HMAC-SHA256 under `key` (empty key: none).
inline QByteArray makeJwt(const QJsonObject& header, const QJsonObject& claims,
                          const crypto::Secret& key) {
    const QByteArray signingInput = base64Url(compact(header)) + '.' + base64Url(compact(claims));
    if (key.isEmpty())
        return signingInput + '.';
    return signingInput + '.' +
           base64Url(crypto::Digest::hmacSha256(key.view(), QByteArrayView(signingInput)));
}

} // namespace paycred::apitest
