#include "ui/audittab.h"

#include "core/foundation/clock.h"
#include "ui/auditeventmodel.h"
#include "ui/auditexport.h"
#include "ui/credentialtext.h"
#include "ui/filefield.h"
#include "ui/localtime.h"
#include "ui/pagedtableview.h"
#include "ui/placeholder.h"
#include "ui/statuslabel.h"
#include "ui/tableheader.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressDialog>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QSplitter>
#include <QStandardPaths>
#include <QToolBar>
#include <QVBoxLayout>

namespace paycred::ui {

namespace {

using client::AuditClient;
using client::AuditEvent;

QMap<QString, QString> namesOf(const QList<client::CredentialsClient::Provider>& providers) {
    QMap<QString, QString> names;
    for (const client::CredentialsClient::Provider& provider : providers)
        names.insert(provider.id, provider.displayName);
    return names;
}

QComboBox* choiceCombo(const QString& objectName, const QString& accessibleName, const QString& any,
                       const QStringList& choices, QWidget* parent) {
    auto* combo = new QComboBox(parent);
    combo->setObjectName(objectName);
    combo->setAccessibleName(accessibleName);
    combo->addItem(any, QString());
    for (const QString& choice : choices)
        combo->addItem(choice, choice);
    return combo;
}

QLineEdit* idEdit(const QString& objectName, const QString& accessibleName,
                  const QString& placeholder, QWidget* parent) {
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    edit->setClearButtonEnabled(true);
    Placeholder::set(edit, placeholder);
    static const QRegularExpression id(QStringLiteral("[1-9][0-9]{0,14}"));
    edit->setValidator(new QRegularExpressionValidator(id, edit));
    return edit;
}

std::optional<qint64> idIn(const QLineEdit* edit) {
    bool ok = false;
    const qint64 id = edit->text().toLongLong(&ok);
    return ok && id > 0 ? std::optional<qint64>(id) : std::nullopt;
}

QString idText(const std::optional<qint64>& id) {
    return id ? QString::number(*id) : QString();
}

} // namespace

AuditTab::AuditTab(client::Session& session,
                   const QList<client::CredentialsClient::Provider>& providers, const Clock& clock,
                   QWidget* parent)
    : AdminTab(parent)
    , m_audit(session)
    , m_clock(clock)
    , m_model(new AuditEventModel(m_audit, namesOf(providers), this)) {
    setObjectName(QStringLiteral("auditTab"));

    m_export =
        addTabAction(QStringLiteral("actionAuditExport"), tr("&Export…"), QStringLiteral("backup"),
                     QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_verify =
        addTabAction(QStringLiteral("actionAuditVerify"), tr("&Verify log"),
                     QStringLiteral("verify"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    m_verifyCheckpoint =
        addTabAction(QStringLiteral("actionAuditVerifyCheckpoint"),
                     tr("Verify against a check&point…"), QStringLiteral("certificate"), {});
    connect(m_export, &QAction::triggered, this, &AuditTab::chooseExportFile);
    connect(m_verify, &QAction::triggered, this, [this] { verify(std::nullopt); });
    connect(m_verifyCheckpoint, &QAction::triggered, this, &AuditTab::chooseCheckpoint);

    auto* tools = new QToolBar(this);
    tools->setObjectName(QStringLiteral("auditTools"));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->addActions({m_export});
    tools->addSeparator();
    tools->addActions({m_verify, m_verifyCheckpoint});

    m_table = new PagedTableView(QStringLiteral("auditTable"), tr("Audit log"), this);
    m_table->setPagedModel(m_model);
    m_table->horizontalHeader()->resizeSection(AuditEventModel::TimeColumn, 140);
    m_table->horizontalHeader()->resizeSection(AuditEventModel::ActionColumn, 170);
    m_table->horizontalHeader()->resizeSection(AuditEventModel::ProviderColumn, 120);
    TableHeader::fit(m_table);
    connect(m_table, &PagedTableView::currentChanged, this, &AuditTab::showDetails);
    connect(m_model, &PagedTableModel::totalCountChanged, this, &AuditTab::updateCount);
    connect(m_model, &PagedTableModel::loadingChanged, this, &AuditTab::updateCount);
    connect(m_model, &PagedTableModel::loadFailed, this, &AdminTab::failed);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("auditSplitter"));
    splitter->addWidget(m_table);
    splitter->addWidget(createDetails());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("auditCount"));
    m_verifyStatus = new StatusLabel(this);
    m_verifyStatus->setObjectName(QStringLiteral("auditVerifyStatus"));
    m_verifyStatus->setAccessibleName(tr("Verification"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(createFilters(providers));
    layout->addWidget(tools);
    layout->addWidget(m_verifyStatus);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_count);
    showDetails();
}

AuditTab::~AuditTab() = default;

QDateTimeEdit* AuditTab::timeEdit(const QString& objectName, const QString& accessibleName,
                                  QWidget* parent) const {
    auto* edit = new QDateTimeEdit(parent);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    edit->setTimeSpec(Qt::LocalTime); // a person enters their own time; it is sent as UTC
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QLocale().dateTimeFormat(QLocale::ShortFormat));
    edit->setEnabled(false);
    // Its editor is what a screen reader lands on: it says the same.
    if (auto* text = edit->findChild<QLineEdit*>())
        text->setAccessibleName(accessibleName);
    return edit;
}

QWidget* AuditTab::createFilters(const QList<client::CredentialsClient::Provider>& providers) {
    auto* filters = new QWidget(this);
    filters->setObjectName(QStringLiteral("auditFilters"));

    m_user = idEdit(QStringLiteral("auditUserFilter"), tr("User id"), tr("User id"), filters);
    m_action = choiceCombo(QStringLiteral("auditActionFilter"), tr("Action"), tr("All actions"),
                           AuditClient::actions(), filters);
    m_outcome = choiceCombo(QStringLiteral("auditOutcomeFilter"), tr("Outcome"), tr("Any outcome"),
                            AuditClient::outcomes(), filters);
    m_environment = new QComboBox(filters);
    m_environment->setObjectName(QStringLiteral("auditEnvironmentFilter"));
    m_environment->setAccessibleName(tr("Environment"));
    m_environment->addItem(tr("All environments"), QString());
    for (const QString& environment : AuditClient::environments())
        m_environment->addItem(environmentIcon(environment), environmentName(environment),
                               environment);
    m_provider = new QComboBox(filters);
    m_provider->setObjectName(QStringLiteral("auditProviderFilter"));
    m_provider->setAccessibleName(tr("Provider"));
    m_provider->addItem(tr("All providers"), QString());
    for (const client::CredentialsClient::Provider& provider : providers)
        m_provider->addItem(providerIcon(provider.id), provider.displayName, provider.id);
    m_credential = idEdit(QStringLiteral("auditCredentialFilter"), tr("Credential id"),
                          tr("Credential id"), filters);

    // A week up to now, once switched on: "who revealed a live key this week" is one filter.
    const QDateTime now = m_clock.now().toLocalTime();
    m_hasSince = new QCheckBox(tr("&From"), filters);
    m_hasSince->setObjectName(QStringLiteral("auditSinceCheck"));
    m_since = timeEdit(QStringLiteral("auditSinceEdit"), tr("From (local time)"), filters);
    m_since->setDateTime(now.addDays(-7));
    m_hasUntil = new QCheckBox(tr("&Until"), filters);
    m_hasUntil->setObjectName(QStringLiteral("auditUntilCheck"));
    m_until = timeEdit(QStringLiteral("auditUntilEdit"), tr("Until (local time)"), filters);
    m_until->setDateTime(now.addSecs(60));

    for (QComboBox* combo : {m_action, m_outcome, m_environment, m_provider})
        connect(combo, &QComboBox::currentIndexChanged, this, &AuditTab::applyFilters);
    for (QLineEdit* edit : {m_user, m_credential})
        connect(edit, &QLineEdit::textChanged, this, &AuditTab::applyFilters);
    connect(m_hasSince, &QCheckBox::toggled, m_since, &QWidget::setEnabled);
    connect(m_hasUntil, &QCheckBox::toggled, m_until, &QWidget::setEnabled);
    for (QCheckBox* check : {m_hasSince, m_hasUntil})
        connect(check, &QCheckBox::toggled, this, &AuditTab::applyFilters);
    for (QDateTimeEdit* edit : {m_since, m_until})
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, &AuditTab::applyFilters);

    auto* layout = new QGridLayout(filters);
    layout->setContentsMargins(0, 0, 0, 0);
    // Three to a row: six side by side need more than a window at 150 % has.
    layout->addWidget(m_action, 0, 0);
    layout->addWidget(m_outcome, 0, 1);
    layout->addWidget(m_environment, 0, 2);
    layout->addWidget(m_provider, 1, 0);
    layout->addWidget(m_user, 1, 1);
    layout->addWidget(m_credential, 1, 2);
    const auto pair = [](QWidget* check, QWidget* edit) {
        auto* row = new QHBoxLayout;
        row->addWidget(check);
        row->addWidget(edit, 1);
        return row;
    };
    layout->addLayout(pair(m_hasSince, m_since), 2, 0);
    layout->addLayout(pair(m_hasUntil, m_until), 2, 1);
    return filters;
}

QWidget* AuditTab::createDetails() {
    auto* details = new QWidget(this);
    details->setObjectName(QStringLiteral("auditDetails"));
    auto* form = new QFormLayout(details);
    const QList<QPair<QString, QString>> fields{
        {QStringLiteral("id"), tr("Event:")},
        {QStringLiteral("at"), tr("Time:")},
        {QStringLiteral("actor"), tr("Actor:")},
        {QStringLiteral("action"), tr("Action:")},
        {QStringLiteral("outcome"), tr("Outcome:")},
        {QStringLiteral("credential_id"), tr("Credential:")},
        {QStringLiteral("provider"), tr("Provider:")},
        {QStringLiteral("environment"), tr("Environment:")},
        {QStringLiteral("remote_addr"), tr("Address:")},
        {QStringLiteral("detail"), tr("Detail:")},
    };
    for (const auto& [field, label] : fields) {
        auto* value = new QLabel(details);
        value->setObjectName(QStringLiteral("auditDetail_") + field);
        value->setTextFormat(Qt::PlainText);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setWordWrap(true);
        form->addRow(label, value);
        m_details.insert(field, value);
    }
    // A long detail, or larger text, scrolls rather than squeezing the lines of its neighbours.
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("auditDetailsScroll"));
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(details);
    scroll->setMinimumWidth(28 * fontMetrics().averageCharWidth());
    return scroll;
}

