# tst_vault_crash kills `vaultrotator` (a vault rotating its data key slowly) at random moments
# and checks that the vault opens afterwards with nothing lost.
add_executable(vaultrotator vaultrotator.cpp)
target_link_libraries(vaultrotator PRIVATE paycred_core paycred_warnings)
target_include_directories(vaultrotator PRIVATE ${PROJECT_SOURCE_DIR})

target_compile_definitions(tst_vault_crash PRIVATE
    PAYCRED_VAULTROTATOR="$<TARGET_FILE:vaultrotator>")
add_dependencies(tst_vault_crash vaultrotator)
