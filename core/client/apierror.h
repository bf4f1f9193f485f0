#pragma once

#include "core/api/apiresponse.h"
#include "core/client/transportresult.h"

#include <QByteArray>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace paycred::client {

// ApiError: why a call failed, in one sentence for the user plus what a form needs to mark its
// fields. Made from any of the three error shapes of API.md ({"error"}, {"detail", "code"?} and
// DRF field errors), from an answer that is not JSON at all (a proxy's HTML page), or from a
// transport failure. Holds no secret.
struct ApiError {
    Q_GADGET
public:
    enum class Kind {
        None,         // no error
        Network,      // the server could not be reached (or the transport was shut down)
        Timeout,      // no answer in time
        Tls,          // the certificate is not trusted: see certificate*
        Unauthorized, // 401: not logged in, or the session has ended
        Forbidden,    // 403
        NotFound,     // 404: no such credential, or an endpoint this server does not have
        Changed,      // 412: changed by someone else since it was read (If-Match): reload it
        Validation,   // 400 / 413: see fieldErrors
        Throttled,    // 429: see retryAfterSecs
        Server,       // 5xx
        Unexpected,   // any other status, or a success whose body is not as API.md says
    };
    Q_ENUM(Kind)

    Kind kind = Kind::None;
    int status = 0;  // the HTTP status; 0 when no answer came
    QString message; // one sentence: what happened and, where it helps, what to do
    QMap<QString, QStringList> fieldErrors; // DRF shape; "non_field_errors" included
    QString code;                           // "token_not_valid", "user_inactive", ...
    std::optional<qint64> retryAfterSecs;   // from Retry-After, or the 429 message

    // With Kind::Tls: the server certificate, as the transport described it.
    QString certificateSubject;
    QString certificateIssuer;
    QString certificateExpiry; // ISO 8601
    QByteArray certificateSha256;
    QByteArray certificatePem;

    bool isError() const { return kind != Kind::None; }
    // The first message for `field`, empty when there is none.
    QString fieldError(const QString& field) const;

    // A transport failure, or the server's error answer (any status outside 2xx).
    static ApiError fromTransport(const TransportResult& result);
    static ApiError fromResponse(const api::ApiResponse& response);
    // A failure the client itself decided on.
    static ApiError make(Kind kind, const QString& message, int status = 0);
    // A successful status whose body is not what API.md promises.
    static ApiError unexpectedBody(int status);
    static Kind kindForStatus(int status);
};

} // namespace paycred::client
