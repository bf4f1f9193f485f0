#pragma once

#include <QCoreApplication>
#include <QString>

namespace paycred::ui {

// PasswordStrength: a quick, offline rating of a new password (weak / fair / good / strong) with
// one hint on how to make it better, so a user choosing the vault's password sees the trouble
// while typing. A guide only: the vault itself enforces its rules.
class PasswordStrength {
    Q_DECLARE_TR_FUNCTIONS(PasswordStrength)
public:
    enum class Rating { Empty, Weak, Fair, Good, Strong };

    struct Assessment {
        Rating rating = Rating::Empty;
        int score = 0; // 0..100
        QString hint;  // what would make it stronger; empty when nothing needs saying
    };

    // The minimum length the login window asks for a new vault password.
    static constexpr int MinimumLength = 12;

    static Assessment assess(const QString& password);
    // "weak", "fair", "good", "strong" (translated); empty for Rating::Empty.
    static QString ratingName(Rating rating);
    // "Strength: good. Add a symbol or a digit." — for the live label.
    static QString describe(const Assessment& assessment);

private:
    static int characterClasses(const QString& password);
    static bool isCommonPattern(const QString& lower);
    static bool hasLongRun(const QString& password);
};

} // namespace paycred::ui
