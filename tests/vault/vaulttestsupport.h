#pragma once

// Helpers shared by the vault suites (tests/vault): cheap vault options, requests through
// Vault::handle(), plain SQL on the vault file from outside, and readable VaultStatus values.
// Nothing here prints a secret: responses are described with their secret fields redacted.

#include "core/api/apirequest.h"
#include "core/api/apiresponse.h"
#include "core/crypto/secret.h"
#include "core/vault/vault.h"
#include "core/vault/vaultoptions.h"
#include "core/vault/vaultstatus.h"
#include "tests/api/apitestcase.h"

#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QString>
#include <QStringList>
#include <QTest>
#include <QVariant>

#include <functional>
#include <optional>

namespace paycred::vault {

inline const char* errorName(VaultStatus::Error error) {
    switch (error) {
    case VaultStatus::Error::None:
        return "None";
    case VaultStatus::Error::NotFound:
        return "NotFound";
    case VaultStatus::Error::NotAVault:
        return "NotAVault";
    case VaultStatus::Error::TooNew:
        return "TooNew";
    case VaultStatus::Error::Damaged:
        return "Damaged";
    case VaultStatus::Error::Exists:
        return "Exists";
    case VaultStatus::Error::WrongPassword:
        return "WrongPassword";
    case VaultStatus::Error::Locked:
        return "Locked";
    case VaultStatus::Error::Refused:
        return "Refused";
    case VaultStatus::Error::Failed:
        return "Failed";
    }
    return "<unknown VaultStatus::Error>";
}

// So QCOMPARE names the errors (found by argument-dependent lookup).
inline char* toString(const VaultStatus::Error& error) {
    return qstrdup(errorName(error));
}

} // namespace paycred::vault

