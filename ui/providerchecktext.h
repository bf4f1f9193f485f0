#pragma once

#include "core/client/credentialsclient.h"

#include <QCoreApplication>
#include <QIcon>
#include <QString>

namespace paycred::ui {

// ProviderCheckText: how every part of the app says what a provider answered about a credential's
// keys (API.md §2 check) — the message bar's line, the table's Last check cell — in the user's
// language, naming the provider and the environment the keys were checked for.
class ProviderCheckText {
    Q_DECLARE_TR_FUNCTIONS(ProviderCheckText)
public:
    using Check = client::CredentialsClient::ProviderCheck;

    // "Valid", "Rejected", "Unreachable", "Not checkable".
    static QString resultWord(Check::Result result);
    // The table's cue, from the icons the app already has: a tick, a cross, a warning; none
    // for "not checkable" (nothing is wrong with the keys).
    static QIcon resultIcon(Check::Result result);
    // What the message bar shows while `provider` is asked about keys for `environment`.
    static QString checking(const QString& provider, const QString& environment);
    // The message bar's line for `check` of `provider`'s keys.
    static QString line(const Check& check, const QString& provider);
    // Rejected and unreachable keys are a problem the user must act on; the others are not.
    static bool isError(Check::Result result);
    // The Last check cell: "Valid · 1/15/24 10:30 AM" (local time).
    static QString cell(const Check& check);

private:
    static QString verdict(const Check& check, const QString& provider);
    static bool addsToVerdict(const Check& check);
};

} // namespace paycred::ui
