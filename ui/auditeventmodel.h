#pragma once

#include "core/client/auditclient.h"
#include "core/client/auditevent.h"
#include "ui/pagedtablemodel.h"

#include <QMap>
#include <QString>

namespace paycred::ui {

// AuditEventModel: the audit log (GET /admin/audit/) as table rows — time (local), actor, action,
// outcome, provider, environment (live stands out as in every table of credentials), credential
// and address — page by page, newest first; the server sorts by time only.
class AuditEventModel : public PagedRows<client::AuditEvent> {
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        ActorColumn,
        ActionColumn,
        OutcomeColumn,
        ProviderColumn,
        EnvironmentColumn,
        CredentialColumn,
        AddressColumn,
        ColumnCount
    };

    // `providerNames`: provider id → the name shown.
    AuditEventModel(client::AuditClient& audit, QMap<QString, QString> providerNames,
                    QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    qint64 idAt(int row) const override;

    // Who did it, as a person reads it ("amina", "Nobody (an unknown user)").
    static QString actorText(const client::AuditEvent& event);
    QString providerText(const QString& provider) const;

private:
    QVariant text(const client::AuditEvent& event, int column) const;

    QMap<QString, QString> m_providerNames;
};

} // namespace paycred::ui
