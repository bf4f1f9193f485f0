#pragma once

// The permission matrix of API.md §3, shared by the router's suite (tests/api/tst_api_admin)
// and the real server's (tests/server/tst_server_admin): every admin endpoint, with a request
// that reaches it and what a superuser gets, × every kind of caller, with the exact answer each
// refused caller gets.

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace paycred::test {

inline constexpr char kAdminNewPassword[] = "a-brand-new-passphrase";

// What an endpoint's {id} names in a matrix's fixture.
enum class AdminTarget { None, Alice, Victim, LiveCredential, SandboxCredential };

struct AdminEndpoint {
    QByteArray method;
    QString route; // as the route table writes it
    AdminTarget target = AdminTarget::None;
    QJsonObject body;
    int superuserStatus = 200;

    // The path with {id} filled in from `ids`.
    QString path(const QMap<AdminTarget, qint64>& ids) const {
        QString filled = route;
        return filled.replace(QStringLiteral("{id}"), QString::number(ids.value(target)));
    }
};

// Every admin endpoint there is (tst_api_admin checks it against the route table). The
// superuser's requests can run one after the other on one fixture, in this order.
inline const QList<AdminEndpoint>& adminEndpoints() {
    using T = AdminTarget;
    static const QList<AdminEndpoint> endpoints = {
        {"GET", "/admin/stats/", T::None, {}, 200},
        {"GET", "/admin/audit/", T::None, {}, 200},
        {"GET", "/admin/audit/verify/", T::None, {}, 200},
        {"GET", "/admin/credentials/", T::None, {}, 200},
        {"GET", "/admin/users/", T::None, {}, 200},
        {"POST",
         "/admin/users/",
         T::None,
         {{"username", "newbie"}, {"password", kAdminNewPassword}},
         201},
        {"GET", "/admin/users/{id}/", T::Alice, {}, 200},
        {"PATCH", "/admin/users/{id}/", T::Alice, {{"is_active", false}}, 200},
        {"DELETE", "/admin/users/{id}/", T::Victim, {}, 200},
        {"POST", "/admin/credentials/deactivate-live/", T::None, {}, 200},
        {"DELETE", "/admin/credentials/{id}/", T::SandboxCredential, {}, 200},
        {"POST", "/admin/credentials/{id}/toggle-status/", T::LiveCredential, {}, 200},
    };
    return endpoints;
}

// The callers of the matrix's columns.
inline const QString kSuperuser = QStringLiteral("superuser");
inline const QStringList& adminCallers() {
    static const QStringList names = {"anonymous", "plain user", kSuperuser,
                                      "deactivated superuser",
                                      "superuser whose password was reset"};
    return names;
}

struct RefusedAnswer {
    int status = 0;
    QJsonObject body;
};
// What every caller but the superuser gets from every admin endpoint.
inline RefusedAnswer refusedAnswer(const QString& caller) {
    static const QMap<QString, RefusedAnswer> answers{
        {"anonymous", {401, {{"detail", "Authentication credentials were not provided."}}}},
        {"plain user", {403, {{"detail", "You do not have permission to perform this action."}}}},
        {"deactivated superuser",
         {401, {{"detail", "User is inactive"}, {"code", "user_inactive"}}}},
        {"superuser whose password was reset",
         {401,
          {{"detail", "Given token not valid for any token type"},
           {"code", "token_not_valid"},
           {"messages", QJsonArray{QJsonObject{{"token_class", "AccessToken"},
                                               {"token_type", "access"},
                                               {"message", "Token is invalid or expired"}}}}}}},
    };
    return answers.value(caller);
}

} // namespace paycred::test
