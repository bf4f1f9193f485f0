#pragma once

#include <QLoggingCategory>

// paycred.client: the transports, the session and the typed clients. Never logs a token, key,
// password or body.
Q_DECLARE_LOGGING_CATEGORY(lcClient)
