// GET /api/schema/: the OpenAPI document is made from the route table itself, so every path and
// method of API.md is in it, with what it takes and answers — If-Match and 412 on the writes
// that honour them — and the provider registry's choices.

#include "core/api/route.h"
#include "core/api/router.h"
#include "tests/api/apitestcase.h"

#include <QTest>

using namespace paycred;
using namespace paycred::apitest;

class TestApiSchema : public QObject {
    Q_OBJECT

    test::TestBackend m_backend;

    QJsonObject document() {
        const auto response = m_backend.call("GET", "/api/schema/");
        if (response.status != 200)
            return {};
        return response.object();
    }

private slots:
    void theRequestsThatHashPasswordsArePasswordWork() {
        // What the server runs on its bounded password pool: exactly the endpoints that hash a
        // password, whatever the query or a trailing slash; on its provider pool, exactly the
        // check with a provider; everything else, even a path that matches no route, is quick.
        const auto workOf = [&](const QByteArray& method, const QByteArray& target) {
            api::ApiRequest request;
            request.method = method;
            request.target = target;
            return api::Router::workOf(request);
        };
        using Work = api::Route::Work;
        const QList<QPair<QByteArray, QByteArray>> password = {
            {"POST", "/users/login/"},           {"POST", "/users/login?next=x"},
            {"POST", "/users/verify-password/"}, {"POST", "/users/change-password"},
            {"POST", "/admin/users/"},           {"PATCH", "/admin/users/7/"}};
        for (const auto& [method, target] : password)
            QVERIFY2(workOf(method, target) == Work::Password, target.constData());
        for (const QByteArray& target : {QByteArray("/payments/credentials/1/check/"),
                                         QByteArray("/payments/credentials/9/check"),
                                         QByteArray("/payments/credentials/x/check/?a=b")})
            QVERIFY2(workOf("POST", target) == Work::Provider, target.constData());
        const QList<QPair<QByteArray, QByteArray>> quick = {
            {"GET", "/users/login/"},
            {"POST", "/users/token/refresh/"},
            {"GET", "/payments/credentials/"},
            {"POST", "/payments/credentials/"},
            {"POST", "/payments/credentials/1/verify/"},
            {"GET", "/payments/credentials/1/check/"},
            {"GET", "/payments/credentials/1/checks/"},
            {"GET", "/admin/users/7/"},
            {"POST", "/no/such/path/"},
            {"POST", "users/login/"}};
        for (const auto& [method, target] : quick)
            QVERIFY2(workOf(method, target) == Work::Quick, target.constData());
    }

    void everyRouteAndMethodIsDescribed() {
        const QJsonObject paths = document().value("paths").toObject();
        QVERIFY(!paths.isEmpty());
        QStringList expected;
        for (const api::Route& route : api::Route::table()) {
            for (const auto& method : route.methods)
                expected.append(route.path + u' ' + QString::fromLatin1(method.name).toLower());
        }
        QStringList described;
        for (auto it = paths.begin(); it != paths.end(); ++it) {
            const QJsonObject item = it.value().toObject();
            for (auto op = item.begin(); op != item.end(); ++op)
                described.append(it.key() + u' ' + op.key());
        }
        QCOMPARE(sorted(described), sorted(expected));
        QVERIFY(expected.contains("/payments/credentials/{id}/ put"));
    }

    void theConditionalWritesTakeIfMatchAndAnswer412() {
        const QJsonObject paths = document().value("paths").toObject();
        const QStringList conditional = {"/payments/credentials/{id}/ put",
                                         "/payments/credentials/{id}/ patch",
                                         "/payments/credentials/{id}/ delete",
                                         "/payments/credentials/{id}/update-private-key/ post",
                                         "/payments/credentials/{id}/toggle-status/ post",
                                         "/admin/credentials/{id}/ delete",
                                         "/admin/credentials/{id}/toggle-status/ post"};
        for (auto it = paths.begin(); it != paths.end(); ++it) {
            const QJsonObject item = it.value().toObject();
            for (auto op = item.begin(); op != item.end(); ++op) {
                const QString name = it.key() + u' ' + op.key();
                const QJsonObject operation = op.value().toObject();
                bool ifMatch = false;
                for (const auto& parameter : operation.value("parameters").toArray())
                    ifMatch |= parameter.toObject().value("name").toString() == "If-Match";
                const bool answers412 = operation.value("responses").toObject().contains("412");
                QVERIFY2(ifMatch == conditional.contains(name), qPrintable(name));
                QVERIFY2(answers412 == conditional.contains(name), qPrintable(name));
            }
        }
    }

    void theAdminEndpointsAreForSuperusersOnly() {
        // Every /admin/ operation says so: bearer auth, 401 and 403; no other operation has 403.
        const QJsonObject paths = document().value("paths").toObject();
        QStringList admin;
        for (auto it = paths.begin(); it != paths.end(); ++it) {
            const QJsonObject item = it.value().toObject();
            for (auto op = item.begin(); op != item.end(); ++op) {
                const QString name = it.key() + u' ' + op.key();
                const QJsonObject operation = op.value().toObject();
                const QJsonObject responses = operation.value("responses").toObject();
                const bool isAdmin = it.key().startsWith("/admin/");
                // The live-key step-up is the one 403 outside administration.
                const bool stepUp = it.key().endsWith("/get-private-key/");
                QVERIFY2(responses.contains("403") == (isAdmin || stepUp), qPrintable(name));
                if (!isAdmin)
                    continue;
                admin.append(name);
                QVERIFY2(responses.contains("401"), qPrintable(name));
                QCOMPARE(operation.value("security").toArray(),
                         (QJsonArray{QJsonObject{{"bearerAuth", QJsonArray{}}}}));
                QCOMPARE(operation.value("tags").toArray(), QJsonArray{"admin"});
            }
        }
        for (const char* expected :
             {"/admin/users/ get", "/admin/users/ post", "/admin/users/{id}/ get",
              "/admin/users/{id}/ patch", "/admin/users/{id}/ delete", "/admin/credentials/ get",
              "/admin/credentials/deactivate-live/ post", "/admin/credentials/{id}/ delete",
              "/admin/credentials/{id}/toggle-status/ post", "/admin/stats/ get"})
            QVERIFY2(admin.contains(expected), expected);
    }

    void theChoicesAreTheRegistrys() {
        const QJsonObject credential = document()
                                           .value("components")
                                           .toObject()
                                           .value("schemas")
                                           .toObject()
                                           .value("Credential")
                                           .toObject()
                                           .value("properties")
                                           .toObject();
        QCOMPARE(credential.value("provider").toObject().value("enum").toArray(),
                 (QJsonArray{"kopokopo", "instasend"}));
        QCOMPARE(credential.value("environment").toObject().value("enum").toArray(),
                 (QJsonArray{"sandbox", "live"}));
    }
};

QTEST_GUILESS_MAIN(TestApiSchema)
#include "tst_api_schema.moc"
