#pragma once

#include "core/storage/records.h"

#include <QString>

namespace paycred::service {

// PasswordStore: where a user's password is checked and kept — a hash in the users table on a
// server, the user's key slot in a vault.
class PasswordStore {
public:
    virtual ~PasswordStore() = default;

    // True when `password` is the user's. May upgrade how it is kept (a rehash), but never over
    // a password changed since `user` was read.
    virtual bool verify(const storage::UserRecord& user, const QString& password) const = 0;
    // The same work as verify() for a user who does not exist; always fails.
    virtual void verifyNothing(const QString& password) const = 0;
    // Keeps `password` as the password of `user` (whose row exists), touching nothing else of
    // the user. False when it could not be kept; nothing is then changed.
    virtual bool store(const storage::UserRecord& user, const QString& password) const = 0;
};

} // namespace paycred::service
