#pragma once

#include <QStringView>

namespace paycred {

// UnicodeText: text measured as people count it — in Unicode code points, so a character
// outside the Basic Multilingual Plane (an emoji, a surrogate pair in UTF-16) counts once —
// and checked to be Unicode at all.
class UnicodeText {
public:
    static qsizetype codePoints(QStringView text);
    // False when `text` holds a lone or reversed surrogate: UTF-16 that stands for no
    // character, which UTF-8 cannot hold and a conversion would silently replace.
    static bool isWellFormed(QStringView text);
};

} // namespace paycred
