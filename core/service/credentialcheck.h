#pragma once

#include "core/service/providerchecker.h"

#include <QDateTime>
#include <QString>

namespace paycred::storage {
struct CredentialCheckRecord;
}

namespace paycred::service {

// CredentialCheck: one answer of a provider about a credential's keys, as kept and sent (API.md
// §2 check) — never a key.
struct CredentialCheck {
    qint64 credentialId = 0;
    QString provider;
    QString environment;
    ProviderChecker::Result result = ProviderChecker::Result::Unreachable;
    QString message;
    QDateTime checkedAt;

    static CredentialCheck from(const storage::CredentialCheckRecord& row, const QString& provider);
};

} // namespace paycred::service
