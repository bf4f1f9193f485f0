// Icons: every name the app uses is compiled in, is a valid SVG QtSvg can draw, and draws
// something; every ":/icons/…" the ui sources name exists.
#include <QFileInfo>
#include <QObject>
#include <QTest>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgRenderer>

#include <algorithm>

namespace {

const QStringList IconNames = {
    QStringLiteral("add"),
    QStringLiteral("edit"),
    QStringLiteral("replace-key"),
    QStringLiteral("verify"),
    QStringLiteral("copy"),
    QStringLiteral("reveal"),
    QStringLiteral("conceal"),
    QStringLiteral("activate"),
    QStringLiteral("deactivate"),
    QStringLiteral("delete"),
    QStringLiteral("refresh"),
    QStringLiteral("lock"),
    QStringLiteral("logout"),
    QStringLiteral("preferences"),
    QStringLiteral("password"),
    QStringLiteral("backup"),
    QStringLiteral("restore"),
    QStringLiteral("search"),
    QStringLiteral("live"),
    QStringLiteral("sandbox"),
    QStringLiteral("warning"),
    QStringLiteral("error"),
    QStringLiteral("certificate"),
    QStringLiteral("vault"),
    QStringLiteral("server"),
    QStringLiteral("provider-kopokopo"),
    QStringLiteral("provider-instasend"),
    QStringLiteral("provider-generic"),
    QStringLiteral("paycred"),
};

QString resourceOf(const QString& name) {
    return QStringLiteral(":/icons/%1.svg").arg(name);
}

// True when ":/icons/<name>" exists; a name built at run time ("provider-%1.svg", or
// "provider-<id>.svg" in a comment) must match at least one icon that does.
bool namesAnIcon(const QString& name) {
    static const QRegularExpression placeholder(QStringLiteral("%\\d+|<[^>]*>"));
    if (!name.contains(placeholder))
        return QFile::exists(QStringLiteral(":/icons/") + name);
    QString pattern;
    qsizetype at = 0;
    for (const auto& hole : placeholder.globalMatch(name)) {
        pattern += QRegularExpression::escape(name.mid(at, hole.capturedStart() - at)) +
                   QStringLiteral("[a-z0-9-]+");
        at = hole.capturedEnd();
    }
    pattern += QRegularExpression::escape(name.mid(at));
    const QRegularExpression icon(QRegularExpression::anchoredPattern(pattern));
    const QStringList icons = QDir(QStringLiteral(":/icons")).entryList(QDir::Files);
    return std::any_of(icons.begin(), icons.end(),
                       [&](const QString& file) { return icon.match(file).hasMatch(); });
}

// A contact sheet of every icon on a light and a dark background, for a designer's eye:
// written only when PAYCRED_ICON_SHEET names a .png to write.
void writeContactSheet(const QString& path) {
    constexpr int cell = 96;
    constexpr int margin = 12;
    const int columns = 10;
    const int rows = int((IconNames.size() + columns - 1) / columns);
    QImage sheet(columns * (cell + margin) + margin, 2 * rows * (cell + margin) + margin,
                 QImage::Format_ARGB32_Premultiplied);
    sheet.fill(QColor(0xf7, 0xf7, 0xf7));
    QPainter painter(&sheet);
    painter.fillRect(0, rows * (cell + margin), sheet.width(), sheet.height(),
                     QColor(0x2b, 0x2b, 0x2b));
    for (int half = 0; half < 2; ++half)
        for (int i = 0; i < IconNames.size(); ++i) {
            const QRectF box(margin + (i % columns) * (cell + margin),
                             margin + (half * rows + i / columns) * (cell + margin), cell, cell);
            QSvgRenderer(resourceOf(IconNames.at(i))).render(&painter, box);
        }
    painter.end();
    sheet.save(path);
}

int opaquePixels(const QImage& image) {
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (qAlpha(image.pixel(x, y)) > 0)
                ++count;
    return count;
}

} // namespace

class TestIcons : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (const QString sheet = qEnvironmentVariable("PAYCRED_ICON_SHEET"); !sheet.isEmpty())
            writeContactSheet(sheet);
    }

    void everyIconExistsAndDraws_data() {
        QTest::addColumn<QString>("name");
        for (const QString& name : IconNames)
            QTest::newRow(qPrintable(name)) << name;
    }

    void everyIconExistsAndDraws() {
        QFETCH(QString, name);
        const QString resource = resourceOf(name);
        QVERIFY2(QFile::exists(resource), qPrintable(resource + " is not compiled in"));
        QSvgRenderer renderer(resource);
        QVERIFY2(renderer.isValid(), qPrintable(resource + " is not valid SVG for QtSvg"));
        QVERIFY(!renderer.viewBoxF().isEmpty());
        const int expectedBox = name == QStringLiteral("paycred") ? 64 : 24;
        QCOMPARE(renderer.viewBoxF(), QRectF(0, 0, expectedBox, expectedBox));

        QImage image(24, 24, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        renderer.render(&painter);
        painter.end();
        const int drawn = opaquePixels(image);
        QVERIFY2(drawn > 10, qPrintable(QStringLiteral("%1 draws %2 pixels").arg(name).arg(drawn)));
        QVERIFY2(drawn < 24 * 24, qPrintable(name + " covers every pixel: no shape to read"));
    }

    // An icon only in the resources but not in the list is fine; the reverse is a broken button.
    void everyIconTheSourcesNameExists() {
        const QDir ui(QStringLiteral(PAYCRED_SOURCE_DIR "/ui"));
        QVERIFY2(ui.exists(), qPrintable(ui.path()));
        static const QRegularExpression literal(QStringLiteral("\":/icons/([^\"]+)\""));
        int references = 0;
        QStringList missing;
        QDirIterator files(ui.path(), {QStringLiteral("*.cpp"), QStringLiteral("*.h")},
                           QDir::Files);
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
            const QString source = QString::fromUtf8(file.readAll());
            for (const auto& match : literal.globalMatch(source)) {
                ++references;
                const QString name = match.captured(1);
                if (!namesAnIcon(name))
                    missing << QStringLiteral("%1 in %2").arg(name, QFileInfo(file).fileName());
            }
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
        QVERIFY2(references > 0, "no icon reference found: is the pattern still right?");
    }

    void theDesktopEntryNamesTheAppIcon() {
        QFile entry(QStringLiteral(PAYCRED_SOURCE_DIR "/resources/ke.co.paycred.PayCred.desktop"));
        QVERIFY(entry.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines = QString::fromUtf8(entry.readAll()).split(QLatin1Char('\n'));
        QCOMPARE(lines.first(), QStringLiteral("[Desktop Entry]"));
        for (const char* expected :
             {"Type=Application", "Name=PayCred", "Exec=paycred", "Icon=paycred", "Terminal=false",
              "Categories=Office;Finance;"})
            QVERIFY2(lines.contains(QLatin1String(expected)), expected);
        QVERIFY(QFile::exists(resourceOf(QStringLiteral("paycred"))));
    }
};

QTEST_MAIN(TestIcons)
#include "tst_icons.moc"
