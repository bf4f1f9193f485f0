#pragma once

#include <QString>
#include <QWidget>

class QLineEdit;
class QPushButton;

namespace paycred::ui {

// FileField: a file's path, typed or chosen with its Browse… button (a QFileDialog opened with
// open(), never exec()). The edit carries `editName` as its objectName, the button
// `editName + "Browse"` and the chooser `editName + "Chooser"`; path() comes back with '/'.
class FileField : public QWidget {
    Q_OBJECT
public:
    // What the file holds: it sets the chooser's filter and the suffix a named file gets.
    enum class Kind { Backup, Vault, AuditExport, AuditCheckpoint };
    // Open: an existing file is picked. Save: a file is named, which need not exist yet.
    enum class Mode { Open, Save };

    // The file chooser's filter for a kind of file ("PayCred vaults (*.paycred);;All files (*)").
    static QString filterFor(Kind kind);
    // The suffix a file of that kind is given when it is named without one ("paycred-backup").
    static QString suffixFor(Kind kind);

    // What the dialog the field is in says about it (in its own words and mnemonics).
    struct Texts {
        QString name;       // read out for the edit: "Backup file"
        QString browse;     // the button, its mnemonic unique in the dialog: "&Browse…"
        QString browseName; // read out for the button: "Choose the backup file"
        QString title;      // the chooser's title: "Save the Backup As"
    };

    FileField(const QString& editName, Kind kind, Mode mode, const Texts& texts,
              QWidget* parent = nullptr);

    QLineEdit* edit() const { return m_edit; }
    QPushButton* browseButton() const { return m_browse; }
    // What was typed or chosen, trimmed, with '/' separators; empty when nothing was.
    QString path() const;
    // Shows `path` with the platform's separators.
    void setPath(const QString& path);
    // Opens the chooser at the current path (the Browse… button does).
    void browse();

private:
    Kind m_kind;
    Mode m_mode;
    QString m_title;
    QLineEdit* m_edit;
    QPushButton* m_browse;
};

} // namespace paycred::ui
