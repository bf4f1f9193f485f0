#pragma once

#include <QObject>

class QWidget;

namespace paycred::ui {

// WindowFit: keeps a window as large as its content needs — at least `widthChars` average
// characters wide (so the width follows the font: larger text at 150 %, a longer translation)
// and as tall as its layout needs at that width, wrapped labels included (heightForWidth) —
// growing it whenever its content changes (an error appears under the form, a warning is shown),
// never shrinking what the user made larger. One mechanism for every dialog, instead of a fixed
// width in pixels each. Owned by the window it fits.
class WindowFit : public QObject {
    Q_OBJECT
public:
    // Fits `window` (which has its layout set) from now on.
    static void apply(QWidget* window, int widthChars);

    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    WindowFit(QWidget* window, int widthChars);
    void fitLater();
    void fit();

    QWidget* m_window;
    int m_widthChars;
    bool m_pending = false;
};

} // namespace paycred::ui
