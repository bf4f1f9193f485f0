#include "core/api/audithandler.h"

#include "core/api/errorresponse.h"
#include "core/api/requestcontext.h"
#include "core/service/fielderrors.h"
#include "core/service/services.h"

#include <QRegularExpression>

namespace paycred::api {

namespace {
using service::AuditChain;
using service::FieldErrors;

const QString CheckpointId = QStringLiteral("checkpoint_id");
const QString CheckpointMac = QStringLiteral("checkpoint_mac");

QString queryValue(const RequestContext& context, const QString& name) {
    return context.query.queryItemValue(name, QUrl::FullyDecoded);
}

// The checkpoint the query names (both parameters or neither), or the field errors.
std::optional<AuditChain::Checkpoint> readCheckpoint(const RequestContext& context,
                                                     FieldErrors& errors) {
    const bool hasId = context.query.hasQueryItem(CheckpointId);
    const bool hasMac = context.query.hasQueryItem(CheckpointMac);
    if (!hasId && !hasMac)
        return std::nullopt;
    AuditChain::Checkpoint checkpoint;
    if (hasId) {
        bool ok = false;
        checkpoint.id = queryValue(context, CheckpointId).toLongLong(&ok);
        if (!ok || checkpoint.id <= 0)
            errors.add(CheckpointId, QStringLiteral("A valid integer is required."));
    } else {
        errors.add(CheckpointId, FieldErrors::required());
    }
    if (hasMac) {
        static const QRegularExpression hex(QStringLiteral("^[0-9a-fA-F]{64}$"));
        checkpoint.mac = queryValue(context, CheckpointMac);
        if (!hex.match(checkpoint.mac).hasMatch())
            errors.add(CheckpointMac,
                       QStringLiteral("Enter the mac of the checkpoint: 64 hexadecimal digits."));
        checkpoint.mac = checkpoint.mac.toLower();
    } else {
        errors.add(CheckpointMac, FieldErrors::required());
    }
    return checkpoint;
}
} // namespace

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
