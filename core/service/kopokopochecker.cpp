#include "core/service/kopokopochecker.h"

#include "core/service/logging.h"
#include "core/service/providerlink.h"
#include "core/service/providerreplies.h"

#include <QJsonObject>

namespace paycred::service {

namespace {

// "name=value" of a form, percent-encoded; `value` is a key: the caller wipes the result.
QByteArray formField(const char* name, QByteArrayView value) {
    QByteArray plain(value.data(), value.size());
    QByteArray field = QByteArray(name) + '=' + plain.toPercentEncoding();
    crypto::wipe(plain);
    return field;
}

void addClientFields(ProviderRequest& request, const ProviderChecker::Keys& keys) {
    request.method = "POST";
    request.headers = {{"Accept", "application/json"}};
    request.body = formField("client_id", keys.apiKey.view());
    request.body += '&';
    QByteArray secret = formField("client_secret", keys.privateKey.view());
    request.body += secret;
    crypto::wipe(secret);
}

// OAuth 2.0 (RFC 6749 §5.2): a client that failed to authenticate is answered 401, or 400 with
// "invalid_client"; KopoKopo also answers "unauthorized_client" for an application switched off.
bool isRejection(int status, const std::optional<QJsonObject>& body) {
    if (status == 401)
        return true;
    if (status != 400 || !body)
        return false;
    const QString error = body->value(QLatin1String("error")).toString();
    return error == QLatin1String("invalid_client") ||
           error == QLatin1String("unauthorized_client");
}

// Gives back the token the check obtained; false when the provider did not confirm it.
bool revoke(const ProviderChecker::Keys& keys, const QJsonValue& token, ProviderLink& link) {
    ProviderRequest request;
    request.path = QStringLiteral("/oauth/revoke");
    addClientFields(request, keys);
    QByteArray tokenField = formField("token", token.toString().toUtf8());
    request.body += '&' + tokenField;
    crypto::wipe(tokenField);
    const ProviderReply reply = link.send(request);
    if (reply.failure != ProviderReply::Failure::None || reply.status != 200) {
        qCWarning(lcService, "KopoKopo did not confirm revoking the check's token (HTTP %d)",
                  reply.status);
        return false;
    }
    return true;
}
} // namespace

ProviderChecker::Outcome KopoKopoChecker::check(const Keys& keys, ProviderLink& link) const {
    ProviderRequest request;
    request.path = QStringLiteral("/oauth/token");
    addClientFields(request, keys);
    request.body += "&grant_type=client_credentials";
    const ProviderReply reply = link.send(request);
    if (auto outcome = ProviderReplies::withoutVerdict(company(), reply))
        return *outcome;
    const auto body = ProviderReplies::objectOf(reply);
    if (isRejection(reply.status, body))
        return {Result::Rejected,
                QStringLiteral("KopoKopo rejected the keys: the client id (api key) or the client "
                               "secret (private key) is wrong, or the application is not "
                               "active.")};
    if (reply.status != 200)
        return ProviderReplies::unexpectedStatus(company(), reply.status);
    const QJsonValue token = body ? body->value(QLatin1String("access_token")) : QJsonValue();
    if (!token.isString() || token.toString().isEmpty())
        return ProviderReplies::notUnderstood(company(), QStringLiteral("no access token"));
    if (!revoke(keys, token, link))
        return {Result::Valid,
                QStringLiteral("KopoKopo accepted the keys. The test token it issued could not "
                               "be revoked; it expires by itself within the hour.")};
    return {Result::Valid, QStringLiteral("KopoKopo accepted the keys.")};
}

} // namespace paycred::service
