#include "ui/auditexport.h"

#include "core/client/apijson.h"
#include "ui/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QRegularExpression>

namespace paycred::ui {

namespace {

const QString CheckpointSuffix = QStringLiteral(".checkpoint.json");

} // namespace

AuditExport::AuditExport(client::AuditClient& audit, QByteArray firstPage, QString path,
                         QObject* parent)
    : QObject(parent)
    , m_audit(audit)
    , m_firstPage(std::move(firstPage))
    , m_path(std::move(path))
    , m_format(formatFor(m_path)) {}

AuditExport::~AuditExport() {
    if (m_file)
        m_file->cancelWriting();
}

AuditExport::Format AuditExport::formatFor(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("jsonl") || suffix == QLatin1String("ndjson") ? Format::JsonLines
                                                                                 : Format::Csv;
}

QString AuditExport::checkpointPath(const QString& path) {
    const QFileInfo file(path);
    return file.dir().filePath(file.completeBaseName() + CheckpointSuffix);
}

QString AuditExport::neutralised(const QString& cell) {
    static const QString formulaStarts = QStringLiteral("=+-@\t\r");
    if (!cell.isEmpty() && formulaStarts.contains(cell.front()))
        return QLatin1Char('\'') + cell;
    return cell;
}

QByteArray AuditExport::csvRecord(const QStringList& cells) {
    QStringList quoted;
    for (const QString& cell : cells) {
        QString text = neutralised(cell);
        static const QRegularExpression special(QStringLiteral("[\",\\r\\n]"));
        if (text.contains(special))
            text = QLatin1Char('"') + text.replace(QLatin1Char('"'), QStringLiteral("\"\"")) +
                   QLatin1Char('"');
        quoted << text;
    }
    return quoted.join(QLatin1Char(',')).toUtf8() + "\r\n";
}

std::optional<client::AuditClient::Checkpoint> AuditExport::readCheckpoint(const QString& path,
                                                                           QString& error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error =
            tr("%1 cannot be read: %2.").arg(QDir::toNativeSeparators(path), file.errorString());
        return std::nullopt;
    }
    const QJsonObject object = QJsonDocument::fromJson(file.read(64 * 1024)).object();
    const auto id = client::apijson::positiveId(object.value(QStringLiteral("id")));
    const QString mac = object.value(QStringLiteral("mac")).toString();
    static const QRegularExpression hex(QStringLiteral("^[0-9a-fA-F]{64}$"));
    if (!id || !hex.match(mac).hasMatch()) {
        error = tr("%1 is not a checkpoint of the audit log (it needs an \"id\" and a \"mac\" of "
                   "64 hexadecimal digits). Choose the .checkpoint.json file written beside an "
                   "export.")
                    .arg(QDir::toNativeSeparators(path));
        return std::nullopt;
    }
    return client::AuditClient::Checkpoint{*id, mac.toLower()};
}

void AuditExport::start() {
    m_file = std::make_unique<QSaveFile>(m_path);
    if (!m_file->open(QIODevice::WriteOnly)) {
        const QString reason = m_file->errorString();
        m_file.reset();
        return abandon(tr("%1 cannot be written: %2. Choose another folder and export again.")
                           .arg(QDir::toNativeSeparators(m_path), reason));
    }
    if (m_format == Format::Csv && !write(csvRecord(client::AuditEvent::fieldNames())))
        return;
    // The head first: every event the export holds is then covered by the checkpoint.
    QPointer<AuditExport> self(this);
    m_audit.verify(std::nullopt, [self](client::Result<client::AuditClient::Verification> result) {
        if (self && !self->m_over)
            self->headTaken(result);
    });
}

void AuditExport::headTaken(const client::Result<client::AuditClient::Verification>& result) {
    if (!result.ok()) {
        emit failed(result.error);
        return abandon(tr("The export stopped: %1").arg(result.error.message));
    }
    m_head = *result.value;
    fetch(m_firstPage);
}

