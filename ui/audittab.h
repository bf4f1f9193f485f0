#pragma once

#include "core/client/auditclient.h"
#include "core/client/credentialsclient.h"
#include "ui/admintab.h"
#include "ui/auditexport.h"
#include "ui/pagedtablemodel.h"

#include <QMap>
#include <QPointer>

#include <optional>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressDialog;

namespace paycred {
class Clock;
}

namespace paycred::ui {

class AuditEventModel;
class PagedTableView;
class StatusLabel;

// AuditTab: the audit log of API.md §3 — every event, newest first (the server sorts by time),
// filtered by the API's own filters (user, action, outcome, environment, provider, credential, a
// time range entered in local time and sent as UTC), the selected event's
// every field beside it; an export of what the filters show to CSV or JSON Lines with the chain's
// head as a checkpoint beside it; and Verify log: whether the chain is intact (against a chosen
// checkpoint too) and, when not, from which event.
class AuditTab : public AdminTab {
    Q_OBJECT
public:
    AuditTab(client::Session& session, const QList<client::CredentialsClient::Provider>& providers,
             const Clock& clock, QWidget* parent = nullptr);
    ~AuditTab() override;

    void reload() override;
    AuditEventModel& model() const { return *m_model; }
    PagedTableView* table() const { return m_table; }
    client::AuditClient& audit() { return m_audit; }
    // The export under way, if any.
    AuditExport* runningExport() const { return m_running.data(); }
    // Rows a page while exporting (the API's most by default).
    void setExportPageSize(int rows) { m_exportPageSize = rows; }

    // The filters as the API takes them.
    client::AuditClient::Filter currentFilter() const;

private:
    QWidget* createFilters(const QList<client::CredentialsClient::Provider>& providers);
    QWidget* createDetails();
    QDateTimeEdit* timeEdit(const QString& objectName, const QString& accessibleName,
                            QWidget* parent) const;
    void applyFilters();
    void showDetails();
    void updateCount();

    void chooseExportFile();
    void startExport(const QString& path);
    void exportFinished(bool complete, const QString& message);
    void chooseCheckpoint();
    void verify(std::optional<client::AuditClient::Checkpoint> checkpoint);
    void verified(const client::AuditClient::Verification& verification, bool withCheckpoint);

    client::AuditClient m_audit;
    const Clock& m_clock;
    AuditEventModel* m_model;
    PagedTableView* m_table = nullptr;
    QLineEdit* m_user = nullptr;
    QComboBox* m_action = nullptr;
    QComboBox* m_outcome = nullptr;
    QComboBox* m_environment = nullptr;
    QComboBox* m_provider = nullptr;
    QLineEdit* m_credential = nullptr;
    QCheckBox* m_hasSince = nullptr;
    QDateTimeEdit* m_since = nullptr;
    QCheckBox* m_hasUntil = nullptr;
    QDateTimeEdit* m_until = nullptr;
    QLabel* m_count = nullptr;
    StatusLabel* m_verifyStatus = nullptr;
    QMap<QString, QLabel*> m_details; // field → its value in the detail pane

    QAction* m_export = nullptr;
    QAction* m_verify = nullptr;
    QAction* m_verifyCheckpoint = nullptr;
    QPointer<AuditExport> m_running;
    QPointer<QProgressDialog> m_progress;
    int m_exportPageSize = 500;
};

} // namespace paycred::ui
