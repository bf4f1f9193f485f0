# tst_rememberedunlock needs a real Secret Service. Its main() re-runs itself through
# with-keychain.sh (a private D-Bus session with an unlocked gnome-keyring in a throw-away HOME)
# unless it already runs there, so the plain CTest command (and running the binary by hand) is
# enough. It also writes keychain entries directly, hence QtKeychain.
target_compile_definitions(tst_rememberedunlock PRIVATE
    PAYCRED_WITH_KEYCHAIN="${CMAKE_CURRENT_SOURCE_DIR}/with-keychain.sh")
target_link_libraries(tst_rememberedunlock PRIVATE Qt6Keychain::Qt6Keychain)
# Bounded: every keychain wait in the suite has its own limit well below this.
set_tests_properties(tst_rememberedunlock PROPERTIES TIMEOUT 300)