AuditClient::Filter AuditTab::currentFilter() const {
    AuditClient::Filter filter;
    filter.userId = idIn(m_user);
    filter.action = m_action->currentData().toString();
    filter.outcome = m_outcome->currentData().toString();
    filter.environment = m_environment->currentData().toString();
    filter.provider = m_provider->currentData().toString();
    filter.credentialId = idIn(m_credential);
    if (m_hasSince->isChecked())
        filter.since = m_since->dateTime();
    if (m_hasUntil->isChecked())
        filter.until = m_until->dateTime();
    return filter;
}

void AuditTab::applyFilters() {
    // Before the tab is first shown the filters wait: showing it loads with them.
    if (m_model->hasStarted())
        m_model->setFilters(currentFilter().items());
}

void AuditTab::reload() {
    markLoaded();
    m_model->load(currentFilter().items());
}

void AuditTab::updateCount() {
    m_count->setText(countText(*m_model, tr("Matching events: %L1")));
}

void AuditTab::showDetails() {
    const std::optional<int> row = m_table->currentRow();
    const std::optional<AuditEvent> event = row ? m_model->value(*row) : std::nullopt;
    if (!event) {
        for (QLabel* label : std::as_const(m_details))
            label->clear();
        m_details.value(QStringLiteral("id"))->setText(tr("Select an event to see all of it."));
        return;
    }
    const auto set = [this](const QString& field, const QString& text) {
        m_details.value(field)->setText(text);
    };
    set(QStringLiteral("id"), QString::number(event->id));
    set(QStringLiteral("at"),
        tr("%1 (%2 UTC)").arg(localTimeText(event->at), event->at.toString(Qt::ISODate)));
    set(QStringLiteral("actor"),
        event->actor && event->actor->id
            ? tr("%1 (user id %2)").arg(AuditEventModel::actorText(*event)).arg(*event->actor->id)
            : AuditEventModel::actorText(*event));
    set(QStringLiteral("action"), event->action);
    set(QStringLiteral("outcome"), event->outcome);
    set(QStringLiteral("credential_id"), idText(event->credentialId));
    set(QStringLiteral("provider"),
        event->provider.isEmpty() ? QString() : m_model->providerText(event->provider));
    set(QStringLiteral("environment"),
        event->environment.isEmpty() ? QString() : environmentName(event->environment));
    set(QStringLiteral("remote_addr"), event->remoteAddr);
    set(QStringLiteral("detail"), event->detail);
}

