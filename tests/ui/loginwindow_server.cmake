# tst_loginwindow_server: a real paycred-server (ServerProcess) and Debian's openssl for a
# self-signed certificate served by `openssl s_server`.
if(TARGET tst_loginwindow_server)
    find_program(PAYCRED_OPENSSL_EXECUTABLE openssl REQUIRED)
    target_compile_definitions(tst_loginwindow_server PRIVATE
        PAYCRED_OPENSSL_EXECUTABLE="${PAYCRED_OPENSSL_EXECUTABLE}")
    add_dependencies(tst_loginwindow_server paycred-server)
    set_tests_properties(tst_loginwindow_server PROPERTIES TIMEOUT 300)
endif()
