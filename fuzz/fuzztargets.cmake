# paycred_fuzz_targets: every fuzz target's one-input function (fuzz/fuzztarget.h), built by the
# fuzz preset (clang, under libFuzzer) and by the normal build (tests/fuzz's regression replay).
if(TARGET paycred_fuzz_targets)
    return()
endif()
set(PAYCRED_FUZZ_TARGETS RequestBody Router Jwt Fernet PasswordHasher Backup HttpRequest)
set(PAYCRED_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})
add_library(paycred_fuzz_targets STATIC
    ${PAYCRED_FUZZ_DIR}/fuzztarget.h
    ${PAYCRED_FUZZ_DIR}/quietqtlogs.cpp
    ${PAYCRED_FUZZ_DIR}/requestbody.cpp
    ${PAYCRED_FUZZ_DIR}/router.cpp
    ${PAYCRED_FUZZ_DIR}/jwt.cpp
    ${PAYCRED_FUZZ_DIR}/fernet.cpp
    ${PAYCRED_FUZZ_DIR}/passwordhasher.cpp
    ${PAYCRED_FUZZ_DIR}/backup.cpp
    ${PAYCRED_FUZZ_DIR}/httprequest.cpp
    ${PROJECT_SOURCE_DIR}/app/server/httprequestreader.cpp
    ${PROJECT_SOURCE_DIR}/app/server/httprequestreader.h)
target_include_directories(paycred_fuzz_targets PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(paycred_fuzz_targets PUBLIC paycred_core Qt6::Sql Boost::headers
    OpenSSL::Crypto PRIVATE paycred_warnings)
target_compile_definitions(paycred_fuzz_targets PRIVATE BOOST_ASIO_NO_DEPRECATED QT_NO_KEYWORDS)
