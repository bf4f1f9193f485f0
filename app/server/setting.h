#pragma once

#include <QString>

namespace paycred::server {

// Setting: one configuration value as found, with where it came from for messages
// ("PAYCRED_SECRET_KEY", "secret_key in /etc/paycred/server.ini", "the file /run/k (from
// PAYCRED_SECRET_KEY_FILE)"); never the value itself in a message.
struct Setting {
    QString value;
    QString source;
    bool isSet() const { return !value.isEmpty(); }
};

} // namespace paycred::server
