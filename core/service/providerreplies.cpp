#include "core/service/providerreplies.h"

#include "core/service/providerlink.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace paycred::service {

namespace {
using Result = ProviderChecker::Result;
using Outcome = ProviderChecker::Outcome;
} // namespace

std::optional<Outcome> ProviderReplies::withoutVerdict(const QString& provider,
                                                       const ProviderReply& reply) {
    switch (reply.failure) {
    case ProviderReply::Failure::Unreachable:
        return Outcome{Result::Unreachable,
                       QStringLiteral("%1 could not be reached (%2). Check the network and try "
                                      "again.")
                           .arg(provider, reply.reason)};
    case ProviderReply::Failure::TimedOut:
        return Outcome{Result::Unreachable,
                       QStringLiteral("%1 did not answer in time. Try again later.").arg(provider)};
    case ProviderReply::Failure::TooLarge:
        return Outcome{Result::Unreachable,
                       QStringLiteral("%1's answer was far larger than expected and was cut off; "
                                      "the keys were not judged. Try again later.")
                           .arg(provider)};
    case ProviderReply::Failure::Stopped:
        return Outcome{Result::Unreachable,
                       QStringLiteral("The check was stopped before %1 answered, as PayCred was "
                                      "closing.")
                           .arg(provider)};
    case ProviderReply::Failure::None:
        break;
    }
    if (reply.status >= 300 && reply.status < 400)
        return Outcome{Result::Unreachable,
                       QStringLiteral("%1 answered with a redirect (HTTP %2), which is not "
                                      "followed; the keys were not judged.")
                           .arg(provider)
                           .arg(reply.status)};
    return std::nullopt;
}

Outcome ProviderReplies::unexpectedStatus(const QString& provider, int status) {
    if (status == 429 || status >= 500)
        return {Result::Unreachable,
                QStringLiteral("%1 could not answer now (HTTP %2). Try again later.")
                    .arg(provider)
                    .arg(status)};
    return {Result::Unreachable,
            QStringLiteral("%1 gave an unexpected answer (HTTP %2); the keys were not judged.")
                .arg(provider)
                .arg(status)};
}

Outcome ProviderReplies::notUnderstood(const QString& provider, const QString& what) {
    return {Result::Unreachable,
            QStringLiteral("%1's answer could not be understood (%2); the keys were not judged.")
                .arg(provider, what)};
}

std::optional<QJsonObject> ProviderReplies::objectOf(const ProviderReply& reply) {
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(reply.body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

bool ProviderReplies::isJson(const ProviderReply& reply) {
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(reply.body, &error);
    return error.error == QJsonParseError::NoError && (document.isObject() || document.isArray());
}

} // namespace paycred::service
