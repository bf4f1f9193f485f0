#pragma once

#include <QSet>
#include <QString>

namespace paycred::uitest {

// ReviewedTranslations: tests/ui/translations_identical.txt, the translations that are rightly
// their English source (a name, a word the language shares), each one reviewed. A line is
// "catalogue<TAB>context<TAB>source"; '#' starts a comment. Read by tst_translations (the
// catalogues) and tst_languages (the windows).
class ReviewedTranslations {
public:
    // Every line as it stands; `error` set when the file cannot be read.
    static QSet<QString> lines(QString* error);
    // The line a catalogue's message would have ("paycred_fr.ts", context, source).
    static QString line(const QString& catalogue, const QString& context, const QString& source);
    // The sources reviewed for language `code` ("fr"): in paycred_<code>.ts or qtbase_<code>.ts.
    static QSet<QString> sourcesFor(const QString& code, QString* error);
    // Whether a text has anything to translate: letters once its placeholders are gone.
    static bool hasWords(const QString& text);
};

} // namespace paycred::uitest
