# tst_sessions_server: the sessions dialog and the live-key step-up against a real paycred-server.
if(TARGET tst_sessions_server)
    add_dependencies(tst_sessions_server paycred-server)
    set_tests_properties(tst_sessions_server PROPERTIES TIMEOUT 300)
endif()
