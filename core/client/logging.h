#pragma once

#include <QLoggingCategory>

// paycred.client: the transports and the typed client. Never logs a token, key, password or body.
Q_DECLARE_LOGGING_CATEGORY(lcClient)
