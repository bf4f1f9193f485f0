#pragma once

#include "core/crypto/secret.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace paycred::service {

// ProviderRequest: one HTTPS call a checker makes to a provider, relative to its base URL. Its
// headers and body may carry keys: they are wiped when it goes.
struct ProviderRequest {
    QByteArray method = "GET";
    QString path; // "/oauth/token", appended to the provider's base URL
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body; // sent as application/x-www-form-urlencoded when not empty

    ProviderRequest() = default;
    ProviderRequest(const ProviderRequest&) = delete;
    ProviderRequest& operator=(const ProviderRequest&) = delete;
    ~ProviderRequest() {
        crypto::wipe(body);
        for (auto& [name, value] : headers)
            crypto::wipe(value);
    }
};

// ProviderReply: what came back, or why nothing usable did. A reply body may carry a token:
// it is wiped when it goes.
struct ProviderReply {
    enum class Failure {
        None,
        Unreachable, // no connection: name, route, refused, TLS (certificate) failure
        TimedOut,    // no whole answer within the check's time limit
        TooLarge,    // the answer passed the size limit and was cut off
        Stopped,     // the thread was asked to stop (QThread::requestInterruption: closing)
    };
    Failure failure = Failure::None;
    int status = 0;      // the HTTP status when failure is None
    QByteArray body;     // at most the link's limit
    QByteArray location; // a redirect's target (never followed)
    QString reason;      // with a failure: the network's own words, never a key

    ProviderReply() = default;
    ProviderReply(ProviderReply&&) = default;
    ProviderReply& operator=(ProviderReply&&) = default;
    ProviderReply(const ProviderReply&) = delete;
    ProviderReply& operator=(const ProviderReply&) = delete;
    ~ProviderReply() { crypto::wipe(body); }
};

// ProviderLink: a way to one provider's base URL, for its checker. Sends one request and waits
// for its reply (on a pool thread made for that, never a request worker's).
class ProviderLink {
public:
    virtual ~ProviderLink() = default;
    virtual ProviderReply send(const ProviderRequest& request) = 0;
};

} // namespace paycred::service
