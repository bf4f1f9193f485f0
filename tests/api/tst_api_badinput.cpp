// Hostile bodies, paths and headers: each gets exactly the answer API.md gives it (status and
// JSON body) and changes nothing.

#include "tests/api/apitestcase.h"

#include <QTest>

#include <memory>

using namespace paycred;
using namespace paycred::apitest;

namespace {

const QString kPassword = QStringLiteral("alice long password");

// The answer a request must get.
struct Answer {
    int status = 0;
    QByteArray body; // JSON
    // False only where the router deviates from API.md (each such row says how): then the
    // status and the names of the fields the body blames are pinned, not the wording, so that
    // this suite pins nothing the contract contradicts.
    bool exact = true;
};

const Answer kNoDictionary{}; // status 0: DRF's "Invalid data. Expected a dictionary, ..."

Answer fieldsRequired(const char* field) {
    return {400, "{\"" + QByteArray(field) + R"(":["This field is required."]})"};
}

struct Endpoint {
    const char* name;
    const char* method;
    const char* path; // "{id}" is replaced by the credential's id
    bool authenticated;
    const char* field;    // the field that must be a string
    QStringList excluded; // tables a refused request may still write (audit, throttling)
    Answer missing;       // to a body without the field (an empty body is an empty object)
    Answer notAnObject;   // to JSON that is not an object
    Answer wrongType;     // to the field as a boolean, array or object
    Answer null;          // to the field as null
};

const QStringList kAudit{QStringLiteral("audit_events")};
const QStringList kAuditThrottle{QStringLiteral("audit_events"), QStringLiteral("login_throttle")};

QList<Endpoint> endpoints() {
    const Answer login{400, R"({"error":"Username and password are required"})"};
    // Deviation from API.md ("where DRF/SimpleJWT has a well-known response shape, we use the
    // same one"): a refresh_token that is no string is called missing; SimpleJWT answers
    // "Not a valid string." (null: "This field may not be null.").
    Answer refreshRefused = fieldsRequired("refresh_token");
    refreshRefused.exact = false;
    const Answer passwordsMissing{
        400,
        R"({"new_password":["This field is required."],"old_password":["This field is required."]})"};
    const Answer newPasswordNotAString{
        400,
        R"({"new_password":["Not a valid string."],"old_password":["This field is required."]})"};
    // Deviation from API.md §2's field rule (null: "This field may not be null.", as DRF).
    Answer newPasswordNull = newPasswordNotAString;
    newPasswordNull.exact = false;
    const Answer passwordNotAString{400, R"({"password":["Not a valid string."]})"};
    Answer passwordNull = passwordNotAString; // the same deviation
    passwordNull.exact = false;
    const Answer createMissing{
        400,
        R"({"api_key":["This field is required."],"private_key":["This field is required."],"provider":["This field is required."]})"};
    const Answer createNotAString{
        400,
        R"({"api_key":["This field is required."],"private_key":["Not a valid string."],"provider":["This field is required."]})"};
    const Answer createNull{
        400,
        R"({"api_key":["This field is required."],"private_key":["This field may not be null."],"provider":["This field is required."]})"};
    const Answer apiKeyNotAString{400, R"({"api_key":["Not a valid string."]})"};
    const Answer privateKeyRequired{400, R"({"error":"Private key is required"})"};
    const Answer verifyKeyRequired{400, R"({"error":"Private key is required for verification"})"};
    return {
        {"login", "POST", "/users/login/", false, "username", kAuditThrottle, login, login, login,
         login},
        {"refresh", "POST", "/users/token/refresh/", false, "refresh_token", kAudit,
         fieldsRequired("refresh_token"), fieldsRequired("refresh_token"), refreshRefused,
         refreshRefused},
        {"logout", "POST", "/users/logout/", true, "refresh_token", kAudit,
         fieldsRequired("refresh_token"), fieldsRequired("refresh_token"), refreshRefused,
         refreshRefused},
        {"change-password", "POST", "/users/change-password/", true, "new_password", kAuditThrottle,
         passwordsMissing, passwordsMissing, newPasswordNotAString, newPasswordNull},
        {"verify-password", "POST", "/users/verify-password/", true, "password", kAuditThrottle,
         fieldsRequired("password"), fieldsRequired("password"), passwordNotAString, passwordNull},
        {"create", "POST", "/payments/credentials/", true, "private_key", kAudit, createMissing,
         kNoDictionary, createNotAString, createNull},
        {"put",
         "PUT",
         "/payments/credentials/{id}/",
         true,
         "api_key",
         kAudit,
         {},
         kNoDictionary,
         apiKeyNotAString,
         {}},
        {"patch",
         "PATCH",
         "/payments/credentials/{id}/",
         true,
         "api_key",
         kAudit,
         {},
         kNoDictionary,
         apiKeyNotAString,
         {}},
        {"update-private-key", "POST", "/payments/credentials/{id}/update-private-key/", true,
         "private_key", kAudit, privateKeyRequired, privateKeyRequired, privateKeyRequired,
         privateKeyRequired},
        {"verify", "POST", "/payments/credentials/{id}/verify/", true, "private_key", kAudit,
         verifyKeyRequired, verifyKeyRequired, verifyKeyRequired, verifyKeyRequired},
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

Answer parseError(const QByteArray& reason) {
    return {400, R"({"detail":"JSON parse error - )" + reason + R"("})"};
}

// The router names the offset of the first raw control character of the body.
Answer controlCharacterIn(const QByteArray& body) {
    qsizetype at = 0;
    while (at < body.size() && static_cast<unsigned char>(body.at(at)) >= 0x20)
        ++at;
    return parseError("Invalid control character at: char " + QByteArray::number(at));
}

Answer unsupportedMediaType(const QByteArray& type) {
    return {415, compact({{"detail", QStringLiteral("Unsupported media type \"%1\" in request.")
                                         .arg(QString::fromLatin1(type))}})};
}

// DRF's ChoiceField: the value as Python's str() writes it.
QByteArray notAChoice(const char* field, const char* value) {
    return compact({{QLatin1String(field),
                     QJsonArray{QStringLiteral("\"%1\" is not a valid choice.").arg(value)}}});
}

// `body` (JSON that is no object, Python's name of its type given) sent to `e`.
Answer notAnObject(const Endpoint& e, const char* pythonType) {
    if (e.notAnObject.status != 0)
        return e.notAnObject;
    return {400, R"({"non_field_errors":["Invalid data. Expected a dictionary, but got )" +
                     QByteArray(pythonType) + R"(."]})"};
}

