#pragma once

#include "app/server/inifile.h"
#include "app/server/setting.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace paycred::server {

// SettingSources: where paycred-server looks a setting up — the environment, systemd's
// credentials folder and the INI file — and the rules for secrets kept in files. The order of
// the sources is ServerConfig's (see serverconfig.h).
class SettingSources {
public:
    // A secret file larger than this is refused: no key or database URL is that long, and it
    // keeps a wrong path (a log, /dev/zero) from being read whole.
    static constexpr qint64 MaxSecretFileBytes = 64 * 1024;

    // Reads the INI file `configFile` (empty: none), which may hold `knownKeys` and, for each of
    // `secretKeys`, `KEY_file`. `environment` defaults to the process's own.
    static std::optional<SettingSources>
    open(const QString& configFile, const QStringList& knownKeys, const QStringList& secretKeys,
         const QHash<QString, QString>* environment, QString* error);

    // A plain setting: `envName` (PAYCRED_LISTEN), then its INI key (listen).
    Setting find(const QString& envName) const;
    // A secret setting, which may also be given as a file: `envName` or `envName`_FILE, then
    // the file named after the INI key in $CREDENTIALS_DIRECTORY, then the INI key or KEY_file.
    // A value and a file at the same level, a file that cannot be read or is empty: a sentence
    // in `problems`. A file that other users may read: a sentence in `warnings`.
    Setting findSecret(const QString& envName, QStringList& problems, QStringList& warnings) const;

    // secret_key for PAYCRED_SECRET_KEY.
    static QString iniKey(const QString& envName);

private:
    QString environmentValue(const QString& name) const;
    // The file's content, trimmed (a trailing newline is no part of a key), as `name`'s value.
    static Setting readFile(const QString& path, const QString& source, QStringList& problems,
                            QStringList& warnings);

    QHash<QString, QString> m_environment;
    bool m_ownEnvironment = true;
    std::optional<IniFile> m_ini;
    QString m_iniPath;
};

} // namespace paycred::server
