#pragma once

#include <QLabel>
#include <QString>

namespace paycred::ui {

// FieldError: the red sentence under a form field (or under a whole form) saying what is wrong
// with it; it takes no room while there is nothing to say.
class FieldError : public QLabel {
    Q_OBJECT
public:
    explicit FieldError(const QString& objectName, QWidget* parent = nullptr);
    // With the name assistive tools read out ("Passphrase error").
    FieldError(const QString& objectName, const QString& accessibleName, QWidget* parent);

    // Shows `message`, or hides the label when it is empty.
    void setMessage(const QString& message);
    QString message() const { return text(); }
    bool hasMessage() const { return !text().isEmpty(); }
    void clearMessage() { setMessage({}); }
};

} // namespace paycred::ui
