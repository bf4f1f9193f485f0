#pragma once

#include <QFont>
#include <QPlainTextEdit>

namespace paycred::ui {

// KeyView: a key shown whole, read-only: monospace, wrapped at any character, as tall as its
// lines at the width it gets (up to MaxLines, then it scrolls), so a 255-character key is never
// cut off and a short one takes one line. No undo history (it would keep copies of the text).
// masked() shows a fixed row of dots instead, which says nothing of the key, not even its length.
class KeyView : public QPlainTextEdit {
    Q_OBJECT
public:
    static constexpr int WidthChars = 48; // what sizeHint() asks room for on one line
    static constexpr int MaxLines = 6;

    KeyView(const QString& objectName, const QString& accessibleName, QWidget* parent);

    // The monospace font secrets are shown in, at the size of `text` (the system's fixed font has
    // a size of its own, which would not follow a larger font).
    static QFont monospace(const QFont& text);

    // Shows `text`, selectable; the caller wipes its own copy.
    void setKey(const QString& text);
    // The dots; the previous text is overwritten in the widget first.
    void setMasked();
    bool isMasked() const { return m_masked; }
    // Empties it (the dialog is closing).
    void forget();

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

private:
    void display(const QString& text, bool masked);
    int lineCount(int width) const;

    bool m_masked = false;
};

} // namespace paycred::ui
