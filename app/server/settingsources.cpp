#include "app/server/settingsources.h"

#include "core/crypto/secret.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace paycred::server {

namespace {

const QString EnvPrefix = QStringLiteral("PAYCRED_");
const QString CredentialsDirectoryEnv = QStringLiteral("CREDENTIALS_DIRECTORY");

QString native(const QString& path) {
    return QDir::toNativeSeparators(path);
}

QString lastError() {
    return QString::fromLocal8Bit(std::strerror(errno));
}

// Closes a file descriptor when it goes.
struct FileDescriptor {
    int fd = -1;
    ~FileDescriptor() {
        if (fd >= 0)
            ::close(fd);
    }
};

} // namespace

QString SettingSources::iniKey(const QString& envName) {
    return envName.mid(EnvPrefix.size()).toLower();
}

std::optional<SettingSources> SettingSources::open(const QString& configFile,
                                                   const QStringList& knownKeys,
                                                   const QStringList& secretKeys,
                                                   const QHash<QString, QString>* environment,
                                                   QString* error) {
    SettingSources sources;
    if (environment) {
        sources.m_environment = *environment;
        sources.m_ownEnvironment = false;
    }
    if (configFile.isEmpty())
        return sources;
    QStringList keys = knownKeys;
    for (const QString& key : secretKeys)
        keys << key + QStringLiteral("_file");
    sources.m_iniPath = QFileInfo(configFile).absoluteFilePath();
    sources.m_ini = IniFile::read(sources.m_iniPath, keys, error);
    if (!sources.m_ini)
        return std::nullopt;
    return sources;
}

QString SettingSources::environmentValue(const QString& name) const {
    QString value = m_ownEnvironment ? qEnvironmentVariable(name.toLocal8Bit().constData())
                                     : m_environment.value(name);
    QString trimmed = value.trimmed();
    crypto::wipe(value);
    return trimmed;
}

Setting SettingSources::find(const QString& envName) const {
    Setting found{environmentValue(envName), envName};
    if (found.isSet() || !m_ini)
        return found;
    const QString key = iniKey(envName);
    return {m_ini->value(key), QStringLiteral("%1 in %2").arg(key, native(m_iniPath))};
}

Setting SettingSources::findSecret(const QString& envName, QStringList& problems,
                                   QStringList& warnings) const {
    const QString key = iniKey(envName);
    const auto bothAt = [&](const QString& value, const QString& file, const QString& where) {
        problems << QStringLiteral("Both %1 and %2 are set%3: give the setting once, as a value "
                                   "or as a file, not both.")
                        .arg(value, file, where);
        return Setting{};
    };

    // 1. The environment: the value, or a file named by NAME_FILE.
    const QString fileEnv = envName + QStringLiteral("_FILE");
    Setting direct{environmentValue(envName), envName};
    const QString envFile = environmentValue(fileEnv);
    if (direct.isSet() && !envFile.isEmpty()) {
        crypto::wipe(direct.value);
        return bothAt(envName, fileEnv, QString());
    }
    if (direct.isSet())
        return direct;
    if (!envFile.isEmpty()) {
        const QString path = QFileInfo(envFile).absoluteFilePath();
        return readFile(path, QStringLiteral("the file %1 (from %2)").arg(native(path), fileEnv),
                        problems, warnings);
    }

    // 2. systemd's LoadCredential=: a file named after the INI key.
    const QString credentials = environmentValue(CredentialsDirectoryEnv);
    if (!credentials.isEmpty()) {
        const QString path = QDir(credentials).filePath(key);
        if (QFileInfo::exists(path))
            return readFile(path,
                            QStringLiteral("the credential %1 (from $%2)")
                                .arg(native(path), CredentialsDirectoryEnv),
                            problems, warnings);
    }

    // 3. The INI file: the value, or a file (relative to the INI file's folder).
    if (!m_ini)
        return {};
    const QString fileKey = key + QStringLiteral("_file");
    const QString where = QStringLiteral(" in %1").arg(native(m_iniPath));
    Setting inFile{m_ini->value(key), key + where};
    const QString iniFile = m_ini->value(fileKey);
    if (inFile.isSet() && !iniFile.isEmpty()) {
        crypto::wipe(inFile.value);
        return bothAt(key, fileKey, where);
    }
    if (inFile.isSet() || iniFile.isEmpty())
        return inFile;
    const QString path = QFileInfo(m_iniPath).dir().absoluteFilePath(iniFile);
    return readFile(path,
                    QStringLiteral("the file %1 (from %2%3)").arg(native(path), fileKey, where),
                    problems, warnings);
}

Setting SettingSources::readFile(const QString& path, const QString& source, QStringList& problems,
                                 QStringList& warnings) {
    const QString fix = QStringLiteral("Check the path, and that the server's user may read it.");
    FileDescriptor file{::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC)};
    struct stat info {};
    if (file.fd < 0 || ::fstat(file.fd, &info) != 0) {
        problems << QStringLiteral("Cannot read %1: %2. %3").arg(source, lastError(), fix);
        return {};
    }
    if (S_ISDIR(info.st_mode)) {
        problems
            << QStringLiteral("Cannot read %1: it is a folder, not a file. %2").arg(source, fix);
        return {};
    }
    QByteArray bytes(MaxSecretFileBytes + 1, Qt::Uninitialized);
    qsizetype size = 0;
    while (size < bytes.size()) {
        const ssize_t n =
            ::read(file.fd, bytes.data() + size, static_cast<size_t>(bytes.size() - size));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            problems << QStringLiteral("Cannot read %1: %2. %3").arg(source, lastError(), fix);
            crypto::wipe(bytes);
            return {};
        }
        if (n == 0)
            break;
        size += n;
    }
    if (size > MaxSecretFileBytes) {
        problems << QStringLiteral("%1 is larger than %2 bytes: it cannot be a key or a database "
                                   "address. Check the path.")
                        .arg(source)
                        .arg(MaxSecretFileBytes);
        crypto::wipe(bytes);
        return {};
    }
    bytes.truncate(size);
    QString text = QString::fromUtf8(bytes);
    crypto::wipe(bytes);
    Setting found{text.trimmed(), source};
    crypto::wipe(text);
    if (!found.isSet()) {
        problems << QStringLiteral("%1 is empty: put the setting in it (a key: from "
                                   "`paycred-server genkey`).")
                        .arg(source);
        return {};
    }
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        warnings << QStringLiteral("%1 is open to other users (mode %2): make it readable by its "
                                   "owner only (chmod 600).")
                        .arg(source)
                        .arg(info.st_mode & 0777, 4, 8, QChar(u'0'));
    return found;
}

} // namespace paycred::server
