# tst_desktopapp_server: the whole app against a real paycred-server (ServerProcess).
if(TARGET tst_desktopapp_server)
    add_dependencies(tst_desktopapp_server paycred-server)
    set_tests_properties(tst_desktopapp_server PROPERTIES TIMEOUT 300)
endif()
