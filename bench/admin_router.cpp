// The same Administration requests as bench/admin_scale.sh sends over HTTP, answered in-process
// by api::Router (what the embedded transport calls) on the data set of bench_admin_dataset: the
// time the core alone takes, without HTTP and curl. Targets are read from stdin, one a line; each
// is asked RUNS times (median), then the page its `next` names.
//
// Usage: PAYCRED_SECRET_KEY=... PAYCRED_ENCRYPTION_KEY=... PAYCRED_AUDIT_KEY=...
//        BENCH_ADMIN_PASSWORD=... bench_admin_router DATABASE USERNAME [RUNS] < targets
#include "bench/results.h"

#include "core/api/apirequest.h"
#include "core/api/apiresponse.h"
#include "core/api/router.h"
#include "core/crypto/keyring.h"
#include "core/crypto/secret.h"
#include "core/foundation/systemclock.h"
#include "core/service/auditkeys.h"
#include "core/service/services.h"
#include "core/storage/database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace {

using namespace paycred;

[[noreturn]] void fail(const QString& sentence) {
    QTextStream(stderr) << "bench_admin_router: " << sentence << Qt::endl;
    std::exit(1);
}

// The environment variable `name`, wiped from this process's copy once read.
QByteArray takeKey(const char* name) {
    QByteArray value = qgetenv(name);
    if (value.isEmpty())
        fail(QStringLiteral("set %1 (from the data set's server.ini)").arg(QLatin1String(name)));
    qunsetenv(name);
    return value;
}

class Client {
public:
    explicit Client(const api::Router& router)
        : m_router(router) {}

    void login(const QString& username, const QString& password) {
        api::ApiRequest request;
        request.method = "POST";
        request.target = "/users/login/";
        request.headers = {{"Content-Type", "application/json"}};
        request.body = QJsonDocument(QJsonObject{{QStringLiteral("username"), username},
                                                 {QStringLiteral("password"), password}})
                           .toJson(QJsonDocument::Compact);
        request.remoteAddress = QStringLiteral("127.0.0.1");
        const api::ApiResponse response = m_router.handle(request);
        crypto::wipe(request.body);
        if (response.status != 200)
            fail(QStringLiteral("cannot sign in: %1 %2")
                     .arg(response.status)
                     .arg(QString::fromUtf8(response.body)));
        m_authorization =
            "Bearer " +
            response.object().value(QStringLiteral("access_token")).toString().toLatin1();
    }

    // The median time of `runs` answers to GET `target`, in ms; `last` keeps the last answer.
    double time(const QByteArray& target, int runs, api::ApiResponse& last) const {
        api::ApiRequest request;
        request.method = "GET";
        request.target = target;
        request.headers = {{"Authorization", m_authorization}};
        request.remoteAddress = QStringLiteral("127.0.0.1");
        std::vector<double> times;
        for (int run = 0; run < runs; ++run) {
            QElapsedTimer timer;
            timer.start();
            last = m_router.handle(request);
            times.push_back(double(timer.nsecsElapsed()) / 1e6);
            if (last.status != 200)
                fail(QStringLiteral("GET %1 answered %2: %3")
                         .arg(QString::fromUtf8(target))
                         .arg(last.status)
                         .arg(QString::fromUtf8(last.body.left(300))));
        }
        return bench::Results::median(times);
    }

private:
    const api::Router& m_router;
    QByteArray m_authorization;
};

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv); // QtSql finds its driver plugins through it
    const QStringList args = app.arguments();
    if (args.size() < 3)
        fail(QStringLiteral("usage: PAYCRED_SECRET_KEY=... PAYCRED_ENCRYPTION_KEY=... "
                            "PAYCRED_AUDIT_KEY=... BENCH_ADMIN_PASSWORD=... bench_admin_router "
                            "DATABASE USERNAME [RUNS] < targets"));
    const int runs = args.size() > 3 ? std::max(1, args.at(3).toInt()) : 5;

    service::ServiceSettings settings;
    {
        QByteArray secret = takeKey("PAYCRED_SECRET_KEY");
        QByteArray encryption = takeKey("PAYCRED_ENCRYPTION_KEY");
        QByteArray audit = takeKey("PAYCRED_AUDIT_KEY");
        settings.secretKey = crypto::Secret(secret);
        auto ring = crypto::KeyRing::fromBase64List(encryption);
        auto auditKeys = service::AuditKeys::fromBase64List(audit);
        crypto::wipe(secret);
        crypto::wipe(encryption);
        crypto::wipe(audit);
        if (!ring || !auditKeys)
            fail(QStringLiteral("PAYCRED_ENCRYPTION_KEY or PAYCRED_AUDIT_KEY does not read"));
        settings.keyRing = std::move(*ring);
        settings.auditKeys = std::move(*auditKeys);
    }
    settings.accessLifetimeSecs = 3600; // one sign-in for the whole run
    QString password = qEnvironmentVariable("BENCH_ADMIN_PASSWORD");

    storage::DatabaseConfig config;
    config.name = args.at(1);
    storage::Database db(config);
    QString error;
    if (!db.open(&error))
        fail(error);
    const SystemClock clock;
    const service::Services services(db, std::move(settings), clock);
    const api::Router router(services);
    Client client(router);
    client.login(args.at(2), password);
    crypto::wipe(password);

    QTextStream out(stdout);
    QTextStream in(stdin);
    QString line;
    while (in.readLineInto(&line)) {
        const QByteArray target = line.trimmed().toUtf8();
        if (target.isEmpty())
            continue;
        api::ApiResponse answer;
        const double first = client.time(target, runs, answer);
        const QJsonObject body = answer.object();
        QString text =
            QStringLiteral("%1 %2 ms").arg(QString::fromUtf8(target)).arg(first, 0, 'f', 1);
        const QString next = body.value(QStringLiteral("next")).toString();
        if (!next.isEmpty())
            text += QStringLiteral("; next page %1 ms")
                        .arg(client.time(next.toUtf8(), runs, answer), 0, 'f', 1);
        out << text << Qt::endl;
    }
    return 0;
}
