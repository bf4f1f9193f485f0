// Translations: the Swahili .qm compiled in at ":/i18n/paycred_sw.qm" loads the way main.cpp loads
// it, turns the real windows' strings into Swahili (plurals included), and the checked-in .ts is
// clean: nothing obsolete, no placeholder or mnemonic lost, the sign-in and main windows, the
// dialogs and the widgets they share fully translated, no two mnemonics of one dialog on the same
// letter.
#include "ui/credentialtablemodel.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>
#include <QMap>
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

// The Administration window, its tabs and what they are made of.
const char* const AdminContexts[] = {
    "paycred::ui::AdminTab",
    "paycred::ui::AdminWindow",
    "paycred::ui::AllCredentialsModel",
    "paycred::ui::AllCredentialsTab",
    "paycred::ui::AuditEventModel",
    "paycred::ui::AuditExport",
    "paycred::ui::AuditTab",
    "paycred::ui::OverviewTab",
    "paycred::ui::PagedTableModel",
    "paycred::ui::StatsChart",
    "paycred::ui::UsersModel",
    "paycred::ui::UsersTab",
};

// The widgets several dialogs share: their strings show in those dialogs.
const char* const WidgetContexts[] = {
    "paycred::ui::ChangedNotice",  "paycred::ui::FileField",   "paycred::ui::KeyEntry",
    "paycred::ui::PasswordChoice", "paycred::ui::StatusLabel",
};

QString tsPath() {
    return QStringLiteral(PAYCRED_SOURCE_DIR "/translations/paycred_sw.ts");
}

// One <message> of the .ts, as much of it as the checks need.
struct TsMessage {
    QString context;
    QString source;
    QString type;      // "", "unfinished", "obsolete", "vanished"
    QStringList forms; // the translation, or its numerus forms
    bool numerus = false;
};

QList<TsMessage> readTs(QString* error) {
    QFile file(tsPath());
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

QString translate(const char* context, const char* source, int n = -1) {
    return QCoreApplication::translate(context, source, nullptr, n);
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private slots:
    void init() {
        // main.cpp's very call, with a Kenyan Swahili locale: sw_KE falls back to paycred_sw.qm.
        QVERIFY(m_translator.load(QLocale(QLocale::Swahili, QLocale::Kenya),
                                  QStringLiteral("paycred"), QStringLiteral("_"),
                                  QStringLiteral(":/i18n")));
        QVERIFY(QCoreApplication::installTranslator(&m_translator));
    }
    void cleanup() { QCoreApplication::removeTranslator(&m_translator); }

    void qmIsEmbedded() {
        QVERIFY(QFile::exists(QStringLiteral(":/i18n/paycred_sw.qm")));
        QCOMPARE(m_translator.language(), QStringLiteral("sw_KE"));
        QVERIFY(m_translator.filePath().endsWith(QLatin1String("paycred_sw.qm")));
    }

    void otherLocalesStayEnglish() {
        QTranslator english;
        QVERIFY(!english.load(QLocale(QLocale::English, QLocale::UnitedStates),
                              QStringLiteral("paycred"), QStringLiteral("_"),
                              QStringLiteral(":/i18n")));
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
        QTest::newRow("title") << "PayCred — Sign in"
                               << "PayCred — Ingia";
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
                               << "PayCred — Administration"
                               << "PayCred — Usimamizi";
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

    void removingTheTranslatorGivesEnglish() {
        QCoreApplication::removeTranslator(&m_translator);
        QCOMPARE(translate(MainContext, "&Delete…"), QStringLiteral("&Delete…"));
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

    void tsHasNothingObsolete() {
        QString error;
        const QList<TsMessage> messages = readTs(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(messages.size() > 100);
        for (const TsMessage& message : messages) {
            QVERIFY2(message.type != QLatin1String("obsolete") &&
                         message.type != QLatin1String("vanished"),
                     qPrintable(message.context + QLatin1String(": ") + message.source));
        }
    }

    void translationsKeepPlaceholders() {
        QString error;
        const QList<TsMessage> messages = readTs(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        for (const TsMessage& message : messages) {
            if (!message.type.isEmpty())
                continue;
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

    void windowsAreFullyTranslated() {
        QString error;
        const QList<TsMessage> messages = readTs(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QMap<QString, std::pair<int, int>> counts; // context → (translated, unfinished)
        for (const TsMessage& message : messages) {
            auto& [translated, unfinished] = counts[message.context];
            if (message.type == QLatin1String("unfinished"))
                ++unfinished;
            else
                ++translated;
        }
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            qInfo("%s: %d translated, %d unfinished", qPrintable(it.key()), it.value().first,
                  it.value().second);
        QList<const char*> complete = {LoginContext, MainContext, ModelContext};
        for (const char* context : DialogContexts)
            complete.append(context);
        for (const char* context : WidgetContexts)
            complete.append(context);
        for (const char* context : AdminContexts)
            complete.append(context);
        for (const char* context : std::as_const(complete)) {
            QVERIFY2(counts.contains(QLatin1String(context)), context);
            QVERIFY2(counts.value(QLatin1String(context)).second == 0,
                     qPrintable(QStringLiteral("%1 has unfinished strings: run the "
                                               "update_translations target and translate them")
                                    .arg(QLatin1String(context))));
        }
    }

    void dialogMnemonicsAreUnique() {
        QString error;
        const QList<TsMessage> messages = readTs(&error);
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

private:
    QTranslator m_translator;
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
