#include "ui/passwordstrength.h"

#include <QSet>
#include <QStringList>

#include <algorithm>
#include <array>

namespace paycred::ui {

namespace {

// Words and keyboard walks that guessers try first. Small on purpose: a hint, not a dictionary.
const std::array<const char*, 24> CommonPieces = {
    "password", "passw0rd", "p@ssword", "123456", "654321",   "qwerty", "azerty", "asdfgh",
    "zxcvbn",   "letmein",  "welcome",  "admin",  "iloveyou", "monkey", "dragon", "abc123",
    "111111",   "000000",   "paycred",  "secret", "login",    "master", "qwertz", "changeme"};

} // namespace

PasswordStrength::Assessment PasswordStrength::assess(const QString& password) {
    Assessment result;
    if (password.isEmpty())
        return result;

    const int length = int(password.size());
    const int classes = characterClasses(password);
    const QString lower = password.toLower();
    const int distinct = int(QSet<QChar>(password.cbegin(), password.cend()).size());

    int score = std::min(length, 24) * 3 + (classes - 1) * 8;
    if (length >= 20)
        score += 10;
    const bool common = isCommonPattern(lower);
    const bool repetitive = hasLongRun(password) || distinct * 3 < length;
    if (common)
        score -= 30;
    if (repetitive)
        score -= 20;
    result.score = std::clamp(score, 0, 100);

    if (length < MinimumLength || result.score < 40)
        result.rating = Rating::Weak;
    else if (result.score < 60)
        result.rating = Rating::Fair;
    else if (result.score < 80)
        result.rating = Rating::Good;
    else
        result.rating = Rating::Strong;

    if (length < MinimumLength)
        result.hint = tr("Use at least %n characters.", nullptr, MinimumLength);
    else if (common)
        result.hint = tr("Avoid common words and keyboard patterns such as \"password\" or "
                         "\"qwerty\".");
    else if (repetitive)
        result.hint = tr("Avoid repeating the same characters.");
    else if (result.rating != Rating::Strong && length < 20)
        result.hint = tr("A longer password, such as a few unrelated words, is stronger.");
    else if (result.rating != Rating::Strong && classes < 3)
        result.hint = tr("Mix in capitals, digits or symbols.");
    return result;
}

QString PasswordStrength::ratingName(Rating rating) {
    switch (rating) {
    case Rating::Empty:
        return {};
    case Rating::Weak:
        return tr("weak");
    case Rating::Fair:
        return tr("fair");
    case Rating::Good:
        return tr("good");
    case Rating::Strong:
        return tr("strong");
    }
    return {};
}

QString PasswordStrength::describe(const Assessment& assessment) {
    if (assessment.rating == Rating::Empty)
        return {};
    const QString rating = tr("Strength: %1.").arg(ratingName(assessment.rating));
    return assessment.hint.isEmpty() ? rating : rating + u' ' + assessment.hint;
}

int PasswordStrength::characterClasses(const QString& password) {
    bool lower = false;
    bool upper = false;
    bool digit = false;
    bool other = false;
    for (const QChar c : password) {
        if (c.isLower())
            lower = true;
        else if (c.isUpper())
            upper = true;
        else if (c.isDigit())
            digit = true;
        else
            other = true;
    }
    return int(lower) + int(upper) + int(digit) + int(other);
}

bool PasswordStrength::isCommonPattern(const QString& lower) {
    for (const char* piece : CommonPieces) {
        if (lower.contains(QLatin1String(piece)))
            return true;
    }
    // Runs of consecutive characters ("abcd", "4321") are as guessable as a common word.
    int ascending = 1;
    int descending = 1;
    for (qsizetype i = 1; i < lower.size(); ++i) {
        const int step = lower.at(i).unicode() - lower.at(i - 1).unicode();
        ascending = step == 1 ? ascending + 1 : 1;
        descending = step == -1 ? descending + 1 : 1;
        if (ascending >= 4 || descending >= 4)
            return true;
    }
    return false;
}

bool PasswordStrength::hasLongRun(const QString& password) {
    int run = 1;
    for (qsizetype i = 1; i < password.size(); ++i) {
        run = password.at(i) == password.at(i - 1) ? run + 1 : 1;
        if (run >= 3)
            return true;
    }
    return false;
}

} // namespace paycred::ui
