# GUI, plugin host and dispatcher plugin tests: offscreen, real widgets, real plugin files.

# --- Fixture plugins: one MODULE per failure mode, in a test-only plugin directory ----
set(OPSDECK_FIXTURE_PLUGIN_DIR ${CMAKE_BINARY_DIR}/tests/fixtures/plugins)
set(OPSDECK_FIXTURE_TARGETS)

# opsdeck_fixture_plugin(<name> [FAIL_INIT] [MINIMAL] [IID <iid>]): builds fixture_<name>.so
# from FixturePlugin.h.in with fixtures/plugins/<name>.json as its metadata. The IID is the
# SDK's own (OPSDECK_ROLE_PLUGIN_IID) unless given; MINIMAL writes only createPanels().
function(opsdeck_fixture_plugin name)
  cmake_parse_arguments(F "FAIL_INIT;MINIMAL" "IID" "" ${ARGN})
  set(FIXTURE_NAME ${name})
  set(FIXTURE_CLASS Fixture_${name})
  set(FIXTURE_JSON ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/plugins/${name}.json)
  set(FIXTURE_IID OPSDECK_ROLE_PLUGIN_IID)
  if(F_IID)
    set(FIXTURE_IID "\"${F_IID}\"")
  endif()
  set(FIXTURE_FAIL_INIT false)
  if(F_FAIL_INIT)
    set(FIXTURE_FAIL_INIT true)
  endif()
  set(FIXTURE_MINIMAL 0)
  if(F_MINIMAL)
    set(FIXTURE_MINIMAL 1)
  endif()
  set(gen ${CMAKE_CURRENT_BINARY_DIR}/fixtures/${name})
  configure_file(${CMAKE_CURRENT_SOURCE_DIR}/fixtures/FixturePlugin.h.in ${gen}/FixturePlugin.h @ONLY)
  add_library(fixture_${name} MODULE ${gen}/FixturePlugin.h ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/FixturePlugin.cpp)
  target_include_directories(fixture_${name} PRIVATE ${gen})
  target_link_libraries(fixture_${name} PRIVATE opsdeck_sdk Qt6::Widgets)
  set_target_properties(fixture_${name} PROPERTIES PREFIX "" LIBRARY_OUTPUT_DIRECTORY ${OPSDECK_FIXTURE_PLUGIN_DIR})
  set(OPSDECK_FIXTURE_TARGETS ${OPSDECK_FIXTURE_TARGETS} fixture_${name} PARENT_SCOPE)
endfunction()

opsdeck_fixture_plugin(alpha_dependent)         # good; depends on zulu_base (load order)
opsdeck_fixture_plugin(zulu_base)               # good
opsdeck_fixture_plugin(zz_duplicate)            # second file claiming id zulu_base
opsdeck_fixture_plugin(bad_metadata_missing)    # name and version missing
opsdeck_fixture_plugin(bad_metadata_types)      # sdkVersion a string, roles not an array
opsdeck_fixture_plugin(missing_dependency)
opsdeck_fixture_plugin(incompatible_dependency) # needs zulu_base 2.0, 1.2.0 present
opsdeck_fixture_plugin(wrong_sdk)               # sdkVersion 99
opsdeck_fixture_plugin(wrong_iid IID "org.opsdeck.RolePlugin/9.0")
# A plugin built for SDK 2 (its IID and metadata), and one whose metadata alone is old.
opsdeck_fixture_plugin(sdk2_plugin IID "org.opsdeck.RolePlugin/2.0")
opsdeck_fixture_plugin(sdk2_metadata)           # current IID, sdkVersion 2
opsdeck_fixture_plugin(minimal_defaults MINIMAL) # createPanels() only: the SDK's defaults
opsdeck_fixture_plugin(cycle_a)
opsdeck_fixture_plugin(cycle_b)
opsdeck_fixture_plugin(on_cycle)                # depends on a cycle member
opsdeck_fixture_plugin(init_fails FAIL_INIT)
opsdeck_fixture_plugin(on_init_fails)           # depends on init_fails
opsdeck_fixture_plugin(merchant_only)           # roles ["merchant"]

set(OPSDECK_APP_TEST_DEFS
    OPSDECK_FIXTURE_PLUGIN_DIR="${OPSDECK_FIXTURE_PLUGIN_DIR}"
    OPSDECK_PLUGIN_DIR="${OPSDECK_PLUGIN_OUTPUT_DIR}"
    OPSDECK_SCREENSHOT_DIR="${CMAKE_BINARY_DIR}/screenshots")

opsdeck_add_qtest(tst_plugin_host
  SOURCES ui/tst_plugin_host.cpp
  LIBS opsdeck_gui
  LABELS ui TIMEOUT 30)
