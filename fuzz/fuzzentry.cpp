// One libFuzzer executable per target: PAYCRED_FUZZ_TARGET names the function in fuzztarget.h.
#include "fuzz/fuzztarget.h"

#include <QCoreApplication>

#include <cstddef>
#include <cstdint>

#define PAYCRED_FUZZ_CONCAT(a, b) a##b
#define PAYCRED_FUZZ_FUNCTION(name) PAYCRED_FUZZ_CONCAT(fuzz, name)

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
    // Qt's SQL drivers want an application object (the router target's database).
    static QCoreApplication app(*argc, *argv);
    paycred::fuzz::quietQtLogs();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    paycred::fuzz::PAYCRED_FUZZ_FUNCTION(PAYCRED_FUZZ_TARGET)(
        QByteArrayView(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)));
    return 0;
}
