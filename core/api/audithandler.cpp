#include "core/api/audithandler.h"

#include "core/api/credentialjson.h"
#include "core/api/errorresponse.h"
#include "core/api/pagequery.h"
#include "core/api/queryreader.h"
#include "core/api/requestcontext.h"
#include "core/service/credentialfields.h"
#include "core/service/fielderrors.h"
#include "core/service/services.h"

#include <QRegularExpression>

namespace paycred::api {

namespace {
using service::AuditChain;
using service::AuditEvent;
using service::FieldErrors;

const QString CheckpointId = QStringLiteral("checkpoint_id");
const QString CheckpointMac = QStringLiteral("checkpoint_mac");

QJsonValue optionalId(const std::optional<qint64>& id) {
    return id ? QJsonValue(*id) : QJsonValue(QJsonValue::Null);
}

QJsonObject eventJson(const AuditEvent& event) {
    // No actor at all (a failed login of an unknown user): null. The system, or a deleted
    // user: the copy the event kept.
    const bool hasActor = event.actorId || !event.actorUsername.isEmpty();
    return {{QStringLiteral("id"), event.id},
            {QStringLiteral("at"), CredentialJson::timestamp(event.at)},
            {QStringLiteral("actor"),
             hasActor ? QJsonValue(QJsonObject{{QStringLiteral("id"), optionalId(event.actorId)},
                                               {QStringLiteral("username"), event.actorUsername}})
                      : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("action"), event.action},
            {QStringLiteral("credential_id"), optionalId(event.credentialId)},
            {QStringLiteral("provider"), event.provider},
            {QStringLiteral("environment"), event.environment},
            {QStringLiteral("outcome"), event.outcome},
            {QStringLiteral("remote_addr"), event.remoteAddr},
            {QStringLiteral("detail"), event.detail}};
}

// The checkpoint the query names (both parameters or neither), or the field errors.
std::optional<AuditChain::Checkpoint> readCheckpoint(const RequestContext& context,
                                                     FieldErrors& errors) {
    QueryReader reader(context.query);
    const auto id = reader.id(CheckpointId);
    const QString mac = reader.text(CheckpointMac, 64).toLower();
    errors = reader.errors();
    const bool hasId = !context.query.value(CheckpointId).toString().isEmpty();
    const bool hasMac = !context.query.value(CheckpointMac).toString().isEmpty();
    if (!hasId && !hasMac)
        return std::nullopt;
    if (!hasId)
        errors.add(CheckpointId, FieldErrors::required());
    if (!hasMac)
        errors.add(CheckpointMac, FieldErrors::required());
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    if (hasMac && !errors.contains(CheckpointMac) && !hex.match(mac).hasMatch())
        errors.add(CheckpointMac,
                   QStringLiteral("Enter the mac of the checkpoint: 64 hexadecimal digits."));
    if (!errors.isEmpty())
        return std::nullopt;
    return AuditChain::Checkpoint{*id, mac};
}
} // namespace

ApiResponse AuditHandler::list(const RequestContext& context) {
    using service::AuditTrail;
    QueryReader filters(context.query);
    AuditTrail::Filter filter;
    filter.actorId = filters.id(QStringLiteral("user"));
    filter.action = filters.choice(QStringLiteral("action"), service::auditActionNames());
    filter.outcome = filters.choice(QStringLiteral("outcome"), service::AuditLog::outcomeNames());
    filter.credentialId = filters.id(QStringLiteral("credential"));
    filter.environment =
        filters.choice(QStringLiteral("environment"), service::CredentialFields::environments());
    filter.provider =
        filters.choice(QStringLiteral("provider"), service::CredentialFields::providers());
    filter.since = filters.time(QStringLiteral("since"));
    filter.until = filters.time(QStringLiteral("until"));
    FieldErrors errors = filters.errors();
    const service::PageRequest request =
        PageQuery::read(context.query, AuditTrail::orderings(), errors);
    if (!errors.isEmpty())
        return ErrorResponse::fields(errors);
    const auto page = context.services.auditTrail().list(filter, request);
    return PageQuery::answer<AuditEvent>(context, request, page, &eventJson);
}

ApiResponse AuditHandler::verify(const RequestContext& context) {
    FieldErrors errors;
    const auto checkpoint = readCheckpoint(context, errors);
    if (!errors.isEmpty())
        return ErrorResponse::fields(errors);
    const AuditChain::Verification verification = context.services.auditChain().verify(checkpoint);
    using Status = AuditChain::Verification::Status;
    if (verification.status == Status::NoKey) {
        return ErrorResponse::error(
            503, QStringLiteral("The audit log cannot be verified: no audit key is set. Set "
                                "PAYCRED_AUDIT_KEY (or unlock the vault) and try again."));
    }
    if (verification.status != Status::Verified)
        return ErrorResponse::storageFailed();
    QJsonObject answer{{QStringLiteral("intact"), verification.intact},
                       {QStringLiteral("events"), verification.events}};
    if (verification.intact) {
        answer.insert(
            QStringLiteral("head"),
            verification.head.lastId > 0
                ? QJsonValue(QJsonObject{{QStringLiteral("id"), verification.head.lastId},
                                         {QStringLiteral("mac"), verification.head.lastMac}})
                : QJsonValue(QJsonValue::Null));
    } else {
        answer.insert(QStringLiteral("first_broken_id"), verification.firstBrokenId);
    }
    return ApiResponse::json(200, answer);
}

} // namespace paycred::api
