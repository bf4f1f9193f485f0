# tst_adminwindow_server: the Administration window against a real paycred-server (ServerProcess),
# through ServerTap (what went on the wire; a server without /admin/).
if(TARGET tst_adminwindow_server)
    add_dependencies(tst_adminwindow_server paycred-server)
    set_tests_properties(tst_adminwindow_server PROPERTIES TIMEOUT 300)
endif()
