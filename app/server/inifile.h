#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace paycred::server {

// IniFile: the settings of an INI file — `key = value` lines, `#`/`;` comments, [sections]
// ignored, values optionally in matching quotes. Deliberately simpler than QSettings, which would
// split values at commas and give `@`, `%` and backslashes meanings a key may contain. The values
// are wiped when it goes.
class IniFile {
public:
    // The file's settings; nothing (and `error` set) when it cannot be read, a line is not
    // `key = value`, or a key is not one of `knownKeys`.
    static std::optional<IniFile> read(const QString& path, const QStringList& knownKeys,
                                       QString* error);

    IniFile() = default;
    IniFile(const IniFile&) = default;
    IniFile(IniFile&&) = default;
    IniFile& operator=(const IniFile&) = default;
    IniFile& operator=(IniFile&&) = default;
    ~IniFile();

    QString value(const QString& key) const { return m_values.value(key); }

private:
    QHash<QString, QString> m_values;
};

} // namespace paycred::server
