# tst_nosecretlogs starts a real paycred-server for its server-mode case.
if(TARGET tst_nosecretlogs)
    add_dependencies(tst_nosecretlogs paycred-server)
    set_tests_properties(tst_nosecretlogs PROPERTIES TIMEOUT 240)
endif()
