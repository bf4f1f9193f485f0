// AuditAction: one value per action of API.md §3, each spelled as API.md spells it — the list is
// read from API.md itself, so an action added to the contract and not here (or the other way
// round) fails.

#include "core/service/auditaction.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace paycred::service;

namespace {
// The backticked words of API.md's "Actions: `login`, `logout`, …" sentence.
QStringList actionsOfTheContract() {
    QFile file(QStringLiteral(PAYCRED_TESTDATA_DIR "/../API.md"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString text = QString::fromUtf8(file.readAll());
    const qsizetype start = text.indexOf(QLatin1String("Actions: `"));
    const qsizetype end = text.indexOf(QLatin1String(". A failed attempt"), start);
    if (start < 0 || end < 0)
        return {};
    QStringList names;
    static const QRegularExpression word(QStringLiteral("`([a-z_]+)`"));
    for (auto it = word.globalMatch(text.mid(start, end - start)); it.hasNext();)
        names.append(it.next().captured(1));
    return names;
}
} // namespace

class TestAuditAction : public QObject {
    Q_OBJECT
private slots:
    void everyActionIsSpelledAsTheContractSpellsIt() {
        const QStringList contract = actionsOfTheContract();
        QVERIFY2(contract.size() >= 19, qPrintable(contract.join(u',')));
        QStringList ours;
        for (const AuditAction action : allAuditActions())
            ours.append(auditActionName(action));
        QCOMPARE(ours, contract);
    }

    void eachSpellingNamesItsAction() {
        QSet<QString> seen;
        for (const AuditAction action : allAuditActions()) {
            const QString name = auditActionName(action);
            QVERIFY2(!seen.contains(name), qPrintable(name));
            seen.insert(name);
            QCOMPARE(auditActionNamed(name), std::optional<AuditAction>(action));
        }
        QCOMPARE(auditActionNamed(u"Login"), std::optional<AuditAction>());
        QCOMPARE(auditActionNamed(u"credential"), std::optional<AuditAction>());
        QCOMPARE(auditActionNamed(u""), std::optional<AuditAction>());
    }
};

QTEST_GUILESS_MAIN(TestAuditAction)
#include "tst_auditaction.moc"
