// The cost of a password check, the work every login does: PBKDF2 (server users) at Django's
// 1 000 000 iterations, and a vault unlock (scrypt at the vault's default parameters plus the
// AES-GCM opens). Median of several runs, written to bench/results/key_derivation.txt.
#include "core/crypto/passwordhasher.h"
#include "core/crypto/scrypt.h"
#include "core/foundation/systemclock.h"
#include "core/vault/vault.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <functional>
#include <vector>

namespace {
double medianMs(int runs, const std::function<void()>& work) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}
} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    using namespace paycred;
    constexpr int Runs = 5;

    const crypto::PasswordHasher hasher;
    const QString encoded = hasher.hash(QStringLiteral("correct horse battery"));
    const double pbkdf2 = medianMs(
        Runs, [&] { (void)hasher.verify(QStringLiteral("correct horse battery"), encoded); });

    const SystemClock clock;
    const vault::VaultOptions options;
    QTemporaryDir dir;
    vault::Vault vault(clock, options);
    if (!vault
             .create(dir.filePath(QStringLiteral("bench.paycred")), QStringLiteral("owner"),
                     QStringLiteral("owner-password-1"))
             .ok())
        qFatal("bench: cannot create a vault");
    const double unlock = medianMs(Runs, [&] {
        vault.lock();
        if (!vault.unlock(QStringLiteral("owner"), QStringLiteral("owner-password-1")).ok())
            qFatal("bench: unlock failed");
    });

    QStringList scryptRows;
    for (const std::uint64_t n : {1u << 15, 1u << 16, 1u << 17}) {
        for (const std::uint32_t r : {6u, 8u}) {
            const crypto::Scrypt::Parameters p{n, r, 1};
            scryptRows << QStringLiteral("scrypt N=2^%1 r=%2 p=1 (%3 MiB): %4 ms")
                              .arg(qCountTrailingZeroBits(n))
                              .arg(r)
                              .arg(p.memoryBytes() / (1024 * 1024))
                              .arg(crypto::Scrypt::measureMs(p), 0, 'f', 0);
        }
    }

    QFile file(QStringLiteral(PAYCRED_BENCH_RESULTS "/key_derivation.txt"));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        qFatal("bench: cannot write the results file");
    QTextStream out(&file);
    out << "# Key derivation cost (" << QDateTime::currentDateTimeUtc().toString(Qt::ISODate)
        << ")\n"
        << "machine: " << QThread::idealThreadCount() << " cores, "
        << QSysInfo::currentCpuArchitecture() << "; median of " << Runs << " runs\n\n"
        << "PBKDF2-SHA256 verify, " << hasher.iterations() << " iterations: " << qRound(pbkdf2)
        << " ms\n"
        << "vault unlock at the default N=2^" << qCountTrailingZeroBits(options.scrypt.n)
        << " r=" << options.scrypt.r << " p=" << options.scrypt.p << " ("
        << options.scrypt.memoryBytes() / (1024 * 1024) << " MiB): " << qRound(unlock) << " ms\n\n"
        << scryptRows.join(QLatin1Char('\n')) << "\n";
    QTextStream(stdout) << "wrote " << file.fileName() << "\n";
    return 0;
}
