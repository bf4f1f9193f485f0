// Layers: every #include under core/ and ui/ keeps DESIGN.md's matrix (ui → client → vault → api
// → service → storage → crypto, the foundation usable by all). The checker is first run on a
// fixture tree that breaks the rules in each way, so a checker that finds nothing fails here too.
#include "tests/layers/layerrules.h"

#include <QTest>

using paycred::test::LayerRules;

namespace {
QString described(const QList<LayerRules::Violation>& violations) {
    QStringList lines;
    for (const auto& violation : violations)
        lines.append(violation.describe());
    return lines.join(u'\n');
}
} // namespace

class TestLayers : public QObject {
    Q_OBJECT
private slots:
    void theFixtureBreaksEveryRule() {
        const auto violations = LayerRules::check(QStringLiteral(PAYCRED_LAYER_FIXTURE));
        const QStringList expected = {
            "core/api/handler.cpp:3: #include \"core/storage/records.h\": api may not include "
            "storage",
            "core/api/handler.cpp:4: #include \"ui/mainwindow.h\": api may not include ui",
            "core/crypto/cipher.h:2: #include \"core/storage/database.h\": crypto may not include "
            "storage",
            "core/foundation/time.h:2: #include \"core/crypto/cipher.h\": foundation may not "
            "include crypto",
            "core/widgets/button.h:2: #include \"core/crypto/cipher.h\": \"widgets\" is not a "
            "layer of DESIGN.md's matrix; place it there first",
            "ui/window.cpp:3: #include \"core/service/clock.h\": ui may not include service",
            "ui/window.cpp:4: #include \"app/server/httpserver.h\": ui may include only core/ and "
            "ui/",
        };
        QStringList found;
        for (const auto& violation : violations)
            found.append(violation.describe());
        QCOMPARE(found, expected);
    }

    void theTreeKeepsTheLayers() {
        const auto violations = LayerRules::check(QStringLiteral(PAYCRED_SOURCE_DIR));
        QVERIFY2(violations.isEmpty(), qPrintable(described(violations)));
        // It read the tree: a wrong root would find nothing to break.
        QVERIFY2(LayerRules::includesRead() > 500,
                 qPrintable(QString::number(LayerRules::includesRead())));
    }

    void everyLayerOfTheTreeIsInTheMatrix() {
        // Each folder of core/ (and ui/) is a layer the matrix places, or the checker would
        // report its includes; the matrix names no folder that is gone.
        const QDir core(QStringLiteral(PAYCRED_SOURCE_DIR "/core"));
        QStringList folders = core.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        folders.append(QStringLiteral("ui"));
        folders.sort();
        QStringList layers = LayerRules::allowed().keys();
        layers.sort();
        QCOMPARE(folders, layers);
    }
};

QTEST_GUILESS_MAIN(TestLayers)
#include "tst_layers.moc"
