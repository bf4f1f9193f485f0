// Hostile bodies and paths: every one gets a JSON error (4xx) and changes nothing.

#include "tests/api/apitestcase.h"

#include <QTest>

#include <memory>

using namespace paycred;
using namespace paycred::apitest;

namespace {

const QString kPassword = QStringLiteral("alice long password");

struct Endpoint {
    const char* name;
    const char* method;
    const char* path; // "{id}" is replaced by the credential's id
    bool authenticated;
    const char* field;    // the field that must be a string
    QStringList excluded; // tables a refused request may still write (audit, throttling)
};

const QStringList kAudit{QStringLiteral("audit_events")};
const QStringList kAuditThrottle{QStringLiteral("audit_events"), QStringLiteral("login_throttle")};

QList<Endpoint> endpoints() {
    return {
        {"login", "POST", "/users/login/", false, "username", kAuditThrottle},
        {"refresh", "POST", "/users/token/refresh/", false, "refresh_token", kAudit},
        {"logout", "POST", "/users/logout/", true, "refresh_token", kAudit},
        {"change-password", "POST", "/users/change-password/", true, "new_password",
         kAuditThrottle},
        {"verify-password", "POST", "/users/verify-password/", true, "password", kAuditThrottle},
        {"create", "POST", "/payments/credentials/", true, "private_key", kAudit},
        {"put", "PUT", "/payments/credentials/{id}/", true, "api_key", kAudit},
        {"patch", "PATCH", "/payments/credentials/{id}/", true, "api_key", kAudit},
        {"update-private-key", "POST", "/payments/credentials/{id}/update-private-key/", true,
         "private_key", kAudit},
        {"verify", "POST", "/payments/credentials/{id}/verify/", true, "private_key", kAudit},
    };
}

Endpoint endpointNamed(const QString& name) {
    for (const Endpoint& e : endpoints()) {
        if (name == QLatin1String(e.name))
            return e;
    }
    qFatal("no endpoint %s", qPrintable(name));
    return endpoints().first();
}

QByteArray withField(const char* field, const QByteArray& jsonValue) {
    return "{\"" + QByteArray(field) + "\":" + jsonValue + "}";
}

QByteArray nested(int depth, char open, char close, const QByteArray& inner = {}) {
    return QByteArray(depth, open) + inner + QByteArray(depth, close);
}

QByteArray nestedObjects(int depth) {
    QByteArray out;
    for (int i = 0; i < depth; ++i)
        out += "{\"a\":";
    out += "1";
    out += QByteArray(depth, '}');
    return out;
}

} // namespace

class TestApiBadInput : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<test::TestBackend> m_backend;
    QByteArray m_token;
    QByteArray m_refresh;
    qint64 m_credential = 0;
    qint64 m_other = 0;

    test::TestBackend& backend() { return *m_backend; }

