#include "core/service/user.h"

#include "core/storage/records.h"

namespace paycred::service {

User User::from(const storage::UserRecord& row) {
    return {row.id, row.username, row.isSuperuser, row.isActive, row.dateJoined, row.lastLogin};
}

} // namespace paycred::service
