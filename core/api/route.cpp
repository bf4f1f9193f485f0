#include "core/api/route.h"

#include "core/api/accounthandler.h"
#include "core/api/admincredentialhandler.h"
#include "core/api/adminhandler.h"
#include "core/api/adminuserhandler.h"
#include "core/api/audithandler.h"
#include "core/api/authhandler.h"
#include "core/api/credentialhandler.h"
#include "core/api/healthhandler.h"
#include "core/api/privatekeyhandler.h"
#include "core/api/providerhandler.h"
#include "core/api/schemahandler.h"
#include "core/api/sessionhandler.h"

namespace paycred::api {

const QList<Route>& Route::table() {
    static const QList<Route> routes = {
        // §1 Authentication
        {"/users/login/",
         Access::Anyone,
         {{"POST", &AuthHandler::login, "Log in for a JWT pair"}},
         "users"},
        {"/users/token/refresh/",
         Access::Anyone,
         {{"POST", &AuthHandler::refresh, "A new access token from a refresh token"}},
         "users"},
        {"/users/logout/",
         Access::User,
         {{"POST", &AuthHandler::logout, "End the session: its refresh and access tokens"}},
         "users"},
        {"/users/logout-all/",
         Access::User,
         {{"POST", &AuthHandler::logoutAll, "End every session of the caller"}},
         "users"},
        {"/users/sessions/",
         Access::User,
         {{"GET", &SessionHandler::list, "The caller's sessions"}},
         "users"},
        {"/users/sessions/{sid}/",
         Access::User,
         {{"DELETE", &SessionHandler::end, "End one of the caller's sessions"}},
         "users"},
        {"/users/me/",
         Access::User,
         {{"GET", &AccountHandler::me, "The caller's account"}},
         "users"},
        {"/users/change-password/",
         Access::User,
         {{"POST", &AccountHandler::changePassword, "Change the caller's password"}},
         "users"},
        {"/users/verify-password/",
         Access::User,
         {{"POST", &AccountHandler::verifyPassword, "Check the caller's password"}},
         "users"},
        // §2 Payment credentials
        {"/payments/credentials/",
         Access::User,
         {{"GET", &CredentialHandler::list, "The caller's credentials"},
          {"POST", &CredentialHandler::create, "Create credentials for a provider"}},
         "credentials"},
        {"/payments/credentials/provider/{provider}/",
         Access::User,
         {{"GET", &CredentialHandler::byProvider, "The caller's credentials for a provider"}},
         "credentials"},
        {"/payments/credentials/{id}/",
         Access::User,
         {{"GET", &CredentialHandler::retrieve, "One credential"},
          {"PUT", &CredentialHandler::update, "Update api key, environment or status", true},
          {"PATCH", &CredentialHandler::update, "Same as PUT", true},
          {"DELETE", &CredentialHandler::remove, "Delete a credential", true}},
         "credentials"},
        {"/payments/credentials/{id}/update-private-key/",
         Access::User,
         {{"POST", &PrivateKeyHandler::replace, "Replace the private key", true}},
         "credentials"},
        {"/payments/credentials/{id}/get-private-key/",
         Access::User,
         {{"GET", &PrivateKeyHandler::reveal, "The decrypted private key"}},
         "credentials"},
        {"/payments/credentials/{id}/verify/",
         Access::User,
         {{"POST", &PrivateKeyHandler::verify, "Check a private key without decrypting"}},
         "credentials"},
        {"/payments/credentials/{id}/toggle-status/",
         Access::User,
         {{"POST", &CredentialHandler::toggleStatus, "Activate or deactivate", true}},
         "credentials"},
        // §3 Administration
        {"/admin/users/",
         Access::Superuser,
         {{"GET", &AdminUserHandler::list, "Every user, with their credentials count and lock"},
          {"POST", &AdminUserHandler::create, "Create a user"}},
         "admin"},
        {"/admin/users/{id}/",
         Access::Superuser,
         {{"GET", &AdminUserHandler::retrieve, "One user"},
          {"PATCH", &AdminUserHandler::update,
           "Activate or deactivate, promote or demote, reset the password, unlock"},
          {"DELETE", &AdminUserHandler::remove, "Delete a user and their credentials"}},
         "admin"},
        {"/admin/credentials/",
         Access::Superuser,
         {{"GET", &AdminCredentialHandler::list, "Every user's credentials, with their owner"}},
         "admin"},
        // Before {id}: the literal segment wins.
        {"/admin/credentials/deactivate-live/",
         Access::Superuser,
         {{"POST", &AdminCredentialHandler::deactivateLive,
           "The emergency switch: every active live credential off"}},
         "admin"},
        {"/admin/credentials/{id}/",
         Access::Superuser,
         {{"DELETE", &AdminCredentialHandler::remove, "Delete any user's credential", true}},
         "admin"},
        {"/admin/credentials/{id}/toggle-status/",
         Access::Superuser,
         {{"POST", &AdminCredentialHandler::toggleStatus,
           "Activate or deactivate any user's credential", true}},
         "admin"},
        {"/admin/stats/",
         Access::Superuser,
         {{"GET", &AdminHandler::stats, "Users and credentials per provider and environment"}},
         "admin"},
        {"/admin/audit/",
         Access::Superuser,
         {{"GET", &AuditHandler::list,
           "Audit events, newest first (filters: user, action, outcome, credential, "
           "environment, provider, since <= at < until)"}},
         "admin"},
        {"/admin/audit/verify/",
         Access::Superuser,
         {{"GET", &AuditHandler::verify,
           "Whether the audit chain is intact (optionally against a checkpoint)"}},
         "admin"},
        // §4 Service
        {"/health/",
         Access::Anyone,
         {{"GET", &HealthHandler::health, "Liveness and database check"}},
         "service"},
        {"/providers/",
         Access::Anyone,
         {{"GET", &ProviderHandler::list, "Supported providers"}},
         "service"},
        {"/api/schema/",
         Access::Anyone,
         {{"GET", &SchemaHandler::schema, "This API as OpenAPI 3.0"}},
         "service"},
    };
    return routes;
}

} // namespace paycred::api