// ---- export ------------------------------------------------------------------------------------

void AuditTab::chooseExportFile() {
    if (m_running)
        return; // one export at a time
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString name =
        tr("audit-log-%1.csv").arg(m_clock.now().toString(QStringLiteral("yyyyMMdd")));
    auto* chooser = new QFileDialog(this, tr("Export the Audit Log"), QDir(folder).filePath(name),
                                    FileField::filterFor(FileField::Kind::AuditExport));
    chooser->setObjectName(QStringLiteral("auditExportChooser"));
    chooser->setAcceptMode(QFileDialog::AcceptSave);
    chooser->setDefaultSuffix(FileField::suffixFor(FileField::Kind::AuditExport));
    connect(chooser, &QFileDialog::filterSelected, chooser, [chooser](const QString& filter) {
        chooser->setDefaultSuffix(filter.contains(QStringLiteral("*.jsonl"))
                                      ? QStringLiteral("jsonl")
                                      : FileField::suffixFor(FileField::Kind::AuditExport));
    });
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    connect(chooser, &QFileDialog::fileSelected, this, &AuditTab::startExport);
    chooser->open();
}

void AuditTab::startExport(const QString& path) {
    if (m_running || path.isEmpty())
        return;
    client::ListQuery query = m_model->query();
    query.filters = currentFilter().items();
    query.pageSize = m_exportPageSize;
    auto* job = new AuditExport(m_audit, query.target(AuditClient::EventsPath), path, this);
    m_running = job;

    auto* progress = new QProgressDialog(
        tr("Exporting the audit log to %1…").arg(QDir::toNativeSeparators(path)), tr("Cancel"), 0,
        0, this);
    progress->setObjectName(QStringLiteral("auditExportProgress"));
    progress->setWindowTitle(tr("Export the Audit Log"));
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    progress->setMinimumDuration(0);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    m_progress = progress;
    connect(progress, &QProgressDialog::canceled, job, &AuditExport::cancel);
    connect(job, &AuditExport::counted, progress,
            [progress](qint64 total) { progress->setMaximum(static_cast<int>(total)); });
    connect(job, &AuditExport::progressed, progress,
            [progress](qint64 written) { progress->setValue(static_cast<int>(written)); });
    connect(job, &AuditExport::failed, this, &AdminTab::failed);
    connect(job, &AuditExport::finished, this, &AuditTab::exportFinished);
    m_export->setEnabled(false);
    progress->open();
    job->start();
}