namespace paycred::vaulttest {

using apitest::describe;

// A vault whose slots cost little to open (scrypt N = 2^10), with tokens that outlive the clock
// moves of the idle-lock tests.
inline vault::VaultOptions cheapOptions() {
    vault::VaultOptions options;
    options.scrypt = {1u << 10, 8, 1};
    options.settings.accessLifetimeSecs = 60 * 60;
    return options;
}

// 2024-01-15T10:30:00Z, where every suite's manual clock starts.
inline QDateTime startTime() {
    return QDateTime(QDate(2024, 1, 15), QTime(10, 30), Qt::UTC);
}

inline QString statusText(const vault::VaultStatus& status) {
    return QStringLiteral("%1 (%2)").arg(QLatin1String(vault::errorName(status.error)),
                                         status.message);
}

#define EXPECT_VAULT_OK(expression)                                                                \
    do {                                                                                           \
        const ::paycred::vault::VaultStatus vs_ = (expression);                                    \
        QVERIFY2(vs_.ok(), qPrintable(QStringLiteral(#expression " failed: %1")                    \
                                          .arg(::paycred::vaulttest::statusText(vs_))));           \
    } while (false)

#define EXPECT_VAULT_ERROR(expression, expectedError)                                              \
    do {                                                                                           \
        const ::paycred::vault::VaultStatus vs_ = (expression);                                    \
        QVERIFY2(vs_.error == (expectedError),                                                     \
                 qPrintable(QStringLiteral(#expression ": expected %1, got %2")                    \
                                .arg(QLatin1String(::paycred::vault::errorName(expectedError)),    \
                                     ::paycred::vaulttest::statusText(vs_))));                     \
        QVERIFY2(!vs_.message.trimmed().isEmpty(),                                                 \
                 #expression ": the failure carries no message for the user");                     \
    } while (false)

// ---- Requests through the vault's router ---------------------------------------------------

inline api::ApiResponse call(vault::Vault& v, const QByteArray& method, const QByteArray& path,
                             const QJsonObject& body = {}, const QByteArray& token = {}) {
    const QByteArray payload = body.isEmpty() && method == "GET"
                                   ? QByteArray()
                                   : QJsonDocument(body).toJson(QJsonDocument::Compact);
    return v.handle(apitest::makeRequest(method, path, payload, "application/json",
                                         token.isEmpty() ? QByteArray() : "Bearer " + token));
}

inline api::ApiResponse loginResponse(vault::Vault& v, const QString& username,
                                      const QString& password) {
    return call(v, "POST", "/users/login/", {{"username", username}, {"password", password}});
}

// The access token of a login, empty when it failed.
inline QByteArray login(vault::Vault& v, const QString& username, const QString& password) {
    const auto response = loginResponse(v, username, password);
    if (response.status != 200)
        return {};
    return response.object().value("access_token").toString().toUtf8();
}

// Creates a credential through the API; its id, or 0 when refused.
inline qint64 createCredential(vault::Vault& v, const QByteArray& token, const QString& provider,
                               const QString& apiKey, const QString& privateKey,
                               const QString& environment = QStringLiteral("sandbox")) {
    const auto response = call(v, "POST", "/payments/credentials/",
                               {{"provider", provider},
                                {"api_key", apiKey},
                                {"private_key", privateKey},
                                {"environment", environment}},
                               token);
    if (response.status != 201)
        return 0;
    return response.object().value("id").toInteger();
}

struct Revealed {
    int status = 0;
    QString privateKey;
    QString apiKey;
    QString bodyText; // redacted, for messages
};

inline Revealed reveal(vault::Vault& v, const QByteArray& token, qint64 id) {
    const auto response = call(v, "GET", apitest::credentialPath(id, "get-private-key"), {}, token);
    Revealed out;
    out.status = response.status;
    out.bodyText = describe(response);
    out.privateKey = response.object().value("private_key").toString();
    out.apiKey = response.object().value("api_key").toString();
    return out;
}

// The verify endpoint's is_valid; nullopt when it did not answer 200.
inline std::optional<bool> verifyKey(vault::Vault& v, const QByteArray& token, qint64 id,
                                     const QString& privateKey) {
    const auto response = call(v, "POST", apitest::credentialPath(id, "verify"),
                               {{"private_key", privateKey}}, token);
    if (response.status != 200 || !response.object().value("is_valid").isBool())
        return std::nullopt;
    return response.object().value("is_valid").toBool();
}

// The ids of the caller's credentials, in the order the API lists them (empty on failure).
inline QList<qint64> credentialIds(vault::Vault& v, const QByteArray& token) {
    QList<qint64> ids;
    const auto response = call(v, "GET", "/payments/credentials/", {}, token);
    if (response.status != 200)
        return ids;
    for (const QJsonValue& item : response.document().array())
        ids.append(item.toObject().value("id").toInteger());
    return ids;
}

// ---- The vault file from outside -------------------------------------------------------------

// Runs `work` on a plain connection of its own to the SQLite file `path` (not the vault's).
// `options` are QSQLITE connect options (e.g. "QSQLITE_OPEN_READONLY"). False when it could not
// be opened.
inline bool withRawConnection(const QString& path, const std::function<void(QSqlDatabase&)>& work,
                              const QString& options = {}) {
    static int counter = 0;
    const QString name = QStringLiteral("vaulttest-raw-%1").arg(++counter);
    bool opened = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(options);
        opened = db.open();
        if (opened)
            work(db);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return opened;
}

// Executes `sql`, binding `values` positionally; the number of rows it changed, or -1 (and the
// reason in `error`) when it failed.
inline int execSql(QSqlDatabase& db, const QString& sql, const QVariantList& values = {},
                   QString* error = nullptr) {
    QSqlQuery query(db);
    if (!query.prepare(sql)) {
        if (error)
            *error = query.lastError().text();
        return -1;
    }
    for (const QVariant& value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        if (error)
            *error = query.lastError().text();
        return -1;
    }
    return query.numRowsAffected();
}

// Every row `sql` returns, its columns as strings.
inline QList<QStringList> rows(const QSqlDatabase& db, const QString& sql) {
    QList<QStringList> out;
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        out.append({QStringLiteral("<error: %1>").arg(query.lastError().text())});
        return out;
    }
    while (query.next()) {
        QStringList row;
        for (int i = 0; i < query.record().count(); ++i)
            row.append(query.value(i).toString());
        out.append(row);
    }
    return out;
}

inline QByteArray readFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

inline bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(bytes) == bytes.size() && file.flush();
}

// The forms a key could take on disk: raw, hex (both cases), base64 and base64url (padded or
// not). Labels name the form, never the value.
inline QList<QPair<QString, QByteArray>> encodings(const QString& label, const QByteArray& raw) {
    QList<QPair<QString, QByteArray>> forms;
    if (raw.isEmpty())
        return forms;
    forms.append({label + QStringLiteral(" (raw)"), raw});
    forms.append({label + QStringLiteral(" (hex)"), raw.toHex()});
    forms.append({label + QStringLiteral(" (HEX)"), raw.toHex().toUpper()});
    forms.append({label + QStringLiteral(" (base64)"), raw.toBase64()});
    forms.append({label + QStringLiteral(" (base64, unpadded)"),
                  raw.toBase64(QByteArray::OmitTrailingEquals)});
    forms.append(
        {label + QStringLiteral(" (base64url)"), raw.toBase64(QByteArray::Base64UrlEncoding)});
    forms.append({label + QStringLiteral(" (base64url, unpadded)"),
                  raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)});
    return forms;
}

} // namespace paycred::vaulttest
