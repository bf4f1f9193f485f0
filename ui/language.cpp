#include "ui/language.h"

#include "ui/logging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

#include <algorithm>
#include <memory>

namespace paycred::ui {

namespace {

const QString Catalogues = QStringLiteral(":/i18n");

QString codeOf(const QLocale& locale) {
    switch (locale.language()) {
    case QLocale::Swahili:
        return QStringLiteral("sw");
    case QLocale::French:
        return QStringLiteral("fr");
    default:
        return QStringLiteral("en");
    }
}

// Loads `name`_<locale> from the first folder that has it.
bool load(QCoreApplication& app, const QLocale& locale, const QString& name,
          const QStringList& folders) {
    for (const QString& folder : folders) {
        auto translator = std::make_unique<QTranslator>();
        if (!translator->load(locale, name, QStringLiteral("_"), folder))
            continue;
        translator->setParent(&app);
        QCoreApplication::installTranslator(translator.release());
        return true;
    }
    return false;
}

} // namespace

QList<Language::Choice> Language::choices() {
    return {{QString(), QString()},
            {QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("sw"), QStringLiteral("Kiswahili")},
            {QStringLiteral("fr"), QStringLiteral("Français")}};
}

bool Language::isKnown(const QString& code) {
    const QList<Choice> all = choices();
    return std::any_of(all.begin(), all.end(),
                       [&](const Choice& choice) { return choice.code == code; });
}

QLocale Language::localeFor(const QString& code, const QLocale& system) {
    if (code.isEmpty() || !isKnown(code) || codeOf(system) == code)
        return system;
    const QLocale::Language language = QLocale(code).language();
    if (!QLocale::matchingLocales(language, QLocale::AnyScript, system.territory()).isEmpty())
        return QLocale(language, system.territory());
    // Not a pair Qt knows: the country the language is chosen for here (Swahili as in Kenya, not
    // Qt's default Tanzania).
    if (language == QLocale::Swahili)
        return QLocale(QLocale::Swahili, QLocale::Kenya);
    return QLocale(language);
}

QString Language::nameOf(const QLocale& locale) {
    const QString code = codeOf(locale);
    for (const Choice& choice : choices()) {
        if (choice.code == code)
            return choice.name;
    }
    return QStringLiteral("English");
}

bool Language::install(QCoreApplication& app, const QLocale& locale) {
    QLocale::setDefault(locale);
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return true;
    // A language we have no catalogue for: English throughout, Qt's own buttons too, rather than
    // a window half in one language and half in another.
    if (codeOf(locale) == QLatin1String("en")) {
        qCInfo(lcUi) << "no catalogue for" << locale.name() << "- English it is";
        return false;
    }
    // Qt's own strings: Debian's catalogue where it ships one (qt6-translations-l10n), else ours.
    if (!load(app, locale, QStringLiteral("qtbase"),
              {QLibraryInfo::path(QLibraryInfo::TranslationsPath), Catalogues}))
        qCWarning(lcUi) << "no catalogue of Qt's own strings for" << locale.name();
    const bool ours = load(app, locale, QStringLiteral("paycred"), {Catalogues});
    if (!ours)
        qCWarning(lcUi) << "the catalogue for" << locale.name() << "is missing from the build";
    return ours;
}

} // namespace paycred::ui
