#include "core/client/auditevent.h"

#include "core/client/apijson.h"

#include <QJsonValue>

namespace paycred::client {

namespace {

const QString Id = QStringLiteral("id");
const QString At = QStringLiteral("at");
const QString ActorField = QStringLiteral("actor");
const QString Username = QStringLiteral("username");
const QString Action = QStringLiteral("action");
const QString CredentialId = QStringLiteral("credential_id");
const QString Provider = QStringLiteral("provider");
const QString Environment = QStringLiteral("environment");
const QString Outcome = QStringLiteral("outcome");
const QString RemoteAddr = QStringLiteral("remote_addr");
const QString Detail = QStringLiteral("detail");

QJsonValue optionalId(const std::optional<qint64>& id) {
    return id ? QJsonValue(*id) : QJsonValue(QJsonValue::Null);
}

QString optionalText(const std::optional<qint64>& id) {
    return id ? QString::number(*id) : QString();
}

} // namespace

std::optional<AuditEvent> AuditEvent::fromJson(const QJsonObject& object) {
    const auto id = apijson::positiveId(object.value(Id));
    const QDateTime at = apijson::timestamp(object.value(At));
    const QJsonValue actor = object.value(ActorField);
    const QString action = object.value(Action).toString();
    if (!id || !at.isValid() || action.isEmpty() || !(actor.isNull() || actor.isObject()))
        return std::nullopt;
    AuditEvent event;
    event.id = *id;
    event.at = at;
    if (actor.isObject()) {
        const QJsonObject who = actor.toObject();
        event.actor = Actor{apijson::positiveId(who.value(Id)), who.value(Username).toString()};
    }
    event.action = action;
    event.credentialId = apijson::positiveId(object.value(CredentialId));
    event.provider = object.value(Provider).toString();
    event.environment = object.value(Environment).toString();
    event.outcome = object.value(Outcome).toString();
    event.remoteAddr = object.value(RemoteAddr).toString();
    event.detail = object.value(Detail).toString();
    return event;
}

QJsonObject AuditEvent::toJson() const {
    return {{Id, id},
            {At, apijson::timestampText(at)},
            {ActorField, actor ? QJsonValue(QJsonObject{{Id, optionalId(actor->id)},
                                                        {Username, actor->username}})
                               : QJsonValue(QJsonValue::Null)},
            {Action, action},
            {CredentialId, optionalId(credentialId)},
            {Provider, provider},
            {Environment, environment},
            {Outcome, outcome},
            {RemoteAddr, remoteAddr},
            {Detail, detail}};
}

QStringList AuditEvent::cells() const {
    return {QString::number(id),
            apijson::timestampText(at),
            actor ? optionalText(actor->id) : QString(),
            actor ? actor->username : QString(),
            action,
            optionalText(credentialId),
            provider,
            environment,
            outcome,
            remoteAddr,
            detail};
}

const QStringList& AuditEvent::fieldNames() {
    static const QStringList names{Id,
                                   At,
                                   QStringLiteral("actor_id"),
                                   QStringLiteral("actor_username"),
                                   Action,
                                   CredentialId,
                                   Provider,
                                   Environment,
                                   Outcome,
                                   RemoteAddr,
                                   Detail};
    return names;
}

} // namespace paycred::client
