#include "core/service/auditaction.h"

namespace paycred::service {

namespace {
struct Spelling {
    AuditAction action;
    const char* name;
};

constexpr Spelling kSpellings[] = {
    {AuditAction::Login, "login"},
    {AuditAction::Logout, "logout"},
    {AuditAction::PasswordVerified, "password_verified"},
    {AuditAction::PasswordChanged, "password_changed"},
    {AuditAction::CredentialCreated, "credential_created"},
    {AuditAction::CredentialUpdated, "credential_updated"},
    {AuditAction::PrivateKeyUpdated, "private_key_updated"},
    {AuditAction::PrivateKeyRevealed, "private_key_revealed"},
    {AuditAction::CredentialVerified, "credential_verified"},
    {AuditAction::CredentialChecked, "credential_checked"},
    {AuditAction::StatusToggled, "status_toggled"},
    {AuditAction::CredentialDeleted, "credential_deleted"},
    {AuditAction::UserCreated, "user_created"},
    {AuditAction::UserUpdated, "user_updated"},
    {AuditAction::UserDeleted, "user_deleted"},
    {AuditAction::UserUnlocked, "user_unlocked"},
    {AuditAction::LiveCredentialsDeactivated, "live_credentials_deactivated"},
    {AuditAction::KeysRotated, "keys_rotated"},
    {AuditAction::AdminRequest, "admin_request"},
};
} // namespace

QString auditActionName(AuditAction action) {
    for (const Spelling& spelling : kSpellings) {
        if (spelling.action == action)
            return QString::fromLatin1(spelling.name);
    }
    return {}; // every action has a spelling above
}

std::optional<AuditAction> auditActionNamed(QStringView name) {
    for (const Spelling& spelling : kSpellings) {
        if (name == QLatin1String(spelling.name))
            return spelling.action;
    }
    return std::nullopt;
}

const QList<AuditAction>& allAuditActions() {
    static const QList<AuditAction> actions = [] {
        QList<AuditAction> list;
        for (const Spelling& spelling : kSpellings)
            list.append(spelling.action);
        return list;
    }();
    return actions;
}

const QStringList& auditActionNames() {
    static const QStringList names = [] {
        QStringList list;
        for (const Spelling& spelling : kSpellings)
            list.append(QString::fromLatin1(spelling.name));
        return list;
    }();
    return names;
}

} // namespace paycred::service
