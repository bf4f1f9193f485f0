# tst_certificatepins needs a real Secret Service: its main() re-runs itself through
# tests/vault/with-keychain.sh, as tst_rememberedlogin does; the file fallback runs in a child of
# the same binary whose session bus points at nothing.
if(TARGET tst_certificatepins)
    target_compile_definitions(tst_certificatepins PRIVATE
        PAYCRED_WITH_KEYCHAIN="${PROJECT_SOURCE_DIR}/tests/vault/with-keychain.sh")
    set_tests_properties(tst_certificatepins PROPERTIES TIMEOUT 300)
endif()
