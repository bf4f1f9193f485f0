#include "ui/filefield.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace paycred::ui {

FileField::FileField(const QString& editName, Kind kind, Mode mode, const Texts& texts,
                     QWidget* parent)
    : QWidget(parent)
    , m_kind(kind)
    , m_mode(mode)
    , m_title(texts.title)
    , m_edit(new QLineEdit(this))
    , m_browse(new QPushButton(texts.browse, this)) {
    m_edit->setObjectName(editName);
    m_edit->setAccessibleName(texts.name);
    m_browse->setObjectName(editName + QStringLiteral("Browse"));
    m_browse->setAccessibleName(texts.browseName);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit);
    layout->addWidget(m_browse);
    setFocusProxy(m_edit);

    connect(m_browse, &QPushButton::clicked, this, &FileField::browse);
}

QString FileField::path() const {
    return QDir::fromNativeSeparators(m_edit->text().trimmed());
}

void FileField::setPath(const QString& path) {
    m_edit->setText(QDir::toNativeSeparators(path));
}

QString FileField::filterFor(Kind kind) {
    switch (kind) {
    case Kind::Backup:
        return tr("PayCred backups (*.paycred-backup);;All files (*)");
    case Kind::Vault:
        return tr("PayCred vaults (*.paycred);;All files (*)");
    case Kind::AuditExport:
        return tr("CSV files (*.csv);;JSON Lines files (*.jsonl)");
    case Kind::AuditCheckpoint:
        return tr("Audit log checkpoints (*.checkpoint.json);;All files (*)");
    }
    return {};
}

QString FileField::suffixFor(Kind kind) {
    switch (kind) {
    case Kind::Backup:
        return QStringLiteral("paycred-backup");
    case Kind::Vault:
        return QStringLiteral("paycred");
    case Kind::AuditExport:
        return QStringLiteral("csv");
    case Kind::AuditCheckpoint:
        return QStringLiteral("checkpoint.json");
    }
    return {};
}

void FileField::browse() {
    auto* chooser = new QFileDialog(this, m_title, m_edit->text(), filterFor(m_kind));
    chooser->setObjectName(m_edit->objectName() + QStringLiteral("Chooser"));
    if (m_mode == Mode::Save) {
        chooser->setAcceptMode(QFileDialog::AcceptSave);
        chooser->setDefaultSuffix(suffixFor(m_kind));
    } else {
        chooser->setAcceptMode(QFileDialog::AcceptOpen);
        chooser->setFileMode(QFileDialog::ExistingFile);
    }
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    connect(chooser, &QFileDialog::fileSelected, this, &FileField::setPath);
    chooser->open();
}

} // namespace paycred::ui
