// The Django hash parser: the input's first line as an encoded hash, the rest as the password.
#include "fuzz/fuzztarget.h"

#include "core/crypto/passwordhasher.h"

#include <QString>
#include <QStringList>

namespace paycred::fuzz {

namespace {
// Above this the target does not verify (parsing still runs through isVerifiable): PBKDF2's cost
// is linear in the count, and one input must not take seconds.
constexpr qint64 MaxFuzzIterations = 1000;
} // namespace

void fuzzPasswordHasher(QByteArrayView input) {
    const qsizetype newline = input.indexOf('\n');
    const QString encoded = QString::fromUtf8(newline < 0 ? input : input.first(newline));
    const QString password = newline < 0 ? QString() : QString::fromUtf8(input.sliced(newline + 1));
    const bool verifiable = crypto::PasswordHasher::isVerifiable(encoded);
    const QStringList parts = encoded.split(u'$');
    if (parts.size() >= 2) {
        bool ok = false;
        const qint64 iterations = parts.at(1).toLongLong(&ok);
        if (ok && iterations > MaxFuzzIterations)
            return;
    }
    static const crypto::PasswordHasher hasher(10);
    const auto verdict = hasher.verify(password, encoded);
    // A hash that verifies must be one isVerifiable() accepts (an import keeps only those).
    if (verdict.valid && !verifiable)
        qFatal("verify() accepted a hash isVerifiable() refuses");
}

} // namespace paycred::fuzz