void AuditTab::exportFinished(bool complete, const QString& message) {
    if (m_progress) {
        disconnect(m_progress, &QProgressDialog::canceled, nullptr, nullptr);
        m_progress->close();
    }
    if (m_running)
        m_running->deleteLater();
    m_running = nullptr;
    m_export->setEnabled(true);
    if (complete)
        emit told(message);
    else
        m_verifyStatus->setStatus(message, true);
}

// ---- verification
// --------------------------------------------------------------------------------

void AuditTab::chooseCheckpoint() {
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    auto* chooser = new QFileDialog(this, tr("Verify against a Checkpoint"), folder,
                                    FileField::filterFor(FileField::Kind::AuditCheckpoint));
    chooser->setObjectName(QStringLiteral("auditCheckpointChooser"));
    chooser->setAcceptMode(QFileDialog::AcceptOpen);
    chooser->setFileMode(QFileDialog::ExistingFile);
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    connect(chooser, &QFileDialog::fileSelected, this, [this](const QString& path) {
        QString error;
        const auto checkpoint = AuditExport::readCheckpoint(path, error);
        if (!checkpoint)
            return m_verifyStatus->setStatus(error, true);
        verify(checkpoint);
    });
    chooser->open();
}

void AuditTab::verify(std::optional<AuditClient::Checkpoint> checkpoint) {
    m_verifyStatus->setStatus(tr("Verifying the audit log…"), false);
    m_verify->setEnabled(false);
    m_verifyCheckpoint->setEnabled(false);
    const bool withCheckpoint = checkpoint.has_value();
    QPointer<AuditTab> self(this);
    m_audit.verify(std::move(checkpoint),
                   [self, withCheckpoint](client::Result<AuditClient::Verification> result) {
                       if (!self)
                           return;
                       self->m_verify->setEnabled(true);
                       self->m_verifyCheckpoint->setEnabled(true);
                       if (!result.ok()) {
                           self->m_verifyStatus->setStatus(result.error.message, true);
                           return emit self->failed(result.error);
                       }
                       self->verified(*result.value, withCheckpoint);
                   });
}

void AuditTab::verified(const AuditClient::Verification& verification, bool withCheckpoint) {
    const int events = static_cast<int>(verification.events);
    if (verification.intact) {
        const QString text =
            withCheckpoint
                ? tr("The audit log is intact and holds every event up to the checkpoint: %n "
                     "event(s) checked.",
                     nullptr, events)
                : tr("The audit log is intact: %n event(s) checked, none changed, inserted or "
                     "removed.",
                     nullptr, events);
        m_verifyStatus->setStatus(text, false);
        emit told(text);
        return;
    }
    const qint64 broken = verification.firstBrokenId.value_or(0);
    m_verifyStatus->setStatus(
        tr("The audit log is NOT intact: it was changed at event %1 (%n event(s) checked). "
           "Events from %1 on cannot be trusted; keep this database as it is and tell whoever "
           "runs the server.",
           nullptr, events)
            .arg(broken),
        true);
    if (broken > 0)
        m_table->selectId(broken);
}

} // namespace paycred::ui
