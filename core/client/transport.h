#pragma once

#include "core/api/apirequest.h"
#include "core/client/transportresult.h"

#include <QObject>
#include <QString>

#include <functional>

namespace paycred::client {

// Transport: how the client reaches the API — over HTTP to a server, or in-process to a local
// vault. Asynchronous: send() returns at once and `done` runs later on the transport's thread,
// exactly once (with Failure::Cancelled when the transport is destroyed first).
class Transport : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const TransportResult&)>;

    using QObject::QObject;
    ~Transport() override = default;

    // `request.target` is the path with its query ("/payments/credentials/"); headers and
    // body as the API takes them. The transport adds nothing but what its medium needs.
    virtual void send(const api::ApiRequest& request, Callback done) = 0;
    // Where requests go, for the status bar: "https://pay.example.com" or "local vault (path)".
    virtual QString endpoint() const = 0;
};

} // namespace paycred::client
