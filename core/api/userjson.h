#pragma once

#include "core/service/user.h"
#include "core/service/userdirectory.h"

#include <QJsonObject>

namespace paycred::api {

// UserJson: a user as the API writes it — GET /users/me/, and with "credentials_count" and
// "locked_until" every answer of /admin/users/. Never a password hash or a token version.
class UserJson {
public:
    static QJsonObject toJson(const service::User& user);
    static QJsonObject toJson(const service::UserDirectory::Listed& listed);
};

} // namespace paycred::api