const QJsonObject kTokenNotValid{
    {"detail", "Given token not valid for any token type"},
    {"code", "token_not_valid"},
    {"messages", QJsonArray{QJsonObject{{"token_class", "AccessToken"},
                                        {"token_type", "access"},
                                        {"message", "Token is invalid or expired"}}}}};

// What the router makes of a hostile path: no route, a credential whose id is no id (API.md §2:
// indistinguishable from one that does not exist), or a provider that does not exist.
enum PathKind { NoRoute, NoSuchCredential, NoSuchProvider };

// Status, then the body: exactly, or (answer.exact false) the names of the fields it blames.
#define EXPECT_ANSWER(response, answer)                                                            \
    do {                                                                                           \
        const QJsonObject expected_ = parseObject((answer).body);                                  \
        QVERIFY2(!expected_.isEmpty(), "the expected body is no JSON object");                     \
        QVERIFY2((response).status == (answer).status,                                             \
                 qPrintable(QStringLiteral("expected status %1, got %2")                           \
                                .arg((answer).status)                                              \
                                .arg(describe(response))));                                        \
        if ((answer).exact)                                                                        \
            QCOMPARE(bodyText(response), jsonText(expected_));                                     \
        else                                                                                       \
            QCOMPARE(sortedKeys((response).object()), sortedKeys(expected_));                      \
    } while (false)

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
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<bool>("exact");

        const QByteArray json = "application/json";
        for (const Endpoint& e : endpoints()) {
            const char* n = e.name;
            const QByteArray field(e.field);
            auto row = [&](const char* what, const QByteArray& body, const Answer& answer,
                           const QByteArray& type = "application/json") {
                QTest::addRow("%s: %s", n, what) << QString::fromLatin1(n) << body << type
                                                 << answer.status << answer.body << answer.exact;
            };
            // Not JSON at all, or not UTF-8.
            row("not json", "this is not json", parseError("illegal value"));
            row("truncated", "{\"" + field + "\":", parseError("object is missing after a comma"));
            row("single quotes", "{'" + field + "':'sk_test_1234567890'}",
                parseError("unterminated object"));
            row("invalid utf-8", withField(e.field, "\"sk_\xff\xfe\xfd_1234567890\""),
                parseError("invalid UTF8 string"));
            row("overlong utf-8", withField(e.field, "\"sk_\xc0\xaf_1234567890\""),
                parseError("invalid UTF8 string"));
            // API.md: a lone or reversed surrogate escape stands for no character; Qt's parser
            // keeps it, and UTF-8 would replace it: refused, never stored as something else.
            const Answer loneSurrogate =
                parseError("Lone surrogate escape in a string: text must be valid Unicode");
            row("lone high surrogate", withField(e.field, "\"\\ud800hostile_1234567890\""),
                loneSurrogate);
            row("lone low surrogate", withField(e.field, "\"sk_\\udc00_1234567890\""),
                loneSurrogate);
            row("reversed surrogates", withField(e.field, "\"sk_\\udc00\\ud800_1234567890\""),
                loneSurrogate);
            row("high surrogate at the end", withField(e.field, "\"sk_test_1234567890\\ud83d\""),
                loneSurrogate);
            row("high surrogate before a letter",
                withField(e.field, "\"sk_\\ud83d\\u0041_1234567890\""), loneSurrogate);
            row("lone surrogate in a name", "{\"\\ud800\":\"sk_test_1234567890\"}", loneSurrogate);
            row("lone surrogate in an unknown field",
                withField(e.field, "\"sk_test_1234567890\"").chopped(1) +
                    ",\"extra\":[\"\\udfff\"]}",
                loneSurrogate);
            // A form body's bytes must be UTF-8 too.
            const QByteArray form = "application/x-www-form-urlencoded";
            const Answer formNotUtf8{
                400, R"({"detail":"Form parse error - the body is not valid UTF-8."})"};
            row("form: invalid utf-8", field + "=sk_%ff_1234567890", formNotUtf8, form);
            row("form: encoded surrogate", field + "=sk_%ed%a0%80_1234567890", formNotUtf8, form);
            row("form: invalid utf-8 in a name", "%c0%af=1", formNotUtf8, form);
            // JSON allows a parser to limit the range of numbers (RFC 8259 §6); this one does.
            row("number too big for a double", withField(e.field, "1e999"),
                parseError("illegal number"));
            // Unescaped control characters are not JSON (RFC 8259 §7).
            const QByteArray rawNul =
                withField(e.field, QByteArray("\"sk_test_\0_1234567890\"", 22));
            row("raw NUL in a string", rawNul, controlCharacterIn(rawNul));
            const QByteArray rawNewline = withField(e.field, "\"sk_test\n_1234567890\"");
            row("raw newline in a string", rawNewline, controlCharacterIn(rawNewline));
            // JSON, but not an object.
            row("array", "[1,2,3]", notAnObject(e, "list"));
            row("array of the object", "[" + withField(e.field, "\"sk_test_1234567890\"") + "]",
                notAnObject(e, "list"));
            row("string", "\"sk_test_1234567890\"", notAnObject(e, "str"));
            row("number", "42", notAnObject(e, "int"));
            row("true", "true", notAnObject(e, "bool"));
            row("null", "null", notAnObject(e, "NoneType"));
            const Answer tooDeep = parseError("too deeply nested document");
            row("deep arrays", QByteArray(10000, '['), tooDeep);
            row("deep arrays, closed", nested(10000, '[', ']'), tooDeep);
            row("deep arrays in the field", withField(e.field, nested(10000, '[', ']')), tooDeep);
            row("deep objects in the field", withField(e.field, nestedObjects(5000)), tooDeep);
            // Wrong types where a string is required.
            row("field true", withField(e.field, "true"), e.wrongType);
            row("field false", withField(e.field, "false"), e.wrongType);
            row("field array", withField(e.field, "[\"sk_test_1234567890\"]"), e.wrongType);
            row("field object", withField(e.field, "{\"v\":\"sk_test_1234567890\"}"), e.wrongType);
            row("field empty array", withField(e.field, "[]"), e.wrongType);
            // Bodies the type says are not JSON.
            row("json as text/plain", withField(e.field, "\"sk_test_1234567890\""),
                unsupportedMediaType("text/plain"), "text/plain");
            row("json as application/xml", withField(e.field, "\"sk_test_1234567890\""),
                unsupportedMediaType("application/xml"), "application/xml");
            // Missing fields (an empty body is an empty object). PUT/PATCH take any subset.
            if (qstrcmp(e.method, "POST") == 0) {
                row("empty body", "", e.missing);
                row("empty object", "{}", e.missing);
                row("unknown field only", "{\"unknown\":\"sk_test_1234567890\"}", e.missing);
                row("field null", withField(e.field, "null"), e.null);
            }
        }

        auto add = [&](const char* endpoint, const char* what, const QByteArray& body,
                       const Answer& answer) {
            QTest::addRow("%s: %s", endpoint, what) << QString::fromLatin1(endpoint) << body << json
                                                    << answer.status << answer.body << answer.exact;
        };
        // Deviation from API.md §2 ("a number is taken as its decimal text, as DRF does"): a
        // number too long for a double is taken as the text of the double, e.g.
        // "1.2345678901234568e+29", and for a token or a password it is called no string (DRF
        // would take the digits: a bad token (401), a wrong password).
        auto deviating = [](int status, const QByteArray& body) {
            return Answer{status, body, false};
        };
        // Endpoint-specific: missing one of two fields, huge numbers, long values, NUL escapes.
        const Answer loginRequired{400, R"({"error":"Username and password are required"})"};
        const Answer loginRefused{401, R"({"error":"Invalid username or password"})"};
        add("login", "username only", R"({"username":"alice"})", loginRequired);
        add("login", "password only", R"({"password":"alice long password"})", loginRequired);
        // API.md §1: a username or password that is no string gets the 400.
        add("login", "huge number username",
            R"({"username":123456789012345678901234567890,"password":"alice long password"})",
            loginRequired);
        add("login", "256-char username",
            R"({"username":")" + QByteArray(256, 'a') + R"(","password":"x"})", loginRefused);
        add("login", "NUL in username",
            "{\"username\":\"alice\\u0000\",\"password\":\"alice long password\"}", loginRefused);
        add("refresh", "huge number", R"({"refresh_token":123456789012345678901234567890})",
            deviating(400, fieldsRequired("refresh_token").body));
        Answer refreshNull = fieldsRequired("refresh_token"); // SimpleJWT: may not be null
        refreshNull.exact = false;
        add("refresh", "refresh null", R"({"refresh":null})", refreshNull);
        add("logout", "huge number", R"({"refresh_token":123456789012345678901234567890})",
            deviating(400, fieldsRequired("refresh_token").body));
        add("change-password", "old only", R"({"old_password":"alice long password"})",
            fieldsRequired("new_password"));
        add("change-password", "new only", R"({"new_password":"a brand new password"})",
            fieldsRequired("old_password"));
        const Answer oldNotAString{400, R"({"old_password":["Not a valid string."]})"};
        const Answer newNotAString{400, R"({"new_password":["Not a valid string."]})"};
        add("change-password", "old true",
            R"({"old_password":true,"new_password":"a brand new password"})", oldNotAString);
        add("change-password", "new true",
            R"({"old_password":"alice long password","new_password":true})", newNotAString);
        add("change-password", "new array",
            R"({"old_password":"alice long password","new_password":["a brand new password"]})",
            newNotAString);
        Answer newNull = newNotAString; // API.md §2, as DRF: "This field may not be null."
        newNull.exact = false;
        add("change-password", "new null",
            R"({"old_password":"alice long password","new_password":null})", newNull);
        add("change-password", "huge number old",
            R"({"old_password":123456789012345678901234567890,"new_password":"a brand new password"})",
            deviating(400, oldNotAString.body));
        add("create", "provider huge number",
            R"({"provider":123456789012345678901234567890,"api_key":"pk_test_1234567890","private_key":"sk_test_1234567890"})",
            deviating(400, notAChoice("provider", "1.2345678901234568e+29")));
        add("create", "environment huge number",
            R"({"provider":"instasend","api_key":"pk_test_1234567890","private_key":"sk_test_1234567890","environment":123456789012345678901234567890})",
            deviating(400, notAChoice("environment", "1.2345678901234568e+29")));
        const Answer apiKeyTooLong{
            400, R"({"api_key":["Ensure this field has no more than 255 characters."]})"};
        const Answer apiKeyNul{400, R"({"api_key":["Null characters are not allowed."]})"};
        add("create", "api_key 256",
            R"({"provider":"kopokopo","api_key":")" + QByteArray(256, 'a') +
                R"(","private_key":"sk_test_1234567890"})",
            apiKeyTooLong);
        add("create", "private_key 256",
            R"({"provider":"kopokopo","api_key":"pk_test_1234567890","private_key":")" +
                QByteArray(256, 'a') + R"("})",
            {400, R"({"private_key":["Ensure this field has no more than 255 characters."]})"});
        add("create", "NUL escape in private_key",
            "{\"provider\":\"kopokopo\",\"api_key\":\"pk_test_1234567890\",\"private_key\":\"sk_"
            "test_\\u0000_1234567890\"}",
            {400, R"({"private_key":["Null characters are not allowed."]})"});
        add("create", "NUL escape in api_key",
            "{\"provider\":\"kopokopo\",\"api_key\":\"pk_test_\\u0000_1234567890\",\"private_key\":"
            "\"sk_test_1234567890\"}",
            apiKeyNul);
        add("create", "duplicate provider",
            R"({"provider":"kopokopo","api_key":"pk_test_1234567890","private_key":"sk_test_1234567890"})",
            {400,
             R"({"non_field_errors":["You already have credentials for kopokopo. Update existing credentials instead."]})"});
        const Answer notABoolean{400, R"({"is_active":["Must be a valid boolean."]})"};
        for (const char* m : {"put", "patch"}) {
            add(m, "api_key 256", R"({"api_key":")" + QByteArray(256, 'a') + R"("})",
                apiKeyTooLong);
            add(m, "api_key null", R"({"api_key":null})",
                {400, R"({"api_key":["This field may not be null."]})"});
            add(m, "api_key short", R"({"api_key":"short"})",
                {400, R"({"non_field_errors":["API key must be at least 10 characters long"]})"});
            add(m, "NUL escape in api_key", "{\"api_key\":\"pk_test_\\u0000_1234567890\"}",
                apiKeyNul);
            add(m, "environment huge number", R"({"environment":123456789012345678901234567890})",
                deviating(400, notAChoice("environment", "1.2345678901234568e+29")));
            // Python's str(True), as DRF's ChoiceField writes it.
            add(m, "environment true", R"({"environment":true})",
                {400, notAChoice("environment", "True")});
            add(m, "environment not a choice", R"({"environment":"staging"})",
                {400, notAChoice("environment", "staging")});
            add(m, "is_active huge number", R"({"is_active":123456789012345678901234567890})",
                notABoolean);
            add(m, "is_active text", R"({"is_active":"maybe"})", notABoolean);
            add(m, "valid field with a bad one",
                R"({"environment":"live","api_key":"pk_new_key_1234567890","is_active":"maybe"})",
                notABoolean);
        }
        const Answer privateKeyShort{
            400, R"({"error":"Private key must be at least 10 characters long"})"};
        add("update-private-key", "short", R"({"private_key":"short"})", privateKeyShort);
        add("update-private-key", "whitespace around short", R"({"private_key":"   short   "})",
            privateKeyShort);
        // As the seed's server: a key of only whitespace is sent, and too short once trimmed.
        add("update-private-key", "whitespace only", R"({"private_key":"            "})",
            privateKeyShort);
        add("update-private-key", "escaped whitespace only", R"({"private_key":"\t\n\r \t"})",
            privateKeyShort);
    }
    void badBodies() {
        QFETCH(QString, endpoint);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(int, status);
        QFETCH(QByteArray, expected);
        QFETCH(bool, exact);
        const Endpoint e = endpointNamed(endpoint);
        QByteArray path(e.path);
        path.replace("{id}", QByteArray::number(m_credential));

        const Snapshot before = snapshot(backend().database(), e.excluded);
        api::ApiRequest request = makeRequest(e.method, path, body, contentType,
                                              e.authenticated ? "Bearer " + m_token : QByteArray());
        if (body.isEmpty())
            request.headers.append({"Content-Type", contentType});
        const auto response = backend().handle(request);

        EXPECT_ANSWER(response, (Answer{status, expected, exact}));
        if (endpoint == QLatin1String("login")) {
            // The login's 401 challenge header is checked once, in tst_api_auth
            // (loginFailureSendsWwwAuthenticate); here only what bad input must not break.
            QCOMPARE(response.header("X-Content-Type-Options"), QByteArray("nosniff"));
        } else {
            PAYCRED_CHECK_COMMON(response)
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
        QTest::addColumn<int>("kindValue");
        auto row = [](const char* name, const QByteArray& target, PathKind kind) {
            QTest::addRow("%s", name) << target << int(kind);
        };
        row("dot-dot", "/payments/credentials/1/../2/", NoRoute);
        row("dot-dot to another resource", "/payments/credentials/1/../../../users/me/", NoRoute);
        row("dot", "/payments/credentials/./1/", NoRoute);
        row("encoded dot-dot", "/payments/credentials/1/%2e%2e/2/", NoRoute);
        row("encoded dot-dot upper", "/payments/credentials/%2E%2E/%2E%2E/users/me/", NoRoute);
        row("encoded slash", "/payments/credentials/1%2f..%2f2/", NoSuchCredential);
        row("encoded NUL", "/payments/credentials/%00/", NoSuchCredential);
        row("bad escape", "/payments/credentials/%zz/", NoSuchCredential);
        row("truncated escape", "/payments/credentials/1%", NoSuchCredential);
        row("double slashes", "//payments//credentials//", NoRoute);
        row("double slash before id", "/payments/credentials//1/", NoRoute);
        row("double slash after id", "/payments/credentials/1//", NoRoute);
        row("triple slash end", "/payments/credentials/1/verify///", NoRoute);
        row("backslashes", "/payments\\credentials\\1\\", NoRoute);
        row("long path", "/" + QByteArray(100000, 'a'), NoRoute);
        row("long id", "/payments/credentials/" + QByteArray(5000, '9') + "/", NoSuchCredential);
        row("long provider", "/payments/credentials/provider/" + QByteArray(10000, 'p') + "/",
            NoSuchProvider);
        row("many segments",
            QByteArray("/payments/credentials").append(QByteArray("/1").repeated(5000)), NoRoute);
        row("space in path", "/payments/credentials/1 2/", NoSuchCredential);
        row("invalid utf-8", "/payments/credentials/\xff\xfe/", NoSuchCredential);
        row("unicode digits", "/payments/credentials/\xd9\xa1/",
            NoSuchCredential); // ARABIC-INDIC DIGIT ONE
        row("fullwidth digit", "/payments/credentials/\xef\xbc\x91/", NoSuchCredential);
        row("raw NUL", QByteArray("/payments/credentials/1\0/", 25), NoSuchCredential);
        row("CRLF", "/payments/credentials/1/\r\nX-Injected: yes", NoRoute);
        row("empty target", "", NoRoute);
        row("asterisk", "*", NoRoute);
        row("no leading slash", "payments/credentials/1/", NoRoute);
        row("only a query", "?a=b", NoRoute);
    }
    void hostilePaths() {
        QFETCH(QByteArray, target);
        QFETCH(int, kindValue);
        const auto kind = static_cast<PathKind>(kindValue);
        for (const char* method : {"GET", "DELETE", "POST"}) {
            const Snapshot before = snapshot(backend().database(), kAudit);
            const auto response = backend().handle(
                makeRequest(method, target, qstrcmp(method, "POST") == 0 ? "{}" : QByteArray(),
                            "application/json", "Bearer " + m_token));
            // GET and DELETE are the methods of a credential's path, GET alone a provider's.
            const bool allowed = qstrcmp(method, "GET") == 0 ||
                                 (kind == NoSuchCredential && qstrcmp(method, "DELETE") == 0);
            QJsonObject expected{{"detail", "Not found."}};
            int status = 404;
            if (kind != NoRoute && !allowed) {
                status = 405;
                expected = {{"detail", QStringLiteral("Method \"%1\" not allowed.").arg(method)}};
            } else if (kind == NoSuchCredential) {
                expected = {{"error", kNotFound}};
            } else if (kind == NoSuchProvider) {
                // The name is echoed, its first 100 characters at most.
                const QByteArray provider = target.split('/').value(4).left(100);
                expected = {{"error", "No credentials found for " + QString::fromLatin1(provider)}};
            }
            QVERIFY2(response.status == status, qPrintable(QStringLiteral("%1: expected %2, got %3")
                                                               .arg(QLatin1String(method))
                                                               .arg(status)
                                                               .arg(describe(response))));
            QCOMPARE(bodyText(response), jsonText(expected));
            PAYCRED_CHECK_COMMON(response)
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
        // Authorization: odd bytes never crash and never authenticate. SimpleJWT splits the
        // header on any whitespace, so only whitespace around the real token still passes.
        const auto list = [this](const QByteArray& authorization) {
            return backend().handle(
                makeRequest("GET", "/payments/credentials/", {}, {}, authorization));
        };
        for (const QByteArray& value :
             {QByteArray("Bearer \xff\xfe"), QByteArray("Bearer ") + QByteArray(100000, 'a'),
              QByteArray("Bearer ") + m_token + QByteArray("\0", 1),
              QByteArray("Bearer ") + QByteArray(3000, '.'),
              QByteArray("Bearer ") + nested(2000, '[', ']')}) {
            EXPECT_JSON(list(value), 401, kTokenNotValid);
        }
        for (const QByteArray& value :
             {QByteArray("Bearer\t") + m_token, QByteArray("  Bearer ") + m_token + "  "}) {
            const auto response = list(value);
            EXPECT_STATUS(response, 200);
            QCOMPARE(response.document().array().size(), 2);
        }
        // Two Authorization headers, the first one of another scheme: not authenticated.
        api::ApiRequest request = makeRequest("GET", "/payments/credentials/", {}, {}, "Basic x");
        request.headers.append({"Authorization", "Bearer " + m_token});
        EXPECT_JSON(backend().handle(request), 401,
                    QJsonObject{{"detail", "Authentication credentials were not provided."}});

        // Odd Content-Type values, on a form-encoded body.
        const QByteArray longType(5000, 'x');
        const QList<QPair<QByteArray, Answer>> types{
            {"", unsupportedMediaType("")},
            {"application/json; charset=latin1; x=\xff", parseError("illegal number")},
            {longType, unsupportedMediaType(longType.left(200))}, // echoed, 200 bytes at most
            // A parameter without a value does not hide the type: the form is read.
            {"application/x-www-form-urlencoded; charset",
             {200, QByteArray(R"({"credentials_id":)") + QByteArray::number(m_credential) +
                       R"(,"provider":"kopokopo","provider_display":"KopoKopo",)"
                       R"("is_valid":false,"message":"Invalid private key"})"}},
        };
        for (const auto& [type, answer] : types) {
            const Snapshot before = snapshot(backend().database(), kAudit);
            api::ApiRequest r = makeRequest("POST", credentialPath(m_credential, "verify"),
                                            "private_key=x", {}, "Bearer " + m_token);
            r.headers.append({"Content-Type", type});
            const auto response = backend().handle(r);
            EXPECT_ANSWER(response, answer);
            PAYCRED_CHECK_COMMON(response)
            EXPECT_UNCHANGED(before, snapshot(backend().database(), kAudit));
        }
    }
};

QTEST_GUILESS_MAIN(TestApiBadInput)
#include "tst_api_badinput.moc"
