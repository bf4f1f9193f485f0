#pragma once

#include <QByteArrayView>

namespace paycred::fuzz {

// FuzzTarget: one input of one fuzz target. Returns on every input; a crash, a failed assertion
// or a sanitizer report is a finding. The same functions run under libFuzzer (fuzz/) and in the
// regression suite (tests/fuzz), which replays every kept input.
struct FuzzTarget {
    const char* name; // the folder under fuzz/corpus/ and tests/fuzz/regressions/
    void (*run)(QByteArrayView input);
};

void fuzzRequestBody(QByteArrayView input);
void fuzzRouter(QByteArrayView input);
void fuzzJwt(QByteArrayView input);
void fuzzFernet(QByteArrayView input);
void fuzzPasswordHasher(QByteArrayView input);
void fuzzBackup(QByteArrayView input);
void fuzzHttpRequest(QByteArrayView input);

// Every target, in the order scripts/fuzz runs them.
inline constexpr FuzzTarget FuzzTargets[] = {
    {"requestbody", &fuzzRequestBody},
    {"router", &fuzzRouter},
    {"jwt", &fuzzJwt},
    {"fernet", &fuzzFernet},
    {"passwordhasher", &fuzzPasswordHasher},
    {"backup", &fuzzBackup},
    {"httprequest", &fuzzHttpRequest},
};

// Qt's log output silenced (a fuzzer's millions of inputs would drown the terminal); qFatal
// still aborts, so it stays a finding.
void quietQtLogs();

} // namespace paycred::fuzz
