#include "app/server/inifile.h"

#include "core/crypto/secret.h"

#include <QDir>
#include <QFile>

namespace paycred::server {

std::optional<IniFile> IniFile::read(const QString& path, const QStringList& knownKeys,
                                     QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("Cannot read the configuration file %1: %2. Check the path "
                                "given with --config.")
                     .arg(QDir::toNativeSeparators(path), file.errorString());
        return std::nullopt;
    }
    IniFile ini;
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        QByteArray raw = file.readLine();
        QString line = QString::fromUtf8(raw).trimmed();
        crypto::wipe(raw);
        if (line.isEmpty() || line.startsWith(u'#') || line.startsWith(u';') ||
            line.startsWith(u'['))
            continue;
        const qsizetype equals = line.indexOf(u'=');
        if (equals <= 0) {
            *error = QStringLiteral("Line %1 of %2 is not `key = value`. Fix or remove it.")
                         .arg(lineNumber)
                         .arg(QDir::toNativeSeparators(path));
            crypto::wipe(line);
            return std::nullopt;
        }
        const QString key = line.left(equals).trimmed().toLower();
        QString value = line.mid(equals + 1).trimmed();
        crypto::wipe(line);
        if (value.size() >= 2 && (value.front() == u'"' || value.front() == u'\'') &&
            value.back() == value.front())
            value = value.mid(1, value.size() - 2);
        if (!knownKeys.contains(key)) {
            *error = QStringLiteral("Unknown setting \"%1\" on line %2 of %3: the known "
                                    "settings are %4.")
                         .arg(key)
                         .arg(lineNumber)
                         .arg(QDir::toNativeSeparators(path), knownKeys.join(u", "));
            crypto::wipe(value);
            return std::nullopt;
        }
        ini.m_values.insert(key, value);
        crypto::wipe(value);
    }
    return ini;
}

IniFile::~IniFile() {
    for (auto it = m_values.begin(); it != m_values.end(); ++it)
        crypto::wipe(it.value());
}

} // namespace paycred::server
