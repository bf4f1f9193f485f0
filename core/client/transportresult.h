#pragma once

#include "core/api/apiresponse.h"

#include <QByteArray>
#include <QString>

namespace paycred::client {

// TransportResult: what came back for one request — an API answer (any status), or a failure
// to get one, described in plain words for the user.
struct TransportResult {
    enum class Failure {
        None,      // `response` holds the server's (or the vault's) answer
        Network,   // unreachable, refused, reset, DNS
        Timeout,   // no answer in time
        Tls,       // the certificate is not trusted: see `certificate*`
        Cancelled, // the transport was shut down
    };

    Failure failure = Failure::None;
    api::ApiResponse response;
    QString message; // with a failure: what happened and what to do next

    // With Failure::Tls: the server certificate, so the user can decide whether to trust it.
    QString certificateSubject;
    QString certificateIssuer;
    QString certificateExpiry;    // ISO 8601
    QByteArray certificateSha256; // hex, lower case: the pin to remember when trusted
    QByteArray certificatePem;

    bool ok() const { return failure == Failure::None; }

    // The failure's name, for logs and test messages.
    static const char* failureName(Failure failure) {
        switch (failure) {
        case Failure::None:
            return "None";
        case Failure::Network:
            return "Network";
        case Failure::Timeout:
            return "Timeout";
        case Failure::Tls:
            return "Tls";
        case Failure::Cancelled:
            return "Cancelled";
        }
        return "<unknown>";
    }
};

} // namespace paycred::client
