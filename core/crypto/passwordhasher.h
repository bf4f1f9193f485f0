#pragma once

#include <QByteArray>
#include <QString>

#include <atomic>
#include <cstdint>

namespace paycred::crypto {

// PasswordHasher: PBKDF2-HMAC-SHA256 in Django's `pbkdf2_sha256$<iterations>$<salt>$<b64>`
// format. Any iteration count verifies; hashes below the current count ask for a rehash.
class PasswordHasher {
public:
    static constexpr int DefaultIterations = 1'000'000; // Django 5.2's level

    explicit PasswordHasher(int iterations = DefaultIterations);

    int iterations() const { return m_iterations; }
    // A new encoding with a random 22-character alphanumeric salt (as Django makes them).
    QString hash(const QString& password) const;
    QString hash(const QString& password, const QString& salt, int iterations) const;

    struct Verdict {
        bool valid = false;
        bool needsRehash = false; // valid, but made with another iteration count
    };
    Verdict verify(const QString& password, const QString& encoded) const;
    // Whether `encoded` is a pbkdf2_sha256 encoding verify() can check (an import keeps only
    // those: another algorithm, or Django's unusable "!…", could never log in).
    static bool isVerifiable(const QString& encoded);
    // Does the work of one verification at the current count and fails: for unknown users,
    // so their answer costs the same as a wrong password. verify() never does less.
    void verifyNothing(const QString& password) const;

    // PBKDF2 iterations this hasher has run in total: lets tests check that equal work was done.
    std::uint64_t iterationsRun() const { return m_iterationsRun.load(); }

private:
    // Runs `iterations` of PBKDF2 on `password` for their cost alone.
    void spend(const QString& password, int iterations) const;
    QByteArray derive(const QString& password, const QString& salt, int iterations) const;

    int m_iterations;
    mutable std::atomic<std::uint64_t> m_iterationsRun{0};
};

} // namespace paycred::crypto
