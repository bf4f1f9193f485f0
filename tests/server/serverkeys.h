#pragma once

#include "tests/server/serverprocess.h"

#include <QByteArray>
#include <QProcessEnvironment>

namespace paycred::test {

// ServerKeys: one set of keys made by `genkey`, given to every instance of a test so that they
// share tokens, encrypted keys and the audit chain as a deployment's instances would.
struct ServerKeys {
    QByteArray secret;
    QByteArray encryption;
    QByteArray audit;

    // Fresh keys from `paycred-server genkey`; empty ones when it failed.
    static ServerKeys generate();
    bool isValid() const { return !secret.isEmpty() && !encryption.isEmpty() && !audit.isEmpty(); }
    // PAYCRED_SECRET_KEY, PAYCRED_ENCRYPTION_KEY and PAYCRED_AUDIT_KEY into `environment`.
    void applyTo(QProcessEnvironment& environment) const;
};

} // namespace paycred::test