target_compile_definitions(tst_plugin_host PRIVATE ${OPSDECK_APP_TEST_DEFS})
add_dependencies(tst_plugin_host ${OPSDECK_FIXTURE_TARGETS} opsdeck_dispatcher)

# Plugins keep their settings in the console's file (--settings), never their own.
opsdeck_add_qtest(tst_plugin_settings
  SOURCES ui/tst_plugin_settings.cpp
  LIBS opsdeck_assembly opsdeck_scripted_gateway
  LABELS ui TIMEOUT 60)
target_compile_definitions(tst_plugin_settings PRIVATE ${OPSDECK_APP_TEST_DEFS})
add_dependencies(tst_plugin_settings opsdeck_dispatcher opsdeck_merchant opsdeck_ops_manager)

opsdeck_add_qtest(tst_order_table_model
  SOURCES ui/tst_order_table_model.cpp
  LIBS opsdeck_widgets
  LABELS ui TIMEOUT 30)

opsdeck_add_qtest(tst_console_context
  SOURCES ui/tst_console_context.cpp
  LIBS opsdeck_gui
  LABELS ui TIMEOUT 30)

opsdeck_add_qtest(tst_feed_status_bar
  SOURCES ui/tst_feed_status_bar.cpp
  LIBS opsdeck_gui
  LABELS ui TIMEOUT 30)

opsdeck_add_qtest(tst_main_window
  SOURCES ui/tst_main_window.cpp
  LIBS opsdeck_gui
  LABELS ui TIMEOUT 60)
target_compile_definitions(tst_main_window PRIVATE ${OPSDECK_APP_TEST_DEFS})
add_dependencies(tst_main_window opsdeck_dispatcher)

opsdeck_add_qtest(tst_console_options
  SOURCES ui/tst_console_options.cpp
  LIBS opsdeck_runtime
  LABELS unit TIMEOUT 30)

# The command line over SSH: --help, --version and refused options without a display.
opsdeck_add_qtest(tst_cli_no_display
  SOURCES ui/tst_cli_no_display.cpp
  LABELS unit TIMEOUT 120)
target_compile_definitions(tst_cli_no_display PRIVATE OPSDECK_BINARY="$<TARGET_FILE:opsdeck>")
add_dependencies(tst_cli_no_display opsdeck)

# Issue 16: retention settings (dialog, settings file, --event-retention) and purging in the status bar.
opsdeck_add_qtest(tst_retention_settings
  SOURCES ui/tst_retention_settings.cpp
  LIBS opsdeck_gui
  LABELS ui TIMEOUT 30)

# Issue 18: Security → Erase personal data… on the store thread, audited.
opsdeck_add_qtest(tst_privacy_erase_dialog
  SOURCES ui/tst_privacy_erase_dialog.cpp
  LIBS opsdeck_gui opsdeck_store SQLite::SQLite3
  LABELS ui store TIMEOUT 30)

# Each role's default layout at 1920x1080 in the real window, and Reset layout.
opsdeck_add_qtest(tst_layout
  SOURCES ui/tst_layout.cpp
  LIBS opsdeck_assembly opsdeck_scripted_gateway
  LABELS ui TIMEOUT 120)
target_compile_definitions(tst_layout PRIVATE ${OPSDECK_APP_TEST_DEFS})
add_dependencies(tst_layout opsdeck_dispatcher opsdeck_merchant opsdeck_ops_manager)

# View → Theme: System / Light / Dark on real widgets, kept in the settings file.
opsdeck_add_qtest(tst_theme
  SOURCES ui/tst_theme.cpp
  LIBS opsdeck_assembly opsdeck_scripted_gateway
  LABELS ui TIMEOUT 60)
target_compile_definitions(tst_theme PRIVATE ${OPSDECK_APP_TEST_DEFS})
add_dependencies(tst_theme opsdeck_dispatcher opsdeck_ops_manager)

# Quiet by default; logging/rules in the settings and QT_LOGGING_RULES switch categories on.
opsdeck_add_qtest(tst_logging_rules
  SOURCES ui/tst_logging_rules.cpp
  LIBS opsdeck_runtime
  LABELS unit TIMEOUT 30)

opsdeck_add_qtest(tst_merchant_desk
  SOURCES ui/tst_merchant_desk.cpp
  LIBS opsdeck_gui
  LABELS ui TIMEOUT 60)
target_compile_definitions(tst_merchant_desk PRIVATE ${OPSDECK_APP_TEST_DEFS})
add_dependencies(tst_merchant_desk opsdeck_merchant)
# Issue 18: the merchant's stock view (real plugin, host service, decoded stock events).
opsdeck_add_qtest(tst_merchant_stock
  SOURCES ui/tst_merchant_stock.cpp
  LIBS opsdeck_assembly opsdeck_gui
  LABELS ui TIMEOUT 60)
