#pragma once

#include <QLabel>
#include <QString>

namespace paycred::ui {

// StatusLabel: the sentence under a dialog that runs a long task, saying how it ended or why it
// cannot start (red for an error); selectable, and it takes no room while there is nothing to say.
class StatusLabel : public QLabel {
    Q_OBJECT
public:
    explicit StatusLabel(QWidget* parent);

    // Shows `text` (hides the label when it is empty), in red when it is an error.
    void setStatus(const QString& text, bool error);
    void clearStatus() { setStatus({}, false); }
};

} // namespace paycred::ui
