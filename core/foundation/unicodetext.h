#pragma once

#include <QStringView>

namespace paycred {

// UnicodeText: text measured as people count it — in Unicode code points, so a character
// outside the Basic Multilingual Plane (an emoji, a surrogate pair in UTF-16) counts once.
class UnicodeText {
public:
    static qsizetype codePoints(QStringView text);
};

} // namespace paycred
