// CredentialTableModel: rows as the API lists them, checked by Qt's own QAbstractItemModelTester,
// sorted by real dates through the proxy, live rows marked, and nothing of a key in any role.
#include "tests/ui/uitestsupport.h"
#include "ui/credentialtablemodel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QPalette>
#include <QSignalSpy>
#include <QSortFilterProxyModel>

using namespace paycred;
using Model = ui::CredentialTableModel;

namespace {

client::Credential make(qint64 id, const QString& provider, bool live, bool active,
                        const QDateTime& created) {
    client::Credential credential;
    credential.id = id;
    credential.provider = provider;
    credential.providerDisplay = provider == QLatin1String("kopokopo")
                                     ? QStringLiteral("KopoKopo")
                                     : QStringLiteral("InstaSend");
    credential.environment = live ? QStringLiteral("live") : QStringLiteral("sandbox");
    credential.isLive = live;
    credential.isActive = active;
    credential.createdAt = created;
    credential.updatedAt = created.addSecs(60);
    return credential;
}

const QDateTime Jan(QDate(2024, 1, 15), QTime(10, 30), Qt::UTC);

} // namespace

class TestCredentialTableModel : public QObject {
    Q_OBJECT
private slots:
    void passesQtsModelTester() {
        Model model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCredentials({make(1, QStringLiteral("kopokopo"), false, true, Jan)});
        model.upsert(make(2, QStringLiteral("instasend"), true, true, Jan.addDays(1)));
        model.upsert(make(1, QStringLiteral("kopokopo"), true, false, Jan));
        model.remove(2);
        model.remove(42);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void showsWhatTheApiSays() {
        Model model;
        model.setCredentials({make(7, QStringLiteral("kopokopo"), true, false, Jan)});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.columnCount(), int(Model::ColumnCount));
        const auto at = [&](int column, int role = Qt::DisplayRole) {
            return model.data(model.index(0, column), role);
        };
        QCOMPARE(at(Model::ProviderColumn).toString(), QStringLiteral("KopoKopo"));
        QCOMPARE(at(Model::EnvironmentColumn).toString(), QStringLiteral("Live"));
        QCOMPARE(at(Model::StatusColumn).toString(), QStringLiteral("Inactive"));
        QVERIFY(!at(Model::CreatedColumn).toString().isEmpty());
        QCOMPARE(at(Model::CreatedColumn, Model::SortRole).toDateTime(), Jan);
        QCOMPARE(at(0, Model::IdRole).toLongLong(), 7);
        QCOMPARE(at(0, Model::IsLiveRole).toBool(), true);
        QCOMPARE(at(0, Model::IsActiveRole).toBool(), false);
        QVERIFY(at(Model::EnvironmentColumn, Qt::FontRole).value<QFont>().bold());
        QVERIFY(!at(Model::ProviderColumn, Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(at(Model::EnvironmentColumn, Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("real money")));
    }

    void liveStandsOutFromSandbox() {
        Model model;
        model.setCredentials({make(1, QStringLiteral("kopokopo"), true, true, Jan),
                              make(2, QStringLiteral("instasend"), false, true, Jan)});
        const QVariant live =
            model.data(model.index(0, Model::EnvironmentColumn), Qt::ForegroundRole);
        const QVariant sandbox =
            model.data(model.index(1, Model::EnvironmentColumn), Qt::ForegroundRole);
        QVERIFY(live.isValid());
        QVERIFY(live != sandbox);
    }

    void liveFollowsALightOrDarkPalette() {
        Model model;
        model.setCredentials({make(1, QStringLiteral("kopokopo"), true, true, Jan)});
        const QPalette original = QApplication::palette();
        const auto liveColour = [&] {
            return model.data(model.index(0, Model::EnvironmentColumn), Qt::ForegroundRole)
                .value<QColor>();
        };
        QPalette light = original;
        light.setColor(QPalette::Base, Qt::white);
        QApplication::setPalette(light);
        const QColor onLight = liveColour();
        QPalette dark = original;
        dark.setColor(QPalette::Base, QColor(0x20, 0x20, 0x20));
        QApplication::setPalette(dark);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.paletteChanged();
        QCOMPARE(changed.size(), 1);
        const QColor onDark = liveColour();
        QApplication::setPalette(original);
        QVERIFY(onLight != onDark);
        // Readable: the text is darker than a light base and lighter than a dark one.
        QVERIFY(onLight.lightness() < 128);
        QVERIFY(onDark.lightness() > 128);
    }

    void upsertUpdatesInPlace() {
        Model model;
        model.setCredentials({make(1, QStringLiteral("kopokopo"), false, true, Jan),
                              make(2, QStringLiteral("instasend"), false, true, Jan)});
        model.upsert(make(2, QStringLiteral("instasend"), true, false, Jan));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(2), 1);
        QCOMPARE(model.credentialAt(1)->isLive, true);
        QVERIFY(!model.credentialAt(2).has_value());
        QCOMPARE(model.rowOf(99), -1);
    }

    void sortsByDateNotByText() {
        Model model;
        // 9 Feb sorts after 10 Jan although "09" < "10" as text.
        model.setCredentials({make(1, QStringLiteral("kopokopo"), false, true,
                                   QDateTime(QDate(2024, 2, 9), QTime(8, 0), Qt::UTC)),
                              make(2, QStringLiteral("instasend"), false, true,
                                   QDateTime(QDate(2024, 1, 10), QTime(8, 0), Qt::UTC))});
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(Model::SortRole);
        proxy.sort(Model::CreatedColumn, Qt::AscendingOrder);
        QCOMPARE(proxy.data(proxy.index(0, 0), Model::IdRole).toLongLong(), 2);
        proxy.sort(Model::CreatedColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.data(proxy.index(0, 0), Model::IdRole).toLongLong(), 1);
    }
};

QTEST_MAIN(TestCredentialTableModel)
#include "tst_credentialtablemodel.moc"