void AuditExport::fetch(const QByteArray& target) {
    QPointer<AuditExport> self(this);
    m_audit.events(target, [self](client::Result<client::ListPage<client::AuditEvent>> result) {
        if (self && !self->m_over)
            self->pageArrived(std::move(result));
    });
}

void AuditExport::pageArrived(client::Result<client::ListPage<client::AuditEvent>> result) {
    if (!result.ok()) {
        emit failed(result.error);
        return abandon(tr("The export stopped: %1").arg(result.error.message));
    }
    const client::ListPage<client::AuditEvent>& page = *result.value;
    if (m_first) {
        m_first = false;
        emit counted(page.count.value_or(page.results.size()));
    }
    QByteArray bytes;
    for (const client::AuditEvent& event : page.results)
        bytes += m_format == Format::Csv
                     ? csvRecord(event.cells())
                     : QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact) + '\n';
    if (!write(bytes))
        return;
    m_written += page.results.size();
    emit progressed(m_written);
    if (page.next.isEmpty())
        return complete();
    fetch(page.next);
}

bool AuditExport::write(const QByteArray& bytes) {
    if (m_file->write(bytes) == bytes.size())
        return true;
    abandon(tr("%1 could not be written: %2. Free some space or choose another folder, then "
               "export again.")
                .arg(QDir::toNativeSeparators(m_path), m_file->errorString()));
    return false;
}

bool AuditExport::writeCheckpoint(QString& error) const {
    const client::AuditClient::Checkpoint& head = *m_head->head;
    QSaveFile file(checkpointPath(m_path));
    const QJsonObject checkpoint{
        {QStringLiteral("id"), head.id},
        {QStringLiteral("mac"), head.mac},
        {QStringLiteral("events"), m_head->events},
        {QStringLiteral("export"), QFileInfo(m_path).fileName()},
    };
    if (file.open(QIODevice::WriteOnly) && file.write(QJsonDocument(checkpoint).toJson()) >= 0 &&
        file.commit())
        return true;
    error = file.errorString();
    return false;
}

void AuditExport::complete() {
    m_over = true;
    const bool hasHead = m_head && m_head->intact && m_head->head;
    if (!m_file->commit()) {
        const QString reason = m_file->errorString();
        m_file.reset();
        emit finished(false, tr("%1 could not be written: %2. Choose another folder and export "
                                "again.")
                                 .arg(QDir::toNativeSeparators(m_path), reason));
        return;
    }
    m_file.reset();
    const QString file = QDir::toNativeSeparators(m_path);
    const int count = static_cast<int>(m_written);
    if (!hasHead) {
        const QString why =
            m_head && !m_head->intact
                ? tr("the audit log is not intact from event %1 on, so no checkpoint was "
                     "written. Press Verify log for the details.")
                      .arg(m_head->firstBrokenId.value_or(0))
                : tr("the audit log is empty, so there is no checkpoint to write.");
        emit finished(true, tr("%n event(s) exported to %1; %2", nullptr, count).arg(file, why));
        return;
    }
    QString error;
    if (!writeCheckpoint(error)) {
        emit finished(true, tr("%n event(s) exported to %1, but its checkpoint could not be "
                               "written: %2. Export again to another folder.",
                               nullptr, count)
                                .arg(file, error));
        return;
    }
    emit finished(true, tr("%n event(s) exported to %1, with its checkpoint in %2. Keep the "
                           "checkpoint apart: it shows later whether newer events were removed.",
                           nullptr, count)
                            .arg(file, QDir::toNativeSeparators(checkpointPath(m_path))));
}

void AuditExport::cancel() {
    if (m_over)
        return;
    abandon(tr("The export was cancelled: no file was written."));
}

void AuditExport::abandon(const QString& message) {
    m_over = true;
    if (m_file) {
        m_file->cancelWriting();
        m_file.reset();
    }
    qCInfo(lcUi) << "audit export abandoned";
    emit finished(false, message);
}

} // namespace paycred::ui
