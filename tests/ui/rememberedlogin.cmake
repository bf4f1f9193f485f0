# tst_rememberedlogin needs a real Secret Service: its main() re-runs itself through
# tests/vault/with-keychain.sh (a private D-Bus session with an unlocked gnome-keyring in a
# throw-away HOME), as tst_rememberedunlock does, so the user's own keychain is never touched.
# It also starts a real paycred-server for the server-mode cases.
if(TARGET tst_rememberedlogin)
    target_compile_definitions(tst_rememberedlogin PRIVATE
        PAYCRED_WITH_KEYCHAIN="${PROJECT_SOURCE_DIR}/tests/vault/with-keychain.sh")
    add_dependencies(tst_rememberedlogin paycred-server)
    # Bounded: every keychain wait in the suite has its own limit well below this.
    set_tests_properties(tst_rememberedlogin PROPERTIES TIMEOUT 300)
endif()
