#pragma once

#include <QLoggingCategory>

// paycred.ui: the windows and dialogs. Never logs a password, token or key.
Q_DECLARE_LOGGING_CATEGORY(lcUi)
