# tst_audittab_server: the Audit log tab against a real paycred-server (ServerProcess), through
# ServerTap (what went on the wire).
if(TARGET tst_audittab_server)
    add_dependencies(tst_audittab_server paycred-server)
    set_tests_properties(tst_audittab_server PROPERTIES TIMEOUT 300)
endif()
