#include "core/api/schemahandler.h"

#include "core/api/route.h"
#include "core/service/credentialfields.h"
#include "core/service/providerchecker.h"

#include <QRegularExpression>

namespace paycred::api {

namespace {
QJsonObject errorSchema() {
    return {{"type", "object"},
            {"description",
             "One of {\"error\": str}, {\"detail\": str} or field errors {field: [str]}"}};
}

QJsonObject credentialSchema() {
    const auto text = QJsonObject{{"type", "string"}};
    const auto flag = QJsonObject{{"type", "boolean"}};
    const auto time = QJsonObject{{"type", "string"}, {"format", "date-time"}};
    return {
        {"type", "object"},
        {"properties",
         QJsonObject{
             {"id", QJsonObject{{"type", "integer"}}},
             {"provider", QJsonObject{{"type", "string"},
                                      {"enum", QJsonArray::fromStringList(
                                                   service::CredentialFields::providers())}}},
             {"provider_display", text},
             {"environment", QJsonObject{{"type", "string"},
                                         {"enum", QJsonArray::fromStringList(
                                                      service::CredentialFields::environments())}}},
             {"is_active", flag},
             {"created_at", time},
             {"updated_at", time},
             {"is_live", flag},
             {"is_sandbox", flag}}}};
}

QJsonObject checkSchema() {
    const auto text = QJsonObject{{"type", "string"}};
    return {
        {"type", "object"},
        {"properties",
         QJsonObject{{"credentials_id", QJsonObject{{"type", "integer"}}},
                     {"provider", text},
                     {"provider_display", text},
                     {"environment", text},
                     {"result", QJsonObject{{"type", "string"},
                                            {"enum", QJsonArray::fromStringList(
                                                         service::ProviderChecker::names())}}},
                     {"message", text},
                     {"checked_at", QJsonObject{{"type", "string"}, {"format", "date-time"}}}}}};
}

// The schema of a method's 200 answer: a component, an array of one, or any object.
QJsonObject answerSchema(const Route::Method& method) {
    if (method.answer.isEmpty())
        return {{"type", "object"}};
    const bool array = method.answer.startsWith(QLatin1Char('['));
    const QString name = array ? method.answer.mid(1).chopped(1) : method.answer;
    const QJsonObject reference{{"$ref", QStringLiteral("#/components/schemas/") + name}};
    if (!array)
        return reference;
    return {{"type", "array"}, {"items", reference}};
}

QJsonObject operation(const Route& route, const Route::Method& method) {
    QJsonObject op{{"summary", method.summary}, {"tags", QJsonArray{route.tag}}};
    QJsonArray parameters;
    static const QRegularExpression placeholder(QStringLiteral("\\{(\\w+)\\}"));
    for (auto it = placeholder.globalMatch(route.path); it.hasNext();) {
        const QString name = it.next().captured(1);
        parameters.append(QJsonObject{
            {"name", name},
            {"in", "path"},
            {"required", true},
            {"schema", QJsonObject{{"type", name == QLatin1String("id") ? "integer" : "string"}}}});
    }
    if (method.conditional) {
        parameters.append(QJsonObject{
            {"name", "If-Match"},
            {"in", "header"},
            {"required", false},
            {"description", "The ETag of the credential as last read: the change is made only "
                            "if it is still at that version"},
            {"schema", QJsonObject{{"type", "string"}}}});
    }
    if (!parameters.isEmpty())
        op.insert("parameters", parameters);
    if (route.access != Route::Access::Anyone)
        op.insert("security", QJsonArray{QJsonObject{{"bearerAuth", QJsonArray{}}}});
    else
        op.insert("security", QJsonArray{});
    if (method.name == "POST" || method.name == "PUT" || method.name == "PATCH") {
        const QJsonObject body{{"schema", QJsonObject{{"type", "object"}}}};
        op.insert(
            "requestBody",
            QJsonObject{{"content", QJsonObject{{"application/json", body},
                                                {"application/x-www-form-urlencoded", body}}}});
    }
    const QJsonObject json{{"application/json", QJsonObject{{"schema", answerSchema(method)}}}};
    const QJsonObject error{
        {"application/json",
         QJsonObject{{"schema", QJsonObject{{"$ref", "#/components/schemas/Error"}}}}}};
    QJsonObject responses{
        {"200", QJsonObject{{"description", "OK"}, {"content", json}}},
        {"400", QJsonObject{{"description", "Invalid input"}, {"content", error}}},
        {"413", QJsonObject{{"description", "Body over 64 KiB"}, {"content", error}}}};
    if (route.access == Route::Access::Superuser)
        responses.insert("403",
                         QJsonObject{{"description", "Not a superuser"}, {"content", error}});
    if (route.path.endsWith(QLatin1String("/get-private-key/"))) {
        responses.insert(
            "403", QJsonObject{{"description", "A live key, with require_recent_password_for_live "
                                               "on: verify the password in this session first "
                                               "(code password_required)"},
                               {"content", error}});
    }
    if (route.access != Route::Access::Anyone) {
        responses.insert("401",
                         QJsonObject{{"description", "Not authenticated"}, {"content", error}});
        responses.insert(
            "404", QJsonObject{{"description", "Not found or not yours"}, {"content", error}});
    }
    if (method.work != Route::Work::Quick) {
        responses.insert("503", QJsonObject{{"description", "Its pool is full: try again after "
                                                            "Retry-After seconds"},
                                            {"content", error}});
    }
    if (method.conditional) {
        responses.insert("412", QJsonObject{{"description", "Changed by someone else since it "
                                                            "was read (If-Match)"},
                                            {"content", error}});
    }
    op.insert("responses", responses);
    return op;
}
} // namespace

QJsonObject SchemaHandler::document() {
    QJsonObject paths;
    for (const Route& route : Route::table()) {
        QJsonObject item;
        for (const Route::Method& method : route.methods)
            item.insert(QString::fromLatin1(method.name).toLower(), operation(route, method));
        paths.insert(route.path, item);
    }
    return {
        {"openapi", "3.0.3"},
        {"info", QJsonObject{{"title", "PayCred Payment Credentials API"},
                             {"version", QStringLiteral(PAYCRED_VERSION)}}},
        {"paths", paths},
        {"components",
         QJsonObject{
             {"securitySchemes", QJsonObject{{"bearerAuth", QJsonObject{{"type", "http"},
                                                                        {"scheme", "bearer"},
                                                                        {"bearerFormat", "JWT"}}}}},
             {"schemas", QJsonObject{{"Credential", credentialSchema()},
                                     {"CredentialCheck", checkSchema()},
                                     {"Error", errorSchema()}}}}},
    };
}

ApiResponse SchemaHandler::schema(const RequestContext&) {
    return ApiResponse::json(200, document());
}

} // namespace paycred::api
