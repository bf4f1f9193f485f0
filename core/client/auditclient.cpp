#include "core/client/auditclient.h"

#include "core/client/adminapi.h"
#include "core/client/apijson.h"
#include "core/service/auditaction.h"
#include "core/service/auditlog.h"
#include "core/service/credentialfields.h"

#include <QJsonObject>
#include <QUrl>

namespace paycred::client {

namespace {

using Request = Session::Request;

std::optional<AuditClient::Verification> verificationFrom(const api::ApiResponse& response) {
    const QJsonObject object = response.object();
    const QJsonValue intact = object.value(QStringLiteral("intact"));
    const auto events = apijson::count(object.value(QStringLiteral("events")));
    if (!intact.isBool() || !events)
        return std::nullopt;
    AuditClient::Verification verification{intact.toBool(), *events, {}, {}};
    if (!verification.intact) {
        verification.firstBrokenId =
            apijson::positiveId(object.value(QStringLiteral("first_broken_id")));
        return verification.firstBrokenId ? std::optional(verification) : std::nullopt;
    }
    const QJsonObject head = object.value(QStringLiteral("head")).toObject();
    if (const auto id = apijson::positiveId(head.value(QStringLiteral("id"))))
        verification.head =
            AuditClient::Checkpoint{*id, head.value(QStringLiteral("mac")).toString()};
    return verification;
}

QString idText(const std::optional<qint64>& id) {
    return id ? QString::number(*id) : QString();
}

QString timeText(const QDateTime& at) {
    return at.isValid() ? apijson::timestampText(at) : QString();
}

} // namespace

QList<QPair<QString, QString>> AuditClient::Filter::items() const {
    return {{QStringLiteral("user"), idText(userId)},
            {QStringLiteral("action"), action},
            {QStringLiteral("outcome"), outcome},
            {QStringLiteral("credential"), idText(credentialId)},
            {QStringLiteral("environment"), environment},
            {QStringLiteral("provider"), provider},
            {QStringLiteral("since"), timeText(since)},
            {QStringLiteral("until"), timeText(until)}};
}

AuditClient::AuditClient(Session& session, QObject* parent)
    : QObject(parent)
    , m_session(session) {}

void AuditClient::submit(Session::Request request, Session::Handler handler) {
    m_session.send(std::move(request), this, std::move(handler));
}

void AuditClient::events(const QByteArray& target, Callback<ListPage<AuditEvent>> done) {
    using Page = ListPage<AuditEvent>;
    if (Page::refuse(this, target, EventsPath, done,
                     QStringLiteral("That is not a page of the audit log.")))
        return; // never sent: a page of another list, or of another server
    submit(AdminApi::request("GET", target),
           Page::reader(std::move(done), EventsPath, &AuditEvent::fromJson));
}

void AuditClient::verify(std::optional<Checkpoint> checkpoint, Callback<Verification> done) {
    QByteArray target = "/admin/audit/verify/";
    if (checkpoint)
        target += "?checkpoint_id=" + QByteArray::number(checkpoint->id) +
                  "&checkpoint_mac=" + QUrl::toPercentEncoding(checkpoint->mac);
    submit(AdminApi::request("GET", target),
           Session::typed<Verification>(std::move(done), verificationFrom));
}

const QStringList& AuditClient::actions() {
    return service::auditActionNames();
}

const QStringList& AuditClient::outcomes() {
    return service::AuditLog::outcomeNames();
}

QStringList AuditClient::environments() {
    return service::CredentialFields::environments();
}

} // namespace paycred::client
