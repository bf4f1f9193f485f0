#pragma once

#include "core/api/apiresponse.h"
#include "core/service/authservice.h"
#include "core/service/fielderrors.h"

#include <QString>
#include <QStringList>

namespace paycred::api {

// ErrorResponse: every error answer of API.md, in its three shapes ({"error"}, {"detail"} and
// DRF field errors), with the headers that go with it.
class ErrorResponse {
public:
    static ApiResponse error(int status, const QString& message);  // {"error": ...}
    static ApiResponse detail(int status, const QString& message); // {"detail": ...}
    static ApiResponse fields(const service::FieldErrors& errors); // 400 {"field": [...]}
    static ApiResponse field(const QString& field, const QString& message);

    static ApiResponse notFound();
    static ApiResponse credentialNotFound();
    static ApiResponse methodNotAllowed(const QByteArray& method, const QStringList& allowed);
    static ApiResponse unauthorized(service::AuthService::Failure failure);
    static ApiResponse refreshRejected();
    static ApiResponse permissionDenied(); // 403
    // 403 {"error", "code": "password_required"}: the live-key step-up wants a verify-password.
    static ApiResponse passwordRequired();
    static ApiResponse bodyTooLarge();
    static ApiResponse unsupportedMediaType(const QByteArray& contentType);
    static ApiResponse jsonParseError(const QString& reason);
    static ApiResponse throttled(qint64 retryAfterSecs);
    // The database unreachable or failing (API.md): 503 with Retry-After, never a 404.
    static constexpr int StorageRetryAfterSecs = 2;
    static ApiResponse storageFailed();
    // The password pool's queue is full (API.md): the same 503, to be tried again in a second.
    static constexpr int BusyRetryAfterSecs = 1;
    static ApiResponse busy();
};

} // namespace paycred::api
