#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace paycred::client {

// Credential: one payment credential as the API describes it (never a key). Timestamps are UTC.
struct Credential {
    qint64 id = 0;
    QString provider;        // "kopokopo"
    QString providerDisplay; // "KopoKopo"
    QString environment;     // "sandbox" | "live"
    bool isActive = false;
    QDateTime createdAt;
    QDateTime updatedAt;
    bool isLive = false;
    // The ETag of the answer that carried it, as sent ("\"3\""): the version to send back as
    // If-Match with a change. Empty when it came from a list, or from a server without tags.
    QByteArray entityTag;

    friend bool operator==(const Credential&, const Credential&) = default;
};

} // namespace paycred::client
