#pragma once

#include "core/storage/databaseconfig.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace paycred::server {

// DjangoDeployment: the database of a deployment of the seed's Django server, opened read-only —
// its auth_user rows and its payment credentials (the `payments` app's PaymentCredentials), as
// Django's migrations made them, on SQLite or PostgreSQL.
class DjangoDeployment {
public:
    // One auth_user row; the password is Django's encoding, kept as it is.
    struct User {
        qint64 id = 0;
        QString username;
        QString passwordHash;
        bool isSuperuser = false;
        bool isActive = true;
        QDateTime dateJoined;
        std::optional<QDateTime> lastLogin;
    };

    // One PaymentCredentials row: the api key in the clear, the private key as Django's Fernet
    // token (under its ENCRYPTION_KEY).
    struct Credential {
        qint64 id = 0;
        qint64 userId = 0;
        QString provider;
        QString apiKey;
        QByteArray encryptedPrivateKey;
        QString environment;
        bool isActive = true;
        QDateTime createdAt;
        QDateTime updatedAt;
    };

    explicit DjangoDeployment(storage::DatabaseConfig config);
    ~DjangoDeployment();
    DjangoDeployment(const DjangoDeployment&) = delete;
    DjangoDeployment& operator=(const DjangoDeployment&) = delete;

    // Connects read-only and finds the seed's tables; on failure `error` says what is missing.
    bool open(QString* error);
    // The file, or user@host:port/database (never a password).
    QString description() const;
    // The credentials table found by open() (payments_paymentcredentials as the seed names it).
    const QString& credentialTable() const { return m_credentialTable; }

    // Every user, by id; nothing (with `error`) when the table cannot be read as the seed's.
    std::optional<QList<User>> users(QString* error) const;
    // Every credential, by user and id.
    std::optional<QList<Credential>> credentials(QString* error) const;

private:
    storage::DatabaseConfig m_config;
    QString m_connectionName;
    QString m_credentialTable;
};

} // namespace paycred::server
