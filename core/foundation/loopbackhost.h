#pragma once

#include <QString>

namespace paycred {

// LoopbackHost: whether a host name or address can only be this machine — "localhost", all of
// 127.0.0.0/8, ::1 — where plain HTTP crosses no network.
class LoopbackHost {
public:
    // `host` as in a URL or a listen address, with or without IPv6 brackets.
    static bool matches(const QString& host);
};

} // namespace paycred
