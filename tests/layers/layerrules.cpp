#include "tests/layers/layerrules.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTextStream>

#include <algorithm>
#include <atomic>

namespace paycred::test {

namespace {
std::atomic<int> g_includesRead{0};
} // namespace

QString LayerRules::Violation::describe() const {
    return QStringLiteral("%1:%2: #include \"%3\": %4").arg(file).arg(line).arg(include, reason);
}

const QMap<QString, QSet<QString>>& LayerRules::allowed() {
    // ui → client → vault → api → service → storage → crypto (DESIGN.md, "Layout").
    static const QMap<QString, QSet<QString>> matrix = {
        {QStringLiteral("crypto"), {}},
        {QStringLiteral("storage"), {QStringLiteral("crypto")}},
        {QStringLiteral("service"), {QStringLiteral("storage"), QStringLiteral("crypto")}},
        {QStringLiteral("api"), {QStringLiteral("service"), QStringLiteral("crypto")}},
        {QStringLiteral("vault"),
         {QStringLiteral("api"), QStringLiteral("service"), QStringLiteral("storage"),
          QStringLiteral("crypto")}},
        {QStringLiteral("client"),
         {QStringLiteral("vault"), QStringLiteral("api"), QStringLiteral("service"),
          QStringLiteral("crypto")}},
        {QStringLiteral("ui"),
         {QStringLiteral("client"), QStringLiteral("vault"), QStringLiteral("crypto")}},
        {foundation(), {}},
    };
    return matrix;
}

int LayerRules::includesRead() {
    return g_includesRead;
}

// "core/api/router.cpp" → "api"; "ui/mainwindow.cpp" → "ui"; anything else → empty.
QString LayerRules::layerOfFile(const QString& relativePath) {
    const QStringList parts = relativePath.split(u'/');
    if (parts.size() >= 2 && parts.first() == QLatin1String("ui"))
        return QStringLiteral("ui");
    if (parts.size() >= 3 && parts.first() == QLatin1String("core"))
        return parts.at(1);
    return {};
}

// The layer a project include points into; "" for one that is not a path of the project (a
// file beside the includer, "x.moc"), "?" for a project path outside core/ and ui/.
QString LayerRules::layerOfInclude(const QString& include) {
    if (!include.contains(u'/'))
        return {};
    const QString layer = layerOfFile(include);
    return layer.isEmpty() ? QStringLiteral("?") : layer;
}

QList<LayerRules::Violation> LayerRules::check(const QString& root) {
    static const QRegularExpression includeLine(
        QStringLiteral(R"re(^\s*#\s*include\s*"([^"]+)")re"));
    g_includesRead = 0;
    QList<Violation> violations;
    const QDir base(root);
    QStringList files;
    for (const QString& top : {QStringLiteral("core"), QStringLiteral("ui")}) {
        QDirIterator it(base.filePath(top), {QStringLiteral("*.h"), QStringLiteral("*.cpp")},
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            files.append(base.relativeFilePath(it.next()));
    }
    std::sort(files.begin(), files.end());

    for (const QString& file : std::as_const(files)) {
        const QString layer = layerOfFile(file);
        if (layer.isEmpty())
            continue; // a file directly under core/: no layer, nothing to include
        const bool known = allowed().contains(layer);
        QFile source(base.filePath(file));
        if (!source.open(QIODevice::ReadOnly | QIODevice::Text)) {
            violations.append({file, 0, {}, QStringLiteral("cannot be read")});
            continue;
        }
        QTextStream in(&source);
        int number = 0;
        bool reported = false;
        while (!in.atEnd()) {
            const QString text = in.readLine();
            ++number;
            const auto match = includeLine.match(text);
            if (!match.hasMatch())
                continue;
            ++g_includesRead;
            const QString include = match.captured(1);
            if (!known) {
                if (!reported)
                    violations.append({file, number, include,
                                       QStringLiteral("\"%1\" is not a layer of DESIGN.md's "
                                                      "matrix; place it there first")
                                           .arg(layer)});
                reported = true;
                continue;
            }
            const QString target = layerOfInclude(include);
            if (target.isEmpty() || target == layer || target == foundation())
                continue;
            if (target == QLatin1String("?")) {
                violations.append({file, number, include,
                                   QStringLiteral("%1 may include only core/ and ui/").arg(layer)});
            } else if (!allowed().value(layer).contains(target)) {
                violations.append({file, number, include,
                                   QStringLiteral("%1 may not include %2").arg(layer, target)});
            }
        }
    }
    return violations;
}

} // namespace paycred::test
