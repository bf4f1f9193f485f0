#pragma once

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

    friend bool operator==(const Credential&, const Credential&) = default;
};

} // namespace paycred::client
