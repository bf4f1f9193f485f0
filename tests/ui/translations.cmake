# tst_translations reads each checked-in .ts from the source tree as well as the released
# catalogues paycred_ui embeds: their lists (ui/CMakeLists.txt).
list(JOIN PAYCRED_TS_FILES "," paycred_ts)
list(JOIN PAYCRED_QT_TS_FILES "," paycred_qt_ts)
target_compile_definitions(tst_translations PRIVATE
    PAYCRED_TRANSLATIONS="${paycred_ts}" PAYCRED_QT_TRANSLATIONS="${paycred_qt_ts}")