private slots:
    void init() {
        m_backend = std::make_unique<test::TestBackend>();
        m_backend->createUser("alice", kPassword);
        const QJsonObject login = loginObject(*m_backend, "alice", kPassword);
        m_token = login.value("access_token").toString().toUtf8();
        m_refresh = login.value("refresh_token").toString().toUtf8();
        QVERIFY(!m_token.isEmpty() && !m_refresh.isEmpty());
        m_credential = createCredential(*m_backend, m_token);
        m_other = createCredential(*m_backend, m_token, "instasend");
        QVERIFY(m_credential > 0 && m_other > 0);
    }
    void cleanup() { m_backend.reset(); }

    void badBodies_data() {
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<bool>("parseError"); // the answer must be 400 "JSON parse error - ..."

        const QByteArray json = "application/json";
        for (const Endpoint& e : endpoints()) {
            const char* n = e.name;
            const QByteArray field(e.field);
            auto row = [&](const char* what, const QByteArray& body, bool parseError = false,
                           const QByteArray& type = "application/json") {
                QTest::addRow("%s: %s", n, what)
                    << QString::fromLatin1(n) << body << type << parseError;
            };
            // Not JSON at all, or not UTF-8.
            row("not json", "this is not json", true);
            row("truncated", "{\"" + field + "\":", true);
            row("single quotes", "{'" + field + "':'sk_test_1234567890'}", true);
            row("invalid utf-8", withField(e.field, "\"sk_\xff\xfe\xfd_1234567890\""), true);
            row("overlong utf-8", withField(e.field, "\"sk_\xc0\xaf_1234567890\""), true);
            row("number too big for a double", withField(e.field, "1e999"));
            // Unescaped control characters are not JSON (RFC 8259 §7).
            row("raw NUL in a string",
                withField(e.field, QByteArray("\"sk_test_\0_1234567890\"", 22)));
            row("raw newline in a string", withField(e.field, "\"sk_test\n_1234567890\""));
            // JSON, but not an object.
            row("array", "[1,2,3]");
            row("array of the object", "[" + withField(e.field, "\"sk_test_1234567890\"") + "]");
            row("string", "\"sk_test_1234567890\"");
            row("number", "42");
            row("true", "true");
            row("null", "null");
            row("deep arrays", QByteArray(10000, '['));
            row("deep arrays, closed", nested(10000, '[', ']'));
            row("deep arrays in the field", withField(e.field, nested(10000, '[', ']')));
            row("deep objects in the field", withField(e.field, nestedObjects(5000)));
            // Wrong types where a string is required.
            row("field true", withField(e.field, "true"));
            row("field false", withField(e.field, "false"));
            row("field array", withField(e.field, "[\"sk_test_1234567890\"]"));
            row("field object", withField(e.field, "{\"v\":\"sk_test_1234567890\"}"));
            row("field empty array", withField(e.field, "[]"));
            // Bodies the type says are not JSON.
            row("json as text/plain", withField(e.field, "\"sk_test_1234567890\""), false,
                "text/plain");
            row("json as application/xml", withField(e.field, "\"sk_test_1234567890\""), false,
                "application/xml");
            // Missing fields (an empty body is an empty object). PUT/PATCH take any subset.
            if (qstrcmp(e.method, "POST") == 0) {
                row("empty body", "");
                row("empty object", "{}");
                row("unknown field only", "{\"unknown\":\"sk_test_1234567890\"}");
                row("field null", withField(e.field, "null"));
            }
        }

        auto add = [&](const char* endpoint, const char* what, const QByteArray& body) {
            QTest::addRow("%s: %s", endpoint, what)
                << QString::fromLatin1(endpoint) << body << json << false;
        };
        // Endpoint-specific: missing one of two fields, huge numbers, long values, NUL escapes.
        add("login", "username only", R"({"username":"alice"})");
        add("login", "password only", R"({"password":"alice long password"})");
        add("login", "huge number username",
            R"({"username":123456789012345678901234567890,"password":"alice long password"})");
        add("login", "256-char username",
            R"({"username":")" + QByteArray(256, 'a') + R"(","password":"x"})");
        add("login", "NUL in username",
            "{\"username\":\"alice\\u0000\",\"password\":\"alice long password\"}");
        add("refresh", "huge number", R"({"refresh_token":123456789012345678901234567890})");
        add("refresh", "refresh null", R"({"refresh":null})");
        add("logout", "huge number", R"({"refresh_token":123456789012345678901234567890})");
        add("change-password", "old only", R"({"old_password":"alice long password"})");
        add("change-password", "new only", R"({"new_password":"a brand new password"})");
        add("change-password", "old true",
            R"({"old_password":true,"new_password":"a brand new password"})");
        add("change-password", "new true",
            R"({"old_password":"alice long password","new_password":true})");
        add("change-password", "new array",
            R"({"old_password":"alice long password","new_password":["a brand new password"]})");
        add("change-password", "new null",
            R"({"old_password":"alice long password","new_password":null})");
        add("change-password", "huge number old",
            R"({"old_password":123456789012345678901234567890,"new_password":"a brand new password"})");
        add("create", "provider huge number",
            R"({"provider":123456789012345678901234567890,"api_key":"pk_test_1234567890","private_key":"sk_test_1234567890"})");
        add("create", "environment huge number",
            R"({"provider":"instasend","api_key":"pk_test_1234567890","private_key":"sk_test_1234567890","environment":123456789012345678901234567890})");
        add("create", "api_key 256",
            R"({"provider":"kopokopo","api_key":")" + QByteArray(256, 'a') +
                R"(","private_key":"sk_test_1234567890"})");
        add("create", "private_key 256",
            R"({"provider":"kopokopo","api_key":"pk_test_1234567890","private_key":")" +
                QByteArray(256, 'a') + R"("})");
        add("create", "NUL escape in private_key",
            "{\"provider\":\"kopokopo\",\"api_key\":\"pk_test_1234567890\",\"private_key\":\"sk_"
            "test_\\u0000_1234567890\"}");
        add("create", "NUL escape in api_key",
            "{\"provider\":\"kopokopo\",\"api_key\":\"pk_test_\\u0000_1234567890\",\"private_key\":"
            "\"sk_test_1234567890\"}");
        add("create", "duplicate provider",
            R"({"provider":"kopokopo","api_key":"pk_test_1234567890","private_key":"sk_test_1234567890"})");
        for (const char* m : {"put", "patch"}) {
            add(m, "api_key 256", R"({"api_key":")" + QByteArray(256, 'a') + R"("})");
            add(m, "api_key null", R"({"api_key":null})");
            add(m, "api_key short", R"({"api_key":"short"})");
            add(m, "NUL escape in api_key", "{\"api_key\":\"pk_test_\\u0000_1234567890\"}");
            add(m, "environment huge number", R"({"environment":123456789012345678901234567890})");
            add(m, "environment true", R"({"environment":true})");
            add(m, "environment not a choice", R"({"environment":"staging"})");
            add(m, "is_active huge number", R"({"is_active":123456789012345678901234567890})");
            add(m, "is_active text", R"({"is_active":"maybe"})");
            add(m, "valid field with a bad one",
                R"({"environment":"live","api_key":"pk_new_key_1234567890","is_active":"maybe"})");
        }
        add("update-private-key", "short", R"({"private_key":"short"})");
        add("update-private-key", "whitespace around short", R"({"private_key":"   short   "})");
    }
    void badBodies() {
        QFETCH(QString, endpoint);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(bool, parseError);
        const Endpoint e = endpointNamed(endpoint);
        QByteArray path(e.path);
        path.replace("{id}", QByteArray::number(m_credential));

        const Snapshot before = snapshot(backend().database(), e.excluded);
        api::ApiRequest request = makeRequest(e.method, path, body, contentType,
                                              e.authenticated ? "Bearer " + m_token : QByteArray());
        if (body.isEmpty())
            request.headers.append({"Content-Type", contentType});
        const auto response = backend().handle(request);

        QVERIFY2(response.status >= 400 && response.status < 500,
                 qPrintable("expected a 4xx, got " + describe(response)));
        QVERIFY2(bodyIsObject(response), qPrintable("not a JSON object: " + describe(response)));
        if (endpoint == QLatin1String("login")) {
            // The login's 401 challenge header is checked once, in tst_api_auth
            // (loginFailureSendsWwwAuthenticate); here only what bad input must not break.
            QCOMPARE(response.header("X-Content-Type-Options"), QByteArray("nosniff"));
        } else {
            PAYCRED_CHECK_COMMON(response)
        }
        if (parseError) {
            QVERIFY2(response.status == 400, qPrintable(describe(response)));
            QVERIFY2(response.object().value("detail").toString().startsWith("JSON parse error - "),
                     qPrintable(describe(response)));
        }
        EXPECT_UNCHANGED(before, snapshot(backend().database(), e.excluded));

        // Still whole: the credential verifies with its key, the session still works.
        EXPECT_JSON(backend().call("POST", credentialPath(m_credential, "verify"),
                                   {{"private_key", QString::fromLatin1(kPrivateKey)}}, m_token),
                    200,
                    QJsonObject({{"credentials_id", m_credential},
                                 {"provider", "kopokopo"},
                                 {"provider_display", "KopoKopo"},
                                 {"is_valid", true},
                                 {"message", "Credentials verified successfully"}}));
        EXPECT_STATUS(backend().call("POST", "/users/token/refresh/",
                                     {{"refresh_token", QString::fromUtf8(m_refresh)}}),
                      200);
    }

    void hostilePaths_data() {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<bool>("strict"); // 404/405 only; otherwise any 4xx
        auto row = [](const char* name, const QByteArray& target, bool strict = true) {
            QTest::addRow("%s", name) << target << strict;
        };
        row("dot-dot", "/payments/credentials/1/../2/");
        row("dot-dot to another resource", "/payments/credentials/1/../../../users/me/");
        row("dot", "/payments/credentials/./1/");
        row("encoded dot-dot", "/payments/credentials/1/%2e%2e/2/");
        row("encoded dot-dot upper", "/payments/credentials/%2E%2E/%2E%2E/users/me/");
        row("encoded slash", "/payments/credentials/1%2f..%2f2/");
        row("encoded NUL", "/payments/credentials/%00/");
        row("bad escape", "/payments/credentials/%zz/");
        row("truncated escape", "/payments/credentials/1%");
        row("double slashes", "//payments//credentials//");
        row("double slash before id", "/payments/credentials//1/");
        row("double slash after id", "/payments/credentials/1//");
        row("triple slash end", "/payments/credentials/1/verify///");
        row("backslashes", "/payments\\credentials\\1\\");
        row("long path", "/" + QByteArray(100000, 'a'));
        row("long id", "/payments/credentials/" + QByteArray(5000, '9') + "/");
        row("long provider", "/payments/credentials/provider/" + QByteArray(10000, 'p') + "/");
        row("many segments",
            QByteArray("/payments/credentials").append(QByteArray("/1").repeated(5000)));
        row("space in path", "/payments/credentials/1 2/");
        row("invalid utf-8", "/payments/credentials/\xff\xfe/");
        row("unicode digits", "/payments/credentials/\xd9\xa1/"); // ARABIC-INDIC DIGIT ONE
        row("fullwidth digit", "/payments/credentials/\xef\xbc\x91/");
        row("raw NUL", QByteArray("/payments/credentials/1\0/", 25), false);
        row("CRLF", "/payments/credentials/1/\r\nX-Injected: yes", false);
        row("empty target", "", false);
        row("asterisk", "*", false);
        row("no leading slash", "payments/credentials/1/", false);
        row("only a query", "?a=b", false);
    }
    void hostilePaths() {
        QFETCH(QByteArray, target);
        QFETCH(bool, strict);
        for (const char* method : {"GET", "DELETE", "POST"}) {
            const Snapshot before = snapshot(backend().database(), kAudit);
            const auto response = backend().handle(
                makeRequest(method, target, qstrcmp(method, "POST") == 0 ? "{}" : QByteArray(),
                            "application/json", "Bearer " + m_token));
            if (strict)
                QVERIFY2(response.status == 404 || response.status == 405,
                         qPrintable(QString::fromLatin1(method) + ": " + describe(response)));
            else
                QVERIFY2(response.status >= 400 && response.status < 500,
                         qPrintable(QString::fromLatin1(method) + ": " + describe(response)));
            QVERIFY2(bodyIsObject(response), qPrintable(describe(response)));
            PAYCRED_CHECK_COMMON(response)
            QVERIFY(!response.body.contains(kPrivateKey));
            for (const auto& header : response.headers)
                QVERIFY2(!header.first.contains("Injected") && !header.second.contains('\n') &&
                             !header.second.contains('\r'),
                         "a request's bytes reached the response headers");
            EXPECT_UNCHANGED(before, snapshot(backend().database(), kAudit));
        }
        QCOMPARE(
            backend().call("GET", "/payments/credentials/", {}, m_token).document().array().size(),
            2);
    }

    void queryStringsAreIgnored() {
        const auto list = backend().call("GET", "/payments/credentials/?x=1&id=2", {}, m_token);
        EXPECT_STATUS(list, 200);
        QCOMPARE(list.document().array().size(), 2);
        EXPECT_STATUS(backend().call("GET", "/payments/credentials/?", {}, m_token), 200);
        EXPECT_STATUS(backend().call("GET", "/payments/credentials?/../../users/me/", {}, m_token),
                      200);

        const auto item = backend().call(
            "GET", credentialPath(m_credential) + "?id=" + QByteArray::number(m_other), {},
            m_token);
        EXPECT_STATUS(item, 200);
        CHECK_CREDENTIAL(item.object(), m_credential, "kopokopo", "sandbox", true);

        const auto provider = backend().call(
            "GET", "/payments/credentials/provider/kopokopo/?provider=instasend", {}, m_token);
        EXPECT_STATUS(provider, 200);
        CHECK_CREDENTIAL(provider.object(), m_credential, "kopokopo", "sandbox", true);

        EXPECT_JSON(backend().call("POST",
                                   credentialPath(m_credential, "verify") +
                                       "?private_key=" + QByteArray(kPrivateKey),
                                   {{"private_key", "sk_wrong_key_1234567890"}}, m_token),
                    200,
                    QJsonObject({{"credentials_id", m_credential},
                                 {"provider", "kopokopo"},
                                 {"provider_display", "KopoKopo"},
                                 {"is_valid", false},
                                 {"message", "Invalid private key"}}));

        const auto big = backend().call(
            "GET", "/payments/credentials/?" + QByteArray("a=b&").repeated(10000), {}, m_token);
        EXPECT_STATUS(big, 200);

        // A query never authenticates.
        EXPECT_JSON(backend().call("GET", "/payments/credentials/?token=" + m_token), 401,
                    QJsonObject{{"detail", "Authentication credentials were not provided."}});
    }

    void hostileHeaders() {
        // Authorization: odd bytes never crash and never authenticate.
        for (const QByteArray& value :
             {QByteArray("Bearer \xff\xfe"), QByteArray("Bearer ") + QByteArray(100000, 'a'),
              QByteArray("Bearer ") + m_token + QByteArray("\0", 1),
              QByteArray("Bearer\t") + m_token, QByteArray("  Bearer ") + m_token + "  ",
              QByteArray("Bearer ") + QByteArray(3000, '.'),
              QByteArray("Bearer ") + nested(2000, '[', ']')}) {
            const auto response =
                backend().handle(makeRequest("GET", "/payments/credentials/", {}, {}, value));
            QVERIFY2(response.status == 401 || response.status == 200,
                     qPrintable(describe(response)));
            if (response.status == 200) {
                // Only whitespace variants of the real token may pass.
                QVERIFY2(value.contains(m_token), "an odd header authenticated");
            }
            QVERIFY(bodyIsObject(response) || response.status == 200);
            PAYCRED_CHECK_COMMON(response)
        }
        // Two Authorization headers, the first one bad: no crash, a JSON answer.
        api::ApiRequest request = makeRequest("GET", "/payments/credentials/", {}, {}, "Basic x");
        request.headers.append({"Authorization", "Bearer " + m_token});
        const auto response = backend().handle(request);
        QVERIFY2(response.status == 401 || response.status == 200, qPrintable(describe(response)));
        PAYCRED_CHECK_COMMON(response)
        // Odd Content-Type values.
        for (const QByteArray& type :
             {QByteArray(""), QByteArray("application/json; charset=latin1; x=\xff"),
              QByteArray(5000, 'x'), QByteArray("application/x-www-form-urlencoded; charset")}) {
            api::ApiRequest r = makeRequest("POST", credentialPath(m_credential, "verify"),
                                            "private_key=x", {}, "Bearer " + m_token);
            r.headers.append({"Content-Type", type});
            const auto answer = backend().handle(r);
            QVERIFY2(answer.status < 500, qPrintable(describe(answer)));
            QVERIFY2(bodyIsObject(answer), qPrintable(describe(answer)));
            PAYCRED_CHECK_COMMON(answer)
        }
    }
};

QTEST_GUILESS_MAIN(TestApiBadInput)
#include "tst_api_badinput.moc"
