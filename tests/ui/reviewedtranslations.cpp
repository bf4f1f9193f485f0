#include "tests/ui/reviewedtranslations.h"

#include <QFile>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

namespace paycred::uitest {

QSet<QString> ReviewedTranslations::lines(QString* error) {
    QFile file(QStringLiteral(PAYCRED_REVIEWED_IDENTICAL));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = file.errorString();
        return {};
    }
    QSet<QString> lines;
    for (const QString& line : QString::fromUtf8(file.readAll()).split(u'\n')) {
        if (!line.isEmpty() && !line.startsWith(u'#'))
            lines.insert(line);
    }
    return lines;
}

QString ReviewedTranslations::line(const QString& catalogue, const QString& context,
                                   const QString& source) {
    return catalogue + u'\t' + context + u'\t' + source;
}

QSet<QString> ReviewedTranslations::sourcesFor(const QString& code, QString* error) {
    const QStringList catalogues = {QStringLiteral("paycred_%1.ts").arg(code),
                                    QStringLiteral("qtbase_%1.ts").arg(code)};
    QSet<QString> sources;
    for (const QString& line : lines(error)) {
        const QStringList fields = line.split(u'\t');
        if (fields.size() == 3 && catalogues.contains(fields[0]))
            sources.insert(fields[2]);
    }
    return sources;
}

bool ReviewedTranslations::hasWords(const QString& text) {
    static const QRegularExpression marker(QStringLiteral("%(?:n|L?\\d+)"));
    QString rest = text;
    rest.remove(marker);
    return std::any_of(rest.begin(), rest.end(), [](QChar c) { return c.isLetter(); });
}

} // namespace paycred::uitest
