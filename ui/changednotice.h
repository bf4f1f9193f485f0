#pragma once

#include <QWidget>

class QPushButton;

namespace paycred::ui {

class FieldError;

// ChangedNotice: says that someone else changed the credential after the dialog opened (the
// server answered 412), with the button that reloads it. Hidden until shown.
class ChangedNotice : public QWidget {
    Q_OBJECT
public:
    // `message`: what happened and what to do, in the dialog's words.
    ChangedNotice(const QString& message, QWidget* parent);

    void showNotice();
    void hideNotice();
    bool isShown() const { return !isHidden(); }

signals:
    void reloadClicked();

private:
    FieldError* m_message;
    QPushButton* m_reload;
};

} // namespace paycred::ui
