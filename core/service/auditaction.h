#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace paycred::service {

// AuditAction: what an audit event records — one value per action of API.md §3, each with the
// one spelling the API and the database use.
enum class AuditAction {
    Login,
    Logout,
    PasswordVerified,
    PasswordChanged,
    CredentialCreated,
    CredentialUpdated,
    PrivateKeyUpdated,
    PrivateKeyRevealed,
    CredentialVerified,
    CredentialChecked,
    StatusToggled,
    CredentialDeleted,
    UserCreated,
    UserUpdated,
    UserDeleted,
    UserUnlocked,
    LiveCredentialsDeactivated,
    KeysRotated,
    AdminRequest,
};

// The spelling of API.md §3 ("credential_created").
QString auditActionName(AuditAction action);
// The action spelled `name`, or nothing for a word that is not one.
std::optional<AuditAction> auditActionNamed(QStringView name);
// Every action, in API.md's order.
const QList<AuditAction>& allAuditActions();
// Every action's spelling, in API.md's order (the choices of the audit list's filter).
const QStringList& auditActionNames();

} // namespace paycred::service
