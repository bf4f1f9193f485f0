#include "core/foundation/unicodetext.h"

namespace paycred {

qsizetype UnicodeText::codePoints(QStringView text) {
    // A surrogate pair counts once; a lone surrogate counts as the one character it stands for
    // (as QString::toUcs4() counts it). The text is never copied: it may be a key.
    qsizetype count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
            ++i;
        ++count;
    }
    return count;
}

bool UnicodeText::isWellFormed(QStringView text) {
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i].isLowSurrogate())
            return false;
        if (!text[i].isHighSurrogate())
            continue;
        if (i + 1 == text.size() || !text[i + 1].isLowSurrogate())
            return false;
        ++i;
    }
    return true;
}

} // namespace paycred
