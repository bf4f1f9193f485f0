#pragma once

#include "core/client/apierror.h"
#include "core/client/auditclient.h"

#include <QByteArray>
#include <QObject>
#include <QSaveFile>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace paycred::ui {

// AuditExport: the audit log as the tab filters it, written to a file page by page, never
// blocking — CSV (cells a spreadsheet would run as a formula neutralised) or JSON Lines (one event
// a line, the API's fields, times in UTC). The chain's head is taken first and written beside the
// export as its checkpoint. Nothing is left on disk unless the whole export was written: the file
// is a QSaveFile, committed at the end; a cancelled or failed export discards it.
class AuditExport : public QObject {
    Q_OBJECT
public:
    enum class Format { Csv, JsonLines };

    // `firstPage`: the first page's target (the tab's filters and order).
    AuditExport(client::AuditClient& audit, QByteArray firstPage, QString path,
                QObject* parent = nullptr);
    ~AuditExport() override;

    void start();
    // Stops it; no file is left. finished() follows at once.
    void cancel();

    QString path() const { return m_path; }
    Format format() const { return m_format; }
    qint64 written() const { return m_written; }

    // ".jsonl" (or ".ndjson"): JSON Lines; anything else CSV.
    static Format formatFor(const QString& path);
    // "<folder>/<name>.checkpoint.json" beside "<folder>/<name>.csv".
    static QString checkpointPath(const QString& path);
    // The checkpoint a checkpoint file holds; nothing (and `error` says why) when it is not one.
    static std::optional<client::AuditClient::Checkpoint> readCheckpoint(const QString& path,
                                                                         QString& error);
    // A cell a spreadsheet would take for a formula (=, +, -, @, tab, CR first) behind a quote.
    static QString neutralised(const QString& cell);
    // One CSV record (RFC 4180 quoting, CRLF at the end), each cell neutralised.
    static QByteArray csvRecord(const QStringList& cells);

signals:
    // The first page came: how many events match.
    void counted(qint64 total);
    void progressed(qint64 written);
    // Over: `complete` when the export and its checkpoint were written; otherwise nothing was.
    void finished(bool complete, const QString& message);
    void failed(const client::ApiError& error);

private:
    void headTaken(const client::Result<client::AuditClient::Verification>& result);
    void fetch(const QByteArray& target);
    void pageArrived(client::Result<client::ListPage<client::AuditEvent>> result);
    bool write(const QByteArray& bytes);
    void complete();
    void abandon(const QString& message);
    bool writeCheckpoint(QString& error) const;

    client::AuditClient& m_audit;
    QByteArray m_firstPage;
    QString m_path;
    Format m_format;
    std::unique_ptr<QSaveFile> m_file;
    std::optional<client::AuditClient::Verification> m_head;
    bool m_first = true;
    bool m_over = false;
    qint64 m_written = 0;
};

} // namespace paycred::ui
