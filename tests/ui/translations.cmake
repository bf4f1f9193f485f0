# tst_translations: the same .ts that paycred compiles in, released the same way (unfinished
# strings left out) and embedded at the same path, ":/i18n/paycred_sw.qm"; the suite also reads the
# .ts itself from the source tree (PAYCRED_SOURCE_DIR).
if(TARGET tst_translations)
    qt_add_lrelease(tst_translations
        TS_FILES ${PROJECT_SOURCE_DIR}/translations/paycred_sw.ts
        OPTIONS -nounfinished
        NO_GLOBAL_TARGET
        QM_FILES_OUTPUT_VARIABLE PAYCRED_TEST_QM_FILES)
    qt_add_resources(tst_translations tst_translations_i18n
        PREFIX /i18n
        BASE ${CMAKE_CURRENT_BINARY_DIR}
        FILES ${PAYCRED_TEST_QM_FILES})
endif()
