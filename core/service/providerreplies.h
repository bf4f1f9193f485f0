#pragma once

#include "core/service/providerchecker.h"

#include <QJsonObject>
#include <optional>

namespace paycred::service {

struct ProviderReply;

// ProviderReplies: what every checker says alike about an answer that is not the provider's
// verdict — no answer, too slow, too large, a redirect, an unexpected status, words that are
// not JSON — so each checker only reads its own provider's verdicts.
class ProviderReplies {
public:
    // The outcome for a reply that carries no verdict (a failure or a redirect); none when the
    // reply is an answer for the checker to read.
    static std::optional<ProviderChecker::Outcome> withoutVerdict(const QString& provider,
                                                                  const ProviderReply& reply);
    // An answer with a status the checker does not expect.
    static ProviderChecker::Outcome unexpectedStatus(const QString& provider, int status);
    // An answer the checker could not read (`what` it lacked, e.g. "no access token").
    static ProviderChecker::Outcome notUnderstood(const QString& provider, const QString& what);
    // The reply's body as a JSON object; none when it is not one.
    static std::optional<QJsonObject> objectOf(const ProviderReply& reply);
    // Whether the reply's body is a JSON document (an object or an array).
    static bool isJson(const ProviderReply& reply);
};

} // namespace paycred::service
