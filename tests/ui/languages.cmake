# tst_languages accepts the translations reviewed as identical to their English source.
target_compile_definitions(tst_languages PRIVATE
    PAYCRED_REVIEWED_IDENTICAL="${CMAKE_CURRENT_SOURCE_DIR}/translations_identical.txt")
