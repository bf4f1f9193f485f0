#pragma once

#include <QMessageBox>

#include <functional>

class QPushButton;

namespace paycred::ui {

// ConfirmationBox: the question before an action that cannot be undone — what it does, what
// follows, a button named after the action (`<name>Button`) and Cancel (`cancel<Name>Button`,
// the default, also on Esc). Opened with open(); deletes itself when closed; confirmed() only when
// the action's button was pressed.
class ConfirmationBox : public QMessageBox {
    Q_OBJECT
public:
    struct Question {
        QString objectName;  // "confirmDeleteUserBox"
        QString buttonName;  // "confirmDeleteUserButton"
        QString title;       // "Delete user"
        QString text;        // "Delete the user wanjiku?"
        QString consequence; // the informative text: what follows
        QString actionText;  // "Delete"
    };

    ConfirmationBox(const Question& question, QWidget* parent);

    // Opens it window-modal; `confirmed` runs when the action's button was pressed.
    static ConfirmationBox* ask(const Question& question, QWidget* parent,
                                std::function<void()> confirmed);

signals:
    void confirmed();

private:
    QPushButton* m_action;
};

} // namespace paycred::ui
