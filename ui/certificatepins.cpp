#include "ui/certificatepins.h"

#include "core/client/httptransport.h"
#include "core/vault/keychainstore.h"
#include "ui/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>
#include <QSettings>
#include <QStandardPaths>

#include <cstdio>
#include <utility>

namespace paycred::ui {

namespace {

// Where versions before the keychain kept pins: "pins/<percent-encoded URL>" = SHA-256 hex.
constexpr auto LegacyGroup = "pins";

QString defaultFallbackFile() {
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(folder).filePath(QStringLiteral("certificate-pins.json"));
}

QHash<QString, QByteArray> parsed(const QByteArray& json) {
    QHash<QString, QByteArray> pins;
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QByteArray pin =
            client::HttpTransport::normalizedFingerprint(it.value().toString().toLatin1());
        if (!it.key().isEmpty() && pin.size() == 64)
            pins.insert(it.key(), pin);
    }
    return pins;
}

} // namespace

CertificatePins::CertificatePins(QSettings& settings, QString keychainService, QString fallbackFile,
                                 QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_fallbackFile(fallbackFile.isEmpty() ? defaultFallbackFile() : std::move(fallbackFile))
    , m_keychain(new vault::KeychainStore(std::move(keychainService), this)) {}

CertificatePins::~CertificatePins() = default;

void CertificatePins::setStorage(const QString& keychainService, const QString& fallbackFile) {
    if (m_loading || isLoaded())
        return;
    delete m_keychain;
    m_keychain = new vault::KeychainStore(keychainService, this);
    m_fallbackFile = fallbackFile.isEmpty() ? defaultFallbackFile() : fallbackFile;
}

QString CertificatePins::fileNotice() {
    return tr("Your system keychain is not available, so PayCred keeps the certificates you "
              "trusted in a file only you can read, in its data folder.");
}

QString CertificatePins::serverKey(const QUrl& server) {
    const bool https = server.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    const int port = server.port(https ? 443 : 80);
    return QStringLiteral("%1:%2").arg(server.host().toLower()).arg(port);
}

QByteArray CertificatePins::pin(const QUrl& server) const {
    const QString key = serverKey(server);
    const auto changed = m_changedBeforeLoad.constFind(key);
    if (changed != m_changedBeforeLoad.constEnd())
        return changed.value();
    return m_pins.value(key);
}

void CertificatePins::setPin(const QUrl& server, const QByteArray& sha256Hex) {
    const QString key = serverKey(server);
    const QByteArray pin = client::HttpTransport::normalizedFingerprint(sha256Hex);
    if (!isLoaded()) {
        m_changedBeforeLoad.insert(key, pin);
        return; // stored with the rest once loaded
    }
    if (pin.isEmpty())
        m_pins.remove(key);
    else
        m_pins.insert(key, pin);
    store();
}

void CertificatePins::whenLoaded(QObject* context, std::function<void(QString)> done) {
    m_waiters.push_back({QPointer<QObject>(context), context != nullptr, std::move(done)});
    if (isLoaded()) {
        QMetaObject::invokeMethod(this, &CertificatePins::settle, Qt::QueuedConnection);
        return;
    }
    if (m_loading)
        return;
    m_loading = true;
    m_keychain->read(QLatin1String(KeychainKey), [this](vault::KeychainStore::Reply reply) {
        if (reply.status == vault::KeychainStore::Status::Unavailable) {
            qCInfo(lcUi) << "certificate pins: no keychain, using the file" << m_fallbackFile;
            loaded(Storage::File, readFile());
        } else {
            loaded(Storage::Keychain, reply.data);
        }
    });
}

QByteArray CertificatePins::readFile() const {
    QFile file(m_fallbackFile);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

bool CertificatePins::writeFile(const QByteArray& json) const {
    QDir().mkpath(QFileInfo(m_fallbackFile).absolutePath());
    const QString temporary = m_fallbackFile + QStringLiteral(".new");
    QFile::remove(temporary);
    QFile file(temporary);
    // Created 0600: never readable by others, not even for a moment.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                   QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        file.write(json) != json.size() || !file.flush()) {
        qCWarning(lcUi) << "certificate pins: could not write" << temporary << file.errorString();
        return false;
    }
    file.close();
    if (std::rename(QFile::encodeName(temporary).constData(),
                    QFile::encodeName(m_fallbackFile).constData()) != 0) {
        qCWarning(lcUi) << "certificate pins: could not replace" << m_fallbackFile;
        QFile::remove(temporary);
        return false;
    }
    return true;
}

QByteArray CertificatePins::toJson() const {
    QJsonObject object;
    for (auto it = m_pins.begin(); it != m_pins.end(); ++it)
        object.insert(it.key(), QString::fromLatin1(it.value()));
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

void CertificatePins::loaded(Storage storage, const QByteArray& json) {
    m_loading = false;
    m_storage = storage;
    m_pins = parsed(json);
    bool dirty = false;
    if (storage == Storage::Keychain && QFileInfo::exists(m_fallbackFile)) {
        // The keychain is back: what the file kept moves into it.
        const auto fromFile = parsed(readFile());
        for (auto it = fromFile.begin(); it != fromFile.end(); ++it) {
            if (!m_pins.contains(it.key()))
                m_pins.insert(it.key(), it.value());
        }
        dirty = true;
    }
    m_settings.beginGroup(QLatin1String(LegacyGroup));
    const QStringList legacy = m_settings.childKeys();
    for (const QString& key : legacy) {
        const QUrl url(QUrl::fromPercentEncoding(key.toLatin1()));
        const QByteArray pin =
            client::HttpTransport::normalizedFingerprint(m_settings.value(key).toByteArray());
        const QString server = serverKey(url);
        if (pin.size() == 64 && !url.host().isEmpty() && !m_pins.contains(server))
            m_pins.insert(server, pin);
        dirty = true;
    }
    m_settings.endGroup();
    for (auto it = m_changedBeforeLoad.begin(); it != m_changedBeforeLoad.end(); ++it) {
        if (it.value().isEmpty())
            m_pins.remove(it.key());
        else
            m_pins.insert(it.key(), it.value());
        dirty = true;
    }
    m_changedBeforeLoad.clear();
    if (dirty)
        store();
    if (m_storage == Storage::File && !m_settings.value(QLatin1String(NoticeShownKey)).toBool()) {
        m_settings.setValue(QLatin1String(NoticeShownKey), true);
        m_notice = fileNotice();
    }
    settle();
}

void CertificatePins::store() {
    const QByteArray json = toJson();
    const auto storedIn = [this](Storage storage) {
        // Only now that the pins are safe elsewhere do the old copies go.
        m_settings.remove(QLatin1String(LegacyGroup));
        emit stored(storage);
    };
    if (m_storage == Storage::File) {
        if (writeFile(json))
            storedIn(Storage::File);
        return;
    }
    QPointer<CertificatePins> self(this);
    m_keychain->write(QLatin1String(KeychainKey), json,
                      [self, storedIn](const vault::KeychainStore::Reply& reply) {
                          if (!self)
                              return;
                          if (reply.ok()) {
                              QFile::remove(self->m_fallbackFile);
                              storedIn(Storage::Keychain);
                              return;
                          }
                          qCInfo(lcUi) << "certificate pins: the keychain refused them, using the "
                                          "file";
                          self->m_storage = Storage::File;
                          if (self->writeFile(self->toJson()))
                              storedIn(Storage::File);
                      });
}

void CertificatePins::settle() {
    auto waiters = std::exchange(m_waiters, {});
    for (Waiter& waiter : waiters) {
        if (waiter.hasContext && !waiter.context)
            continue;
        if (waiter.done)
            waiter.done(std::exchange(m_notice, QString()));
    }
}

} // namespace paycred::ui
