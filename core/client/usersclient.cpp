#include "core/client/usersclient.h"

#include "core/client/adminapi.h"
#include "core/client/apijson.h"
#include "core/crypto/secret.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>
#include <QUrl>

namespace paycred::client {

namespace {

std::optional<QDateTime> optionalTime(const QJsonValue& value) {
    if (value.isNull() || value.isUndefined())
        return std::nullopt;
    const QDateTime at = apijson::timestamp(value);
    return at.isValid() ? std::optional<QDateTime>(at) : std::nullopt;
}

std::optional<AdminUser> userFrom(const QJsonObject& object) {
    const auto id = apijson::positiveId(object.value(QStringLiteral("id")));
    const QString username = object.value(QStringLiteral("username")).toString();
    if (!id || username.isEmpty())
        return std::nullopt;
    AdminUser user;
    user.id = *id;
    user.username = username;
    user.isSuperuser = object.value(QStringLiteral("is_superuser")).toBool();
    user.isActive = object.value(QStringLiteral("is_active")).toBool(true);
    user.dateJoined = apijson::timestamp(object.value(QStringLiteral("date_joined")));
    user.lastLogin = optionalTime(object.value(QStringLiteral("last_login")));
    user.credentialsCount =
        apijson::count(object.value(QStringLiteral("credentials_count"))).value_or(0);
    user.lockedUntil = optionalTime(object.value(QStringLiteral("locked_until")));
    return user;
}

std::optional<AdminUser> oneUser(const api::ApiResponse& response) {
    return userFrom(response.object());
}

QByteArray userPath(qint64 id) {
    return UsersClient::UsersPath + QByteArray::number(id) + '/';
}

} // namespace

UsersClient::UsersClient(Session& session, QObject* parent)
    : QObject(parent)
    , m_session(session) {}

void UsersClient::submit(Session::Request request, Session::Handler handler) {
    m_session.send(std::move(request), this, std::move(handler));
}

void UsersClient::list(const QByteArray& target, Callback<Page> done) {
    if (Page::refuse(this, target, UsersPath, done,
                     QStringLiteral("That is not a page of the users list.")))
        return; // never sent: a page of another list, or of another server
    submit(AdminApi::request("GET", target), Page::reader(std::move(done), UsersPath, userFrom));
}

void UsersClient::create(const QString& username, QString password, bool isSuperuser,
                         Callback<AdminUser> done) {
    Session::Request request = AdminApi::request("POST", UsersPath);
    request.json({{QStringLiteral("username"), username},
                  {QStringLiteral("password"), password},
                  {QStringLiteral("is_superuser"), isSuperuser}});
    crypto::wipe(password);
    submit(std::move(request), Session::typed<AdminUser>(std::move(done), oneUser));
}

void UsersClient::read(qint64 id, Callback<AdminUser> done) {
    submit(AdminApi::request("GET", userPath(id)),
           Session::typed<AdminUser>(std::move(done), oneUser));
}

void UsersClient::update(qint64 id, Change change, Callback<AdminUser> done) {
    QJsonObject body;
    if (change.isActive)
        body.insert(QStringLiteral("is_active"), *change.isActive);
    if (change.isSuperuser)
        body.insert(QStringLiteral("is_superuser"), *change.isSuperuser);
    if (change.unlock)
        body.insert(QStringLiteral("unlock"), true);
    if (change.password)
        body.insert(QStringLiteral("password"), *change.password);
    Session::Request request = AdminApi::request("PATCH", userPath(id));
    request.json(body);
    if (change.password)
        crypto::wipe(*change.password);
    submit(std::move(request), Session::typed<AdminUser>(std::move(done), oneUser));
}

void UsersClient::remove(qint64 id, Callback<Deleted> done) {
    submit(
        AdminApi::request("DELETE", userPath(id)),
        Session::typed<Deleted>(std::move(done), [](const api::ApiResponse& response) {
            const QJsonObject object = response.object();
            return std::optional<Deleted>(Deleted{
                object.value(QStringLiteral("message"))
                    .toString(QStringLiteral("The user was deleted.")),
                apijson::count(object.value(QStringLiteral("credentials_deleted"))).value_or(0)});
        }));
}

void UsersClient::sessions(Callback<QList<AccountSession>> done) {
    Session::Request request("GET", extension::SessionsPath);
    request.extension(&Capabilities::sessions);
    submit(std::move(request),
           Session::typed<QList<AccountSession>>(
               std::move(done),
               [](const api::ApiResponse& response) -> std::optional<QList<AccountSession>> {
                   const QJsonDocument document = response.document();
                   if (!document.isArray())
                       return std::nullopt;
                   QList<AccountSession> sessions;
                   for (const QJsonValue& value : document.array()) {
                       const QJsonObject object = value.toObject();
                       AccountSession session;
                       session.sid = object.value(QStringLiteral("sid")).toString();
                       if (session.sid.isEmpty())
                           return std::nullopt;
                       session.createdAt =
                           apijson::timestamp(object.value(QStringLiteral("created_at")));
                       session.lastUsedAt =
                           apijson::timestamp(object.value(QStringLiteral("last_used_at")));
                       session.remoteAddr = object.value(QStringLiteral("remote_addr")).toString();
                       session.userAgent = object.value(QStringLiteral("user_agent")).toString();
                       session.current = object.value(QStringLiteral("current")).toBool();
                       sessions.append(session);
                   }
                   return sessions;
               }));
}

void UsersClient::endSession(const QString& sid, Callback<QString> done) {
    Session::Request request("DELETE",
                             extension::SessionsPath + QUrl::toPercentEncoding(sid) + '/');
    request.extension(&Capabilities::sessions);
    submit(std::move(request),
           Session::typed<QString>(std::move(done), [](const api::ApiResponse& response) {
               return std::optional<QString>(
                   response.object()
                       .value(QStringLiteral("message"))
                       .toString(QStringLiteral("The session was ended.")));
           }));
}

void UsersClient::logoutAll(Callback<int> done) {
    Session::Request request("POST", extension::LogoutAllPath);
    request.extension(&Capabilities::sessions).json({});
    submit(std::move(request),
           Session::typed<int>(std::move(done), [](const api::ApiResponse& response) {
               return std::optional<int>(int(
                   apijson::count(response.object().value(QStringLiteral("ended"))).value_or(0)));
           }));
}

} // namespace paycred::client
