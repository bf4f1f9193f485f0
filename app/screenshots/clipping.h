#pragma once

#include <QStringList>

class QWidget;

// The texts `window` shows with less room than they need, one sentence each: a label shorter than
// its wrapped lines (heightForWidth) or narrower than its one line, a button, check box or radio
// button narrower than its text, a group box's title, an elided tab, a table header cut short, a
// table column narrower than its cells, an empty field narrower than its placeholder, a key view
// that scrolls (a key is shown whole).
// Only what is visible counts; a tool button showing its icon alone has no text to clip.
QStringList clippedTexts(const QWidget* window);
