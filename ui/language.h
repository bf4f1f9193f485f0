#pragma once

#include <QList>
#include <QLocale>
#include <QString>

class QCoreApplication;

namespace paycred::ui {

// Language: the languages the app speaks, and putting one into effect — our catalogue, Qt's own
// (the system's, else the one compiled in), and the default QLocale, so numbers and dates follow
// the words. Codes: "" the system's language, "en", "sw", "fr".
class Language {
public:
    struct Choice {
        QString code;
        QString name; // in its own language ("Kiswahili", "Français"); empty for the system's
    };

    // The choices Preferences offers, the system's first.
    static QList<Choice> choices();
    // Whether `code` is one of choices().
    static bool isKnown(const QString& code);
    // The locale a choice means on a system whose locale is `system`: the system's own for "" (or
    // the system's language), else the chosen language in the system's country where Qt knows
    // that pair, else in its usual country (sw: Kenya).
    static QLocale localeFor(const QString& code, const QLocale& system = QLocale::system());
    // The name of the language `locale` is shown in: one of choices(), English when the app has
    // no catalogue for it.
    static QString nameOf(const QLocale& locale);

    // Installs the translators for `locale` on `app` (parented to it) and makes it the default
    // QLocale. Returns false when the app has no catalogue for it (it then speaks English).
    static bool install(QCoreApplication& app, const QLocale& locale);
};

} // namespace paycred::ui
