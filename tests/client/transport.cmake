# Wiring for the transport suites (tst_httptransport, tst_embeddedtransport).

# tst_httptransport: a real paycred-server through ServerProcess (tests/server), and Debian's
# openssl for s_server and a self-signed certificate.
find_program(PAYCRED_OPENSSL_EXECUTABLE openssl REQUIRED)
target_link_libraries(tst_httptransport PRIVATE paycred_server_test_support)
target_compile_definitions(tst_httptransport PRIVATE
    PAYCRED_OPENSSL_EXECUTABLE="${PAYCRED_OPENSSL_EXECUTABLE}")
add_dependencies(tst_httptransport paycred-server)
