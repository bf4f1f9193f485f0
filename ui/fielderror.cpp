#include "ui/fielderror.h"

#include <QPalette>

namespace paycred::ui {

FieldError::FieldError(const QString& objectName, QWidget* parent)
    : QLabel(parent) {
    setObjectName(objectName);
    setAccessibleName(tr("Error"));
    setWordWrap(true);
    // Selectable so a user can copy the server's sentence into a support request.
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setTextFormat(Qt::PlainText);
    // A palette, not a style sheet: it follows the style and stays readable in dark themes.
    QPalette colours = palette();
    colours.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    setPalette(colours);
    setVisible(false);
}

FieldError::FieldError(const QString& objectName, const QString& accessibleName, QWidget* parent)
    : FieldError(objectName, parent) {
    setAccessibleName(accessibleName);
}

void FieldError::setMessage(const QString& message) {
    setText(message);
    // Assistive technology reads the description, not the painted text.
    setAccessibleDescription(message);
    setVisible(!message.isEmpty());
}

} // namespace paycred::ui
