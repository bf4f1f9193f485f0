// The sign-in window (first run, vault, server) and the main window, shown in Kiswahili and in
// French, hold no English. Each window is shown twice — in English, then in the language, the way
// the app starts in it (ui::Language) — and compared text by text (ShownText: titles, labels,
// buttons, headers, menus and their actions, placeholders, combo items): a text still the same as
// its English counterpart is English left over, unless it is a reviewed name or shared word
// (translations_identical.txt), has no letters, is an example address, or is the test's own data
// (a username, a provider's name).
#include "tests/ui/reviewedtranslations.h"
#include "tests/ui/showntext.h"
#include "tests/ui/uitestsupport.h"
#include "ui/clipboardguard.h"
#include "ui/language.h"
#include "ui/loginwindow.h"
#include "ui/mainwindow.h"

#include <QHash>
#include <QRadioButton>
#include <QSet>
#include <QTest>
#include <QTranslator>

#include <functional>
#include <memory>

using namespace paycred;
using namespace paycred::uitest;

namespace {

// What the test itself puts on screen: the same in every language.
const QSet<QString> TestData = {QStringLiteral("owner"), QStringLiteral("KopoKopo"),
                                QStringLiteral("InstaSend")};

void speak(const QLocale& locale) {
    qDeleteAll(qApp->findChildren<QTranslator*>()); // each leaves the app as it goes
    QVERIFY2(ui::Language::install(*qApp, locale), qPrintable(locale.name()));
}

// An example address ("https://pay.example.com") is the same in every language.
bool isAddress(const QString& text) {
    return text.contains(QStringLiteral("://")) && !text.contains(u' ');
}

// One window in one state: made, shown and settled by `show`, which returns its texts.
using Scene = std::function<QList<ShownText>()>;

QList<ShownText> firstRun() {
    UiFixture fixture;
    ui::LoginWindow window(fixture.context);
    window.show();
    (void)QTest::qWaitForWindowExposed(&window);
    return shownTexts(&window);
}

QList<ShownText> signInToVault(bool serverMode) {
    UiFixture fixture;
    if (!fixture.createVault())
        return {};
    ui::LoginWindow window(fixture.context);
    window.show();
    (void)QTest::qWaitForWindowExposed(&window);
    if (serverMode)
        child<QRadioButton>(&window, QStringLiteral("serverModeRadio"))->click();
    return shownTexts(&window);
}

QList<ShownText> mainWindow() {
    UiFixture fixture;
    auto connection = fixture.createVault();
    if (!connection)
        return {};
    addCredential(connection->client(), QStringLiteral("kopokopo"));
    addCredential(connection->client(), QStringLiteral("instasend"), QStringLiteral("live"));
    ui::ClipboardGuard clipboard(fixture.clock);
    ui::MainWindow window(fixture.context, *connection, clipboard);
    window.show();
    (void)QTest::qWaitForWindowExposed(&window);
    waitIdle(connection->client());
    return shownTexts(&window);
}

} // namespace

class TestLanguages : public QObject {
    Q_OBJECT
private slots:
    void cleanupTestCase() { speak(QLocale(QLocale::English, QLocale::Kenya)); }

    void noEnglishLeft_data() {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("scene");
        for (const char* code : {"sw", "fr"}) {
            for (const char* scene : {"first run", "vault", "server", "main window"})
                QTest::addRow("%s, %s", code, scene) << code << scene;
        }
    }
    void noEnglishLeft() {
        QFETCH(QString, code);
        QFETCH(QString, scene);
        const QHash<QString, Scene> scenes = {
            {QStringLiteral("first run"), firstRun},
            {QStringLiteral("vault"), [] { return signInToVault(false); }},
            {QStringLiteral("server"), [] { return signInToVault(true); }},
            {QStringLiteral("main window"), mainWindow},
        };
        const Scene show = scenes.value(scene);

        speak(QLocale(QLocale::English, QLocale::Kenya));
        QHash<QString, QString> english;
        for (const ShownText& shown : show())
            english.insert(shown.where, shown.text);
        QVERIFY2(english.size() >= 8, qPrintable(QString::number(english.size())));

        speak(ui::Language::localeFor(code, QLocale(QLocale::English, QLocale::Kenya)));
        const QList<ShownText> translated = show();
        QString error;
        const QSet<QString> reviewed = ReviewedTranslations::sourcesFor(code, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!reviewed.isEmpty());
        QStringList left;
        int compared = 0;
        int differ = 0;
        for (const ShownText& shown : translated) {
            const auto it = english.constFind(shown.where);
            if (it == english.constEnd())
                continue;
            ++compared;
            if (*it != shown.text) {
                ++differ;
                continue;
            }
            if (!ReviewedTranslations::hasWords(shown.text) || reviewed.contains(shown.text) ||
                TestData.contains(shown.text) || isAddress(shown.text))
                continue;
            left << QStringLiteral("%1: \"%2\"").arg(shown.where, shown.text);
        }
        qInfo("%s: %d texts compared, %d translated", qPrintable(scene), compared, differ);
        // The same window both times: nearly every piece found again.
        QVERIFY2(compared * 10 >= english.size() * 9,
                 qPrintable(QStringLiteral("%1 of %2").arg(compared).arg(english.size())));
        QVERIFY(differ > 0);
        QVERIFY2(left.isEmpty(),
                 qPrintable(QStringLiteral("still English: ") + left.join(QStringLiteral("; "))));
    }
};

QTEST_MAIN(TestLanguages)
#include "tst_languages.moc"
