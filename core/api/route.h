#pragma once

#include "core/api/apiresponse.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace paycred::api {

struct RequestContext;
using Handler = ApiResponse (*)(const RequestContext&);

// Route: one path of API.md, the methods it answers and the handler of each. The table in
// route.cpp is the map from a path to its code.
struct Route {
    // What a method's work is like, for a transport that keeps apart what can stall the rest:
    // Password runs a password hash (deliberately slow) and goes to a bounded pool of its own
    // (API.md: 503 when it is full); Provider waits on a payment provider over the network (up
    // to a check's time limit) and goes to a small bounded pool of its own likewise; Quick is
    // everything else.
    enum class Work { Quick, Password, Provider };

    struct Method {
        QByteArray name;
        Handler handler;
        QString summary;          // for the OpenAPI document
        bool conditional = false; // takes If-Match (API.md §2): 412 when it is stale
        Work work = Work::Quick;
        // The schema of its 200 answer in the OpenAPI document's components ("Credential"), in
        // brackets for an array of them ("[Credential]"); empty: an object.
        QString answer = {};
    };

    // Who may call it: anyone; an authenticated user (401 otherwise); a superuser (401 for
    // anonymous callers, then 403, audited as admin_request denied).
    enum class Access { Anyone, User, Superuser };

    QString path; // as API.md writes it, "{name}" for a path parameter
    Access access = Access::User;
    QList<Method> methods;
    QString tag; // the resource, for the OpenAPI document

    static const QList<Route>& table();
};

} // namespace paycred::api
