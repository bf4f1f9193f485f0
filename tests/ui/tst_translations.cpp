// Translations: the catalogues compiled in at ":/i18n" load the way the app loads them
// (ui::Language), turn the real windows' strings into Swahili and French (plurals included), Qt's
// own strings too (Debian's French qtbase, our Swahili one), and numbers follow the language. Every
// checked-in .ts is clean: nothing unfinished or obsolete, no placeholder or mnemonic lost, no
// "translation" that is the English source except those reviewed in translations_identical.txt,
// no two mnemonics of one dialog on the same letter.
#include "tests/ui/reviewedtranslations.h"
#include "ui/credentialtablemodel.h"
#include "ui/language.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QMap>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

#include <utility>

using namespace paycred;

namespace {

const char* const LoginContext = "paycred::ui::LoginWindow";
const char* const MainContext = "paycred::ui::MainWindow";
const char* const ModelContext = "paycred::ui::CredentialTableModel";

// The dialogs: each context is one window, so its translated mnemonics must not clash.
const char* const DialogContexts[] = {
    "paycred::ui::BackupDialog",         "paycred::ui::CertificateDialog",
    "paycred::ui::ChangePasswordDialog", "paycred::ui::CredentialDialog",
    "paycred::ui::PreferencesDialog",    "paycred::ui::ReplaceKeyDialog",
    "paycred::ui::RestoreDialog",        "paycred::ui::VerifyKeyDialog",
    "paycred::ui::UserDialog",           "paycred::ui::GeneratedPasswordDialog",
};

// Our catalogues, and Qt's strings where Debian has none (their lists: ui/CMakeLists.txt).
QStringList ourCatalogues() {
    return QStringLiteral(PAYCRED_TRANSLATIONS).split(u',');
}
QStringList allCatalogues() {
    return ourCatalogues() + QStringLiteral(PAYCRED_QT_TRANSLATIONS).split(u',');
}

// One <message> of the .ts, as much of it as the checks need.
struct TsMessage {
    QString context;
    QString source;
    QString type;      // "", "unfinished", "obsolete", "vanished"
    QStringList forms; // the translation, or its numerus forms
    bool numerus = false;
};

QList<TsMessage> readTs(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<TsMessage> messages;
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            messages.append(message);
            continue;
        }
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            message = TsMessage{};
            message.context = context;
            message.numerus =
                xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (name == QLatin1String("source")) {
            message.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            message.type = xml.attributes().value(QLatin1String("type")).toString();
            if (!message.numerus)
                message.forms = {xml.readElementText()};
        } else if (name == QLatin1String("numerusform")) {
            message.forms.append(xml.readElementText());
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

QSet<QString> placeholders(const QString& text) {
    static const QRegularExpression marker(QStringLiteral("%(?:n|L?\\d+)"));
    QSet<QString> found;
    for (auto it = marker.globalMatch(text); it.hasNext();)
        found.insert(it.next().captured());
    return found;
}

QString reviewKey(const QString& catalogue, const TsMessage& message) {
    return uitest::ReviewedTranslations::line(QFileInfo(catalogue).fileName(), message.context,
                                              message.source);
}

void useLanguage(const QLocale& locale) {
    qDeleteAll(qApp->findChildren<QTranslator*>()); // each one leaves the app as it goes
    QVERIFY(ui::Language::install(*qApp, locale));
}

QString translate(const char* context, const char* source, int n = -1) {
    return QCoreApplication::translate(context, source, nullptr, n);
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private slots:
    // The app's own call, with a Kenyan Swahili locale (sw_KE: paycred_sw.qm, qtbase_sw.qm).
    void init() { useLanguage(QLocale(QLocale::Swahili, QLocale::Kenya)); }
    void cleanupTestCase() { qDeleteAll(qApp->findChildren<QTranslator*>()); }

    void catalogueIsEmbedded() {
        QVERIFY(QFile::exists(QStringLiteral(":/i18n/paycred_sw.qm")));
        QVERIFY(QFile::exists(QStringLiteral(":/i18n/paycred_fr.qm")));
        QVERIFY(QFile::exists(QStringLiteral(":/i18n/qtbase_sw.qm")));
        QCOMPARE(QLocale().language(), QLocale::Swahili);
    }

    void englishNeedsNoCatalogue() {
        qDeleteAll(qApp->findChildren<QTranslator*>());
        QVERIFY(ui::Language::install(*qApp, QLocale(QLocale::English, QLocale::Kenya)));
        QVERIFY(qApp->findChildren<QTranslator*>().isEmpty());
        QCOMPARE(translate(MainContext, "&Delete…"), QStringLiteral("&Delete…"));
        // A language the app does not speak: English words, not a half-translated window.
        QVERIFY(!ui::Language::install(*qApp, QLocale(QLocale::German, QLocale::Germany)));
        QCOMPARE(translate(MainContext, "&Delete…"), QStringLiteral("&Delete…"));
        QVERIFY(qApp->findChildren<QTranslator*>().isEmpty());
    }

    void choiceMeansLocale_data() {
        QTest::addColumn<QString>("system");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("expected");
        QTest::newRow("system's") << "sw_KE"
                                  << ""
                                  << "sw_KE";
        QTest::newRow("same language") << "fr_CA"
                                       << "fr"
                                       << "fr_CA";
        QTest::newRow("swahili in kenya") << "en_KE"
                                          << "sw"
                                          << "sw_KE";
        QTest::newRow("swahili from the us") << "en_US"
                                             << "sw"
                                             << "sw_KE";
        QTest::newRow("french from kenya") << "en_KE"
                                           << "fr"
                                           << "fr_FR";
        QTest::newRow("english in kenya") << "sw_KE"
                                          << "en"
                                          << "en_KE";
        QTest::newRow("unknown code") << "sw_KE"
                                      << "de"
                                      << "sw_KE";
    }
    void choiceMeansLocale() {
        QFETCH(QString, system);
        QFETCH(QString, code);
        QFETCH(QString, expected);
        QCOMPARE(ui::Language::localeFor(code, QLocale(system)).name(), expected);
    }

    void qtsOwnButtonsSpeakTheLanguage() {
        QDialogButtonBox buttons(QDialogButtonBox::Ok | QDialogButtonBox::Cancel |
                                 QDialogButtonBox::Close);
        QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Ghairi"));
        QCOMPARE(buttons.button(QDialogButtonBox::Close)->text(), QStringLiteral("Funga"));
        // French comes from Debian's qt6-translations-l10n, not from us.
        useLanguage(QLocale(QLocale::French, QLocale::France));
        QDialogButtonBox french(QDialogButtonBox::Cancel | QDialogButtonBox::Close);
        QCOMPARE(french.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Annuler"));
        QCOMPARE(french.button(QDialogButtonBox::Close)->text(), QStringLiteral("Fermer"));
    }

    void numbersAndDatesFollowTheLanguage() {
        const QDate day(2026, 12, 3);
        useLanguage(QLocale(QLocale::French, QLocale::France));
        QCOMPARE(QLocale().decimalPoint(), QStringLiteral(","));
        QVERIFY2(QLocale().toString(day, QLocale::LongFormat).contains(u"décembre"),
                 qPrintable(QLocale().toString(day, QLocale::LongFormat)));
        useLanguage(QLocale(QLocale::Swahili, QLocale::Kenya));
        QCOMPARE(QLocale().decimalPoint(), QStringLiteral("."));
        QVERIFY2(QLocale().toString(day, QLocale::LongFormat).contains(u"Desemba"),
                 qPrintable(QLocale().toString(day, QLocale::LongFormat)));
    }

    void frenchWindows_data() {
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("french");
        QTest::newRow("sign in") << LoginContext << "Sign &in"
                                 << "Se co&nnecter";
        QTest::newRow("delete") << MainContext << "&Delete…"
                                << "&Supprimer…";
        QTest::newRow("provider") << ModelContext << "Provider"
                                  << "Fournisseur";
    }
    void frenchWindows() {
        QFETCH(QString, context);
        QFETCH(QString, source);
        QFETCH(QString, french);
        useLanguage(QLocale(QLocale::French, QLocale::France));
        const QByteArray contextUtf8 = context.toUtf8();
        const QByteArray sourceUtf8 = source.toUtf8();
        QCOMPARE(translate(contextUtf8.constData(), sourceUtf8.constData()), french);
    }

    void mainWindowIsSwahili_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("swahili");
        QTest::newRow("new") << "&New credential…"
                             << "Kitambulisho &kipya…";
        QTest::newRow("copy") << "&Copy private key"
                              << "&Nakili funguo ya siri";
        QTest::newRow("delete") << "&Delete…"
                                << "&Futa…";
        QTest::newRow("lock") << "&Lock vault"
                              << "&Funga hifadhi";
        QTest::newRow("logout") << "Log &out"
                                << "&Toka";
        QTest::newRow("menu") << "&Credential"
                              << "&Kitambulisho";
        QTest::newRow("sandbox") << "%1 (sandbox)"
                                 << "%1 (majaribio)";
        QTest::newRow("live") << "%1 (live)"
                              << "%1 (halisi)";
    }
    void mainWindowIsSwahili() {
        QFETCH(QString, source);
        QFETCH(QString, swahili);
        const QByteArray utf8 = source.toUtf8();
        const QString translated = translate(MainContext, utf8.constData());
        QVERIFY2(translated != source, qPrintable(source));
        QCOMPARE(translated, swahili);
    }

    void loginWindowIsSwahili_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("swahili");
        QTest::newRow("signin") << "Sign &in"
                                << "&Ingia";
        QTest::newRow("password") << "&Password:"
                                  << "&Nenosiri:";
        QTest::newRow("title") << "Sign in"
                               << "Ingia";
        QTest::newRow("remember") << "&Remember me"
                                  << "Ni&kumbuke";
    }
    void loginWindowIsSwahili() {
        QFETCH(QString, source);
        QFETCH(QString, swahili);
        const QByteArray utf8 = source.toUtf8();
        QCOMPARE(translate(LoginContext, utf8.constData()), swahili);
    }

    void adminWindowIsSwahili_data() {
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("swahili");
        QTest::newRow("action") << MainContext << "&Administration…"
                                << "&Usimamizi…";
        QTest::newRow("title") << "paycred::ui::AdminWindow"
                               << "Administration"
                               << "Usimamizi";
        QTest::newRow("owner") << "paycred::ui::AllCredentialsModel"
                               << "Owner"
                               << "Mmiliki";
        QTest::newRow("switch") << "paycred::ui::AllCredentialsTab"
                                << "Emergency switch"
                                << "Kizima cha dharura";
        QTest::newRow("users tab") << "paycred::ui::AdminWindow"
                                   << "&Users"
                                   << "&Watumiaji";
        QTest::newRow("locked") << "paycred::ui::UsersModel"
                                << "Locked until"
                                << "Amefungiwa hadi";
        QTest::newRow("new user") << "paycred::ui::UserDialog"
                                  << "Create User"
                                  << "Unda Mtumiaji";
    }
    void adminWindowIsSwahili() {
        QFETCH(QString, context);
        QFETCH(QString, source);
        QFETCH(QString, swahili);
        const QByteArray contextUtf8 = context.toUtf8();
        const QByteArray sourceUtf8 = source.toUtf8();
        QCOMPARE(translate(contextUtf8.constData(), sourceUtf8.constData()), swahili);
        QCOMPARE(
            translate("paycred::ui::AllCredentialsTab", "%n live credential(s) switched off.", 3),
            QStringLiteral("Vitambulisho 3 halisi vimezimwa."));
    }

    void pluralsUseTheCount() {
        const char* source = "Clipboard clears in %n s";
        QCOMPARE(translate(MainContext, source, 1),
                 QStringLiteral("Ubao wa kunakili utafutwa baada ya sekunde 1"));
        QCOMPARE(translate(MainContext, source, 30),
                 QStringLiteral("Ubao wa kunakili utafutwa baada ya sekunde 30"));
    }

    void modelSpeaksSwahili() {
        ui::CredentialTableModel model;
        const auto header = [&](int column) {
            return model.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        };
        QCOMPARE(header(ui::CredentialTableModel::ProviderColumn), QStringLiteral("Mtoa huduma"));
        QCOMPARE(header(ui::CredentialTableModel::EnvironmentColumn), QStringLiteral("Mazingira"));
        QCOMPARE(header(ui::CredentialTableModel::StatusColumn), QStringLiteral("Hali"));
        QCOMPARE(header(ui::CredentialTableModel::CreatedColumn), QStringLiteral("Iliundwa"));
        QCOMPARE(header(ui::CredentialTableModel::UpdatedColumn), QStringLiteral("Ilisasishwa"));

        client::Credential credential;
        credential.id = 1;
        credential.provider = QStringLiteral("kopokopo");
        credential.providerDisplay = QStringLiteral("KopoKopo");
        credential.environment = QStringLiteral("live");
        credential.isLive = true;
        credential.isActive = false;
        model.setCredentials({credential});
        QCOMPARE(model.index(0, ui::CredentialTableModel::EnvironmentColumn).data().toString(),
                 QStringLiteral("Halisi"));
        QCOMPARE(model.index(0, ui::CredentialTableModel::StatusColumn).data().toString(),
                 QStringLiteral("Haitumiki"));
    }

    // --- every checked-in catalogue -------------------------------------------------------------
    void catalogue_data() {
        QTest::addColumn<QString>("path");
        for (const QString& path : allCatalogues())
            QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
    }

    void catalogueIsComplete_data() { catalogue_data(); }
    void catalogueIsComplete() {
        QFETCH(QString, path);
        QString error;
        const QList<TsMessage> messages = readTs(path, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(messages.size() > 100);
        QMap<QString, int> unfinished; // context → how many
        for (const TsMessage& message : messages) {
            QVERIFY2(message.type != QLatin1String("obsolete") &&
                         message.type != QLatin1String("vanished"),
                     qPrintable(message.context + QLatin1String(": ") + message.source));
            if (message.type == QLatin1String("unfinished"))
                ++unfinished[message.context];
        }
        for (auto it = unfinished.cbegin(); it != unfinished.cend(); ++it)
            qWarning("%s: %d unfinished", qPrintable(it.key()), it.value());
        QVERIFY2(unfinished.isEmpty(),
                 "unfinished strings (above): translate them (after the update_translations "
                 "target brought them in)");
    }

    void translationsKeepPlaceholders_data() { catalogue_data(); }
    void translationsKeepPlaceholders() {
        QFETCH(QString, path);
        QString error;
        const QList<TsMessage> messages = readTs(path, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        for (const TsMessage& message : messages) {
            QSet<QString> expected = placeholders(message.source);
            if (message.numerus)
                expected.insert(QStringLiteral("%n"));
            QVERIFY2(!message.forms.isEmpty(), qPrintable(message.source));
            for (const QString& form : message.forms) {
                QVERIFY2(!form.isEmpty(), qPrintable(message.source));
                QVERIFY2(placeholders(form) == expected,
                         qPrintable(message.source + QLatin1String(" → ") + form));
                // Exactly one mnemonic where the source has one, none where it has none.
                QVERIFY2(form.count(QLatin1Char('&')) == message.source.count(QLatin1Char('&')),
                         qPrintable(form));
            }
        }
    }

    void nothingLeftInEnglish_data() { catalogue_data(); }
    void nothingLeftInEnglish() {
        QFETCH(QString, path);
        QString error;
        const QList<TsMessage> messages = readTs(path, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QSet<QString> reviewed = uitest::ReviewedTranslations::lines(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList english;
        for (const TsMessage& message : messages) {
            if (!uitest::ReviewedTranslations::hasWords(message.source) ||
                reviewed.contains(reviewKey(path, message)))
                continue;
            if (message.forms.contains(message.source))
                english << reviewKey(path, message);
        }
        QVERIFY2(english.isEmpty(),
                 qPrintable(QStringLiteral("the same as the English source — translate them, or "
                                           "add them to translations_identical.txt once a "
                                           "speaker agrees: ") +
                            english.join(QStringLiteral("; "))));
    }

    // The reviewed list names only what is still in a catalogue, translated as the source.
    void reviewedListIsCurrent() {
        QString error;
        const QSet<QString> reviewed = uitest::ReviewedTranslations::lines(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!reviewed.isEmpty());
        QSet<QString> identical;
        for (const QString& path : allCatalogues()) {
            for (const TsMessage& message : readTs(path, &error)) {
                if (message.forms.contains(message.source))
                    identical.insert(reviewKey(path, message));
            }
        }
        for (const QString& line : reviewed)
            QVERIFY2(identical.contains(line), qPrintable(QStringLiteral("stale: ") + line));
    }

    void dialogMnemonicsAreUnique_data() {
        QTest::addColumn<QString>("path");
        for (const QString& path : ourCatalogues())
            QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
    }
    void dialogMnemonicsAreUnique() {
        QFETCH(QString, path);
        QString error;
        const QList<TsMessage> messages = readTs(path, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QList<const char*> windows(std::begin(DialogContexts), std::end(DialogContexts));
        windows.append("paycred::ui::AdminWindow"); // its tabs' names and its own actions
        for (const char* context : std::as_const(windows)) {
            QMap<QChar, QString> taken; // mnemonic letter → the translation that has it
            for (const TsMessage& message : messages) {
                if (message.context != QLatin1String(context) || !message.type.isEmpty())
                    continue;
                for (const QString& form : message.forms) {
                    const qsizetype at = form.indexOf(QLatin1Char('&'));
                    if (at < 0 || at + 1 >= form.size())
                        continue;
                    const QChar letter = form.at(at + 1).toLower();
                    QVERIFY2(!taken.contains(letter),
                             qPrintable(QStringLiteral("%1: \"%2\" and \"%3\" share &%4")
                                            .arg(QLatin1String(context), taken.value(letter), form,
                                                 letter)));
                    taken.insert(letter, form);
                }
            }
        }
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
