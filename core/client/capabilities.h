#pragma once

namespace paycred::client {

// Capabilities: the extension endpoints of API.md the server offers. Everything is assumed
// present until its endpoint answers 404 (a server without the route, such as the seed's Django
// server); then the flag goes false for the life of the client and the UI hides the feature.
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

    friend bool operator==(const Capabilities&, const Capabilities&) = default;
};

} // namespace paycred::client
