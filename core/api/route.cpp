#include "core/api/route.h"

#include "core/api/accounthandler.h"
#include "core/api/authhandler.h"
#include "core/api/credentialhandler.h"
#include "core/api/healthhandler.h"
#include "core/api/privatekeyhandler.h"
#include "core/api/providerhandler.h"
#include "core/api/schemahandler.h"

namespace paycred::api {

const QList<Route>& Route::table() {
    static const QList<Route> routes = {
        // §1 Authentication
        {"/users/login/", false, {{"POST", &AuthHandler::login, "Log in for a JWT pair"}}, "users"},
        {"/users/token/refresh/",
         false,
         {{"POST", &AuthHandler::refresh, "A new access token from a refresh token"}},
         "users"},
        {"/users/logout/",
         true,
         {{"POST", &AuthHandler::logout, "Revoke a refresh token"}},
         "users"},
        {"/users/me/", true, {{"GET", &AccountHandler::me, "The caller's account"}}, "users"},
        {"/users/change-password/",
         true,
         {{"POST", &AccountHandler::changePassword, "Change the caller's password"}},
         "users"},
        {"/users/verify-password/",
         true,
         {{"POST", &AccountHandler::verifyPassword, "Check the caller's password"}},
         "users"},
        // §2 Payment credentials
        {"/payments/credentials/",
         true,
         {{"GET", &CredentialHandler::list, "The caller's credentials"},
          {"POST", &CredentialHandler::create, "Create credentials for a provider"}},
         "credentials"},
        {"/payments/credentials/provider/{provider}/",
         true,
         {{"GET", &CredentialHandler::byProvider, "The caller's credentials for a provider"}},
         "credentials"},
        {"/payments/credentials/{id}/",
         true,
         {{"GET", &CredentialHandler::retrieve, "One credential"},
          {"PUT", &CredentialHandler::update, "Update api key, environment or status", true},
          {"PATCH", &CredentialHandler::update, "Same as PUT", true},
          {"DELETE", &CredentialHandler::remove, "Delete a credential", true}},
         "credentials"},
        {"/payments/credentials/{id}/update-private-key/",
         true,
         {{"POST", &PrivateKeyHandler::replace, "Replace the private key", true}},
         "credentials"},
        {"/payments/credentials/{id}/get-private-key/",
         true,
         {{"GET", &PrivateKeyHandler::reveal, "The decrypted private key"}},
         "credentials"},
        {"/payments/credentials/{id}/verify/",
         true,
         {{"POST", &PrivateKeyHandler::verify, "Check a private key without decrypting"}},
         "credentials"},
        {"/payments/credentials/{id}/toggle-status/",
         true,
         {{"POST", &CredentialHandler::toggleStatus, "Activate or deactivate", true}},
         "credentials"},
        // §4 Service
        {"/health/",
         false,
         {{"GET", &HealthHandler::health, "Liveness and database check"}},
         "service"},
        {"/providers/", false, {{"GET", &ProviderHandler::list, "Supported providers"}}, "service"},
        {"/api/schema/",
         false,
         {{"GET", &SchemaHandler::schema, "This API as OpenAPI 3.0"}},
         "service"},
    };
    return routes;
}

} // namespace paycred::api
