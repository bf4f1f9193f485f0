#include "ui/keyview.h"

#include <QFontDatabase>
#include <QTextOption>

#include <algorithm>

namespace paycred::ui {

namespace {

// The same for every key: a mask that told the key's length would tell something of it.
const QString Mask(16, QChar(0x2022)); // •

} // namespace

KeyView::KeyView(const QString& objectName, const QString& accessibleName, QWidget* parent)
    : QPlainTextEdit(parent) {
    setObjectName(objectName);
    setAccessibleName(accessibleName);
    setReadOnly(true);
    setUndoRedoEnabled(false);
    setFont(monospace(font()));
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setWordWrapMode(QTextOption::WrapAnywhere);
    setTabChangesFocus(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    connect(this, &QPlainTextEdit::textChanged, this, &QWidget::updateGeometry);
}

QFont KeyView::monospace(const QFont& text) {
    QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (text.pointSizeF() > 0)
        fixed.setPointSizeF(text.pointSizeF());
    else
        fixed.setPixelSize(text.pixelSize());
    return fixed;
}

void KeyView::setKey(const QString& text) {
    display(text, false);
}

void KeyView::setMasked() {
    display(Mask, true);
}

void KeyView::forget() {
    display(QString(), true);
}

void KeyView::display(const QString& text, bool masked) {
    // Overwrite before replacing: the document's old blocks are freed, not cleared.
    const qsizetype length = toPlainText().size();
    if (length > 0)
        setPlainText(QString(length, u'x'));
    setPlainText(text);
    m_masked = masked;
    setTextInteractionFlags(masked ? Qt::NoTextInteraction
                                   : Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
}

int KeyView::lineCount(int width) const {
    const QFontMetrics metrics(font());
    const int margins = 2 * (frameWidth() + int(document()->documentMargin())) +
                        contentsMargins().left() + contentsMargins().right();
    const int perLine =
        std::max(1, (width - margins) / std::max(1, metrics.horizontalAdvance(u'M')));
    const qsizetype characters = std::max<qsizetype>(1, toPlainText().size());
    return int(std::clamp<qsizetype>((characters + perLine - 1) / perLine, 1, MaxLines));
}

int KeyView::heightForWidth(int width) const {
    const QFontMetrics metrics(font());
    // The text's own layout needs a few pixels beyond its lines' spacing (measured: 3 at 10 pt);
    // short of them the view scrolls.
    const int slack = metrics.lineSpacing() / 4 + 1;
    return lineCount(width) * metrics.lineSpacing() + slack +
           2 * (frameWidth() + int(document()->documentMargin())) + contentsMargins().top() +
           contentsMargins().bottom();
}

QSize KeyView::sizeHint() const {
    const QFontMetrics metrics(font());
    const int width = WidthChars * metrics.horizontalAdvance(u'M') +
                      2 * (frameWidth() + int(document()->documentMargin()));
    return {width, heightForWidth(width)};
}

QSize KeyView::minimumSizeHint() const {
    const QFontMetrics metrics(font());
    const int width = 16 * metrics.horizontalAdvance(u'M');
    return {width, heightForWidth(width)};
}

} // namespace paycred::ui
