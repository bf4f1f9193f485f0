#pragma once

#include <QString>
#include <QWidget>

#include <optional>

class QLabel;
class QLayout;
class QPushButton;
class QVBoxLayout;

namespace paycred::ui {

class FieldError;
class PasswordField;

// KeyEntry: the body of a dialog that sends one private key for one credential (to replace it,
// to verify it): what the dialog does, the masked key with its caption and its error, a line for
// what went wrong otherwise, and the button row with its busy note. The dialog sends the key.
class KeyEntry : public QWidget {
    Q_OBJECT
public:
    // What sending does to the dialog: Finish closes it once the server agreed (a Cancel button
    // beside it); Repeat keeps it open for the next key (a Close button beside it).
    enum class Action { Finish, Repeat };

    // What the dialog says, in its own words and mnemonics.
    struct Texts {
        QString intro;    // what the dialog does, for which credential
        QString caption;  // the key's caption: "New &private key:"
        QString keyName;  // read out for the key: "New private key"
        QString missing;  // said under the key when none was typed: "Enter the new private key."
        QString busy;     // while the server works: "Saving…"
        QString send;     // the button that sends the key: "&Replace"
        QString sendName; // read out for it: "Replace the private key"
    };
    // The button that sends: its objectName ("saveButton") and icon (":/icons/verify.svg").
    struct SendButton {
        QString objectName;
        QString icon;
    };

    KeyEntry(Action action, const Texts& texts, const SendButton& send, QWidget* parent);
    ~KeyEntry() override;

    // Below the key's error: what the dialog shows about the last answer.
    void addDetail(QLayout* detail);
    // Clears the errors; with a key typed, marks the entry busy and hands the key over (the field
    // is emptied); without one, says so under the field and gives nothing. Nothing while busy.
    std::optional<QString> start();
    bool isBusy() const { return m_busy; }
    void setBusy(bool busy);
    // What is wrong with the key (the field gets the focus), or with the request as a whole.
    void showKeyError(const QString& message);
    void showFormError(const QString& message);
    // Empties the key and the errors (the dialog closes).
    void clear();

signals:
    void sendClicked();
    void dismissClicked();

private:
    QString m_missing;
    QVBoxLayout* m_layout;
    PasswordField* m_key;
    FieldError* m_keyError;
    FieldError* m_formError;
    QLabel* m_busyLabel;
    QPushButton* m_sendButton;
    bool m_busy = false;
};

} // namespace paycred::ui
