#include "core/api/adminuserhandler.h"

#include "core/api/errorresponse.h"
#include "core/api/fieldreader.h"
#include "core/api/pagequery.h"
#include "core/api/queryreader.h"
#include "core/api/requestbody.h"
#include "core/api/requestcontext.h"
#include "core/api/userjson.h"
#include "core/crypto/secret.h"
#include "core/service/services.h"

namespace paycred::api {

namespace {
using service::UserDirectory;
using service::UserService;

constexpr int MaxUsernameLength = 150; // Django's

// The user as /admin/users/ shows it, read again after a write.
ApiResponse userAnswer(const RequestContext& context, int status, qint64 id) {
    const auto user = context.services.userDirectory().find(id);
    if (!user)
        return ErrorResponse::storageFailed();
    return ApiResponse::json(status, UserJson::toJson(*user));
}

ApiResponse failure(const UserService::Outcome& outcome) {
    switch (outcome.error) {
    case UserService::Error::NotFound:
        return ErrorResponse::notFound();
    case UserService::Error::Invalid:
        return ErrorResponse::fields(outcome.errors);
    case UserService::Error::Refused:
        return ErrorResponse::error(400, outcome.message);
    case UserService::Error::Forbidden:
        return ErrorResponse::permissionDenied();
    case UserService::Error::StorageFailed:
    case UserService::Error::None:
        break;
    }
    return ErrorResponse::storageFailed();
}

// Reads the boolean `name` into `target` when it is there; its error into `errors`.
void readBoolean(const QJsonObject& data, const QString& name, std::optional<bool>& target,
                 service::FieldErrors& errors) {
    const auto field = FieldReader::boolean(data, name);
    if (!field.present)
        return;
    if (field.error.isEmpty())
        target = field.value;
    else
        errors.add(name, field.error);
}
} // namespace

ApiResponse AdminUserHandler::list(const RequestContext& context) {
    QueryReader filters(context.query);
    UserDirectory::Filter filter;
    filter.usernamePart = filters.text(QStringLiteral("search"), MaxUsernameLength);
    filter.isActive = filters.boolean(QStringLiteral("is_active"));
    filter.isSuperuser = filters.boolean(QStringLiteral("is_superuser"));
    service::FieldErrors errors = filters.errors();
    const service::PageRequest request =
        PageQuery::read(context.query, UserDirectory::orderings(), errors);
    if (!errors.isEmpty())
        return ErrorResponse::fields(errors);
    const auto page = context.services.userDirectory().list(filter, request);
    return PageQuery::answer<UserDirectory::Listed>(
        context, request, page,
        [](const UserDirectory::Listed& listed) { return UserJson::toJson(listed); });
}

ApiResponse AdminUserHandler::create(const RequestContext& context) {
    const RequestBody body = RequestBody::parseObject(context.request);
    if (!body.ok())
        return body.error();
    const QJsonObject& data = body.object();
    const auto username = FieldReader::text(data, QStringLiteral("username"), MaxUsernameLength);
    auto password = FieldReader::password(data, QStringLiteral("password"));
    std::optional<bool> superuser;
    service::FieldErrors errors;
    if (!username.error.isEmpty())
        errors.add(QStringLiteral("username"), username.error);
    if (!password.error.isEmpty())
        errors.add(QStringLiteral("password"), password.error);
    readBoolean(data, QStringLiteral("is_superuser"), superuser, errors);
    if (!errors.isEmpty()) {
        crypto::wipe(password.value);
        return ErrorResponse::fields(errors);
    }
    const auto created = context.services.users().create(context.actor, username.value,
                                                         password.value, superuser.value_or(false));
    crypto::wipe(password.value);
    if (created.storageFailed)
        return ErrorResponse::storageFailed();
    if (!created.ok())
        return ErrorResponse::field(created.field, created.error);
    return userAnswer(context, 201, *created.id);
}

ApiResponse AdminUserHandler::retrieve(const RequestContext& context) {
    const auto id = context.id();
    const auto user = id ? context.services.userDirectory().find(*id) : std::nullopt;
    if (!user)
        return ErrorResponse::notFound();
    return ApiResponse::json(200, UserJson::toJson(*user));
}

ApiResponse AdminUserHandler::update(const RequestContext& context) {
    // The user first, then the body: 404 comes before 400.
    const auto id = context.id();
    if (!id || !context.services.users().find(*id))
        return ErrorResponse::notFound();
    const RequestBody body = RequestBody::parseObject(context.request);
    if (!body.ok())
        return body.error();
    const QJsonObject& data = body.object();
    UserService::Change change;
    service::FieldErrors errors;
    readBoolean(data, QStringLiteral("is_active"), change.isActive, errors);
    readBoolean(data, QStringLiteral("is_superuser"), change.isSuperuser, errors);
    std::optional<bool> unlock;
    readBoolean(data, QStringLiteral("unlock"), unlock, errors);
    change.unlock = unlock.value_or(false);
    if (data.contains(QStringLiteral("password"))) {
        auto password = FieldReader::password(data, QStringLiteral("password"));
        if (password.error.isEmpty())
            change.password = std::move(password.value);
        else
            errors.add(QStringLiteral("password"), password.error);
    }
    if (!errors.isEmpty()) {
        if (change.password)
            crypto::wipe(*change.password);
        return ErrorResponse::fields(errors);
    }
    const auto outcome = context.services.users().update(context.actor, *id, change);
    if (change.password)
        crypto::wipe(*change.password);
    if (!outcome.ok())
        return failure(outcome);
    return userAnswer(context, 200, *id);
}

ApiResponse AdminUserHandler::remove(const RequestContext& context) {
    const auto id = context.id();
    if (!id)
        return ErrorResponse::notFound();
    const auto outcome = context.services.users().remove(context.actor, *id);
    if (!outcome.ok())
        return failure(outcome);
    return ApiResponse::json(
        200, QJsonObject{{QStringLiteral("message"),
                          QStringLiteral("User %1 has been deleted").arg(outcome.user.username)},
                         {QStringLiteral("credentials_deleted"), outcome.credentialsDeleted}});
}

} // namespace paycred::api
