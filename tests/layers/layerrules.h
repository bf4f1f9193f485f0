#pragma once

#include <QList>
#include <QMap>
#include <QSet>
#include <QString>

namespace paycred::test {

// LayerRules: DESIGN.md's include matrix, checked on a source tree. Every #include "…" of a file
// under core/ and ui/ must point into its own layer, a layer the matrix allows below it, or the
// foundation folder (core/foundation, usable by all); a folder the matrix does not know is a
// violation too, so a new layer has to be placed before it can be used.
class LayerRules {
public:
    struct Violation {
        QString file; // relative to the tree's root
        int line = 0;
        QString include;
        QString reason;
        QString describe() const;
    };

    // The matrix: layer → the layers it may include (itself always).
    static const QMap<QString, QSet<QString>>& allowed();
    static QString foundation() { return QStringLiteral("foundation"); }

    // Every violation under `root` (a folder holding core/ and ui/), in file and line order.
    static QList<Violation> check(const QString& root);
    // How many #include "…" lines were read by the last check, to know it read anything.
    static int includesRead();

private:
    static QString layerOfFile(const QString& relativePath);
    static QString layerOfInclude(const QString& include);
};

} // namespace paycred::test