target_compile_definitions(tst_merchant_stock PRIVATE ${OPSDECK_APP_TEST_DEFS})
add_dependencies(tst_merchant_stock opsdeck_merchant)

# Issue 18: customer-service message templates in English and Chinese, with variables.
opsdeck_add_qtest(tst_message_templates
  SOURCES ui/tst_message_templates.cpp
  LIBS opsdeck_gui
  LABELS ui TIMEOUT 60)

# Every code from the gateway worded in both languages; alert rule names and burst
# subjects; refusals that say what is allowed (issue 14).
opsdeck_add_qtest(tst_code_labels
  SOURCES ui/tst_code_labels.cpp
  LIBS opsdeck_gui opsdeck_board_host opsdeck_widgets opsdeck_sim
  LABELS ui TIMEOUT 120)

# Every user-visible string in the sources is in the Chinese catalogue and translated
# (refresh it with update_translations): lupdate runs over the sources into a copy of it.
set(OPSDECK_TRANSLATIONS_CHECK
    -DTS=${CMAKE_SOURCE_DIR}/resources/translations/opsdeck_zh_CN.ts
    -DLUPDATE=$<TARGET_FILE:Qt6::lupdate>
    -DPROJECT=${CMAKE_BINARY_DIR}/src/app/.lupdate/opsdeck_gui_project.cmake
    -DGENERATOR=${Qt6LinguistTools_DIR}/GenerateLUpdateProject.cmake)
add_test(NAME translations_complete
         COMMAND ${CMAKE_COMMAND} ${OPSDECK_TRANSLATIONS_CHECK} -DWORK=${CMAKE_CURRENT_BINARY_DIR}/i18n-check
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/check_translations.cmake)
set_tests_properties(translations_complete PROPERTIES LABELS unit)
# The check itself: a string planted in the sources and in no catalogue must be named.
add_test(NAME translations_check_finds_missing
         COMMAND ${CMAKE_COMMAND} ${OPSDECK_TRANSLATIONS_CHECK} -DWORK=${CMAKE_CURRENT_BINARY_DIR}/i18n-planted
                 -DEXTRA_SOURCE=${CMAKE_CURRENT_SOURCE_DIR}/i18n/planted_string.cpp
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/check_translations.cmake)
set_tests_properties(translations_check_finds_missing PROPERTIES LABELS unit
                     PASS_REGULAR_EXPRESSION "untranslated: A planted string that no catalogue holds")

# Disk faults (issue 15): the store's status label, the corrupt-database dialog, and the
# runtime's rebuild and resync against a scripted gateway, through SQLite fault injection.
opsdeck_add_qtest(tst_disk_faults
  SOURCES ui/tst_disk_faults.cpp store/FaultVfs.h store/StoreFixtures.h
  LIBS opsdeck_gui opsdeck_runtime opsdeck_scripted_gateway SQLite::SQLite3
  LABELS ui store
  TIMEOUT 60)

# Issue 21: a degraded depot in the status bar and on the map.
opsdeck_add_qtest(tst_feed_degraded_ui
  SOURCES ui/tst_feed_degraded_ui.cpp
  LIBS opsdeck_gui opsdeck_widgets
  LABELS ui TIMEOUT 30)

# Warm start (issue 20): the real window on the embedded opsfeed, seeded, not --cold.
opsdeck_add_qtest(tst_warm_start
  SOURCES ui/tst_warm_start.cpp
  LIBS opsdeck_assembly opsdeck_embedded
  LABELS ui TIMEOUT 60)
target_compile_definitions(tst_warm_start PRIVATE ${OPSDECK_APP_TEST_DEFS})
add_dependencies(tst_warm_start opsdeck_dispatcher)

# Command palette (issue 20): Ctrl+K in the real window on a paused, pre-rolled opsfeed.
opsdeck_add_qtest(tst_palette
  SOURCES ui/tst_palette.cpp
  LIBS opsdeck_assembly opsdeck_sim
  LABELS ui TIMEOUT 60)
target_compile_definitions(tst_palette PRIVATE ${OPSDECK_APP_TEST_DEFS})
add_dependencies(tst_palette opsdeck_dispatcher)

# The guide's screenshots (issue 20): tools/screenshots.sh takes one role's shot from the
# real console offscreen (opsdeck-screenshot); the PNG exists and is not blank.
opsdeck_add_qtest(tst_screenshots
  SOURCES ui/tst_screenshots.cpp
  LIBS Qt6::Gui
  LABELS ui TIMEOUT 180)
target_compile_definitions(tst_screenshots PRIVATE OPSDECK_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
                           OPSDECK_BUILD_DIR="${CMAKE_BINARY_DIR}")
add_dependencies(tst_screenshots opsdeck-screenshot)
