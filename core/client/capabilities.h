#pragma once

class QJsonObject;

namespace paycred::client {

// The paths of API.md's extension endpoints: the clients call them, Capabilities finds them in
// the server's schema.
namespace extension {
inline constexpr char MePath[] = "/users/me/";
inline constexpr char ProvidersPath[] = "/providers/";
inline constexpr char RefreshPath[] = "/users/token/refresh/";
inline constexpr char LogoutPath[] = "/users/logout/";
inline constexpr char VerifyPasswordPath[] = "/users/verify-password/";
inline constexpr char ChangePasswordPath[] = "/users/change-password/";
inline constexpr char SessionsPath[] = "/users/sessions/";
inline constexpr char LogoutAllPath[] = "/users/logout-all/";
inline constexpr char AdminPrefix[] = "/admin/";
// Listed in the schema with its placeholder; called with the id (CredentialsClient).
inline constexpr char CheckPath[] = "/payments/credentials/{id}/check/";
inline constexpr char SchemaPath[] = "/api/schema/";
} // namespace extension

// Capabilities: the extension endpoints of API.md the server offers. Learnt at sign-in from the
// server's OpenAPI schema (GET /api/schema/, itself an extension: a server without it is taken to
// be the seed's, with none); until then, or when the schema cannot be had, everything is assumed
// present until its endpoint answers 404. A flag once false stays false for the life of the
// client, and the UI hides the feature.
struct Capabilities {
    bool me = true;             // GET /users/me/
    bool providers = true;      // GET /providers/ (otherwise the built-in list is used)
    bool refresh = true;        // POST /users/token/refresh/ (otherwise an expired token ends
                                // the session)
    bool logout = true;         // POST /users/logout/ (otherwise logging out is local only)
    bool verifyPassword = true; // POST /users/verify-password/
    bool changePassword = true; // POST /users/change-password/
    bool sessions = true;       // /users/sessions/ and /users/logout-all/ (otherwise hidden)
    bool admin = true;          // API.md §3, /admin/… (otherwise the admin panel is hidden)
    bool providerChecks = true; // POST …/{id}/check/ and GET …/{id}/checks/ (otherwise hidden)

    // What an OpenAPI document lists; everything when it is not one (no "paths").
    static Capabilities fromSchema(const QJsonObject& schema);
    // The seed's server: none of the extensions.
    static Capabilities none();
    // Only what both have.
    Capabilities operator&(const Capabilities& other) const;

    friend bool operator==(const Capabilities&, const Capabilities&) = default;
};

} // namespace paycred::client
