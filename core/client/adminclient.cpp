#include "core/client/adminclient.h"

#include "core/client/adminapi.h"
#include "core/client/apijson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMetaObject>

namespace paycred::client {

namespace {

using Request = Session::Request;

std::optional<AdminClient::OwnedCredential> ownedFrom(const QJsonObject& object) {
    const auto credential = apijson::credential(object);
    const QJsonObject user = object.value(QStringLiteral("user")).toObject();
    const auto ownerId = apijson::positiveId(user.value(QStringLiteral("id")));
    if (!credential || !ownerId)
        return std::nullopt;
    return AdminClient::OwnedCredential{*credential, *ownerId,
                                        user.value(QStringLiteral("username")).toString()};
}

std::optional<AdminClient::Stats> statsFrom(const api::ApiResponse& response) {
    const QJsonObject object = response.object();
    const auto users = apijson::count(object.value(QStringLiteral("users")));
    const auto active = apijson::count(object.value(QStringLiteral("active_users")));
    const auto credentials = apijson::count(object.value(QStringLiteral("credentials")));
    const QJsonValue byProvider = object.value(QStringLiteral("by_provider"));
    if (!users || !active || !credentials || !byProvider.isObject())
        return std::nullopt;
    AdminClient::Stats stats{*users, *active, *credentials, {}};
    const QJsonObject providers = byProvider.toObject();
    for (auto it = providers.begin(); it != providers.end(); ++it) {
        const QJsonObject counts = it.value().toObject();
        stats.byProvider.insert(
            it.key(), {apijson::count(counts.value(QStringLiteral("sandbox"))).value_or(0),
                       apijson::count(counts.value(QStringLiteral("live"))).value_or(0),
                       apijson::count(counts.value(QStringLiteral("inactive"))).value_or(0)});
    }
    return stats;
}

QByteArray credentialPath(qint64 id, const char* action = nullptr) {
    QByteArray path = AdminClient::CredentialsPath + QByteArray::number(id) + '/';
    if (action)
        path += QByteArray(action) + '/';
    return path;
}

Request conditional(Request request, const QByteArray& ifMatch) {
    if (!ifMatch.isEmpty())
        request.header("If-Match", ifMatch);
    return request;
}

} // namespace

AdminClient::AdminClient(Session& session, QObject* parent)
    : QObject(parent)
    , m_session(session) {}

void AdminClient::submit(Session::Request request, Session::Handler handler) {
    m_session.send(std::move(request), this, std::move(handler));
}

void AdminClient::stats(Callback<Stats> done) {
    submit(AdminApi::request("GET", "/admin/stats/"),
           Session::typed<Stats>(std::move(done), statsFrom));
}

void AdminClient::credentials(const QByteArray& target, Callback<ListPage<OwnedCredential>> done) {
    using Page = ListPage<OwnedCredential>;
    if (Page::refuse(this, target, CredentialsPath, done,
                     QStringLiteral("That is not a page of the credentials list.")))
        return; // never sent: a page of another list, or of another server
    submit(AdminApi::request("GET", target),
           Page::reader(std::move(done), CredentialsPath, ownedFrom));
}

void AdminClient::toggleCredential(qint64 id, Callback<Credential> done,
                                   const QByteArray& ifMatch) {
    submit(conditional(AdminApi::request("POST", credentialPath(id, "toggle-status")), ifMatch),
           Session::typed<Credential>(std::move(done), apijson::oneCredential));
}

void AdminClient::deleteCredential(qint64 id, Callback<QString> done, const QByteArray& ifMatch) {
    submit(conditional(AdminApi::request("DELETE", credentialPath(id)), ifMatch),
           Session::typed<QString>(std::move(done), [](const api::ApiResponse& response) {
               return std::optional<QString>(
                   response.object()
                       .value(QStringLiteral("message"))
                       .toString(QStringLiteral("The credentials were deleted.")));
           }));
}

void AdminClient::deactivateLive(std::optional<qint64> userId, Callback<qint64> done) {
    QJsonObject body;
    if (userId)
        body.insert(QStringLiteral("user"), *userId);
    submit(AdminApi::request("POST", "/admin/credentials/deactivate-live/").json(body),
           Session::typed<qint64>(std::move(done), [](const api::ApiResponse& response) {
               return apijson::count(response.object().value(QStringLiteral("deactivated")));
           }));
}

} // namespace paycred::client
