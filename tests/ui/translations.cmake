# tst_translations reads each checked-in .ts from the source tree as well as the released
# catalogues the support library embeds: their lists, and the reviewed identical translations.
list(JOIN PAYCRED_TS_FILES "," paycred_ts)
list(JOIN PAYCRED_QT_TS_FILES "," paycred_qt_ts)
target_compile_definitions(tst_translations PRIVATE
    PAYCRED_TRANSLATIONS="${paycred_ts}" PAYCRED_QT_TRANSLATIONS="${paycred_qt_ts}"
    PAYCRED_REVIEWED_IDENTICAL="${CMAKE_CURRENT_SOURCE_DIR}/translations_identical.txt")
