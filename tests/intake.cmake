# Intake controls (issue 6): command layer against a real gateway, `opsdeck ctl`, the
# intake panel and its service.
set(OPSDECK_INTAKE_TEST_DIR ${CMAKE_CURRENT_SOURCE_DIR}/intake)

opsdeck_add_qtest(tst_intake_commands
  SOURCES ${OPSDECK_INTAKE_TEST_DIR}/tst_intake_commands.cpp ${OPSDECK_INTAKE_TEST_DIR}/IntakeFixture.h
  LIBS opsdeck_intake opsdeck_runtime opsdeck_sim
  LABELS intake integration
  TIMEOUT 180)
target_include_directories(tst_intake_commands PRIVATE ${OPSDECK_INTAKE_TEST_DIR})

opsdeck_add_qtest(tst_intake_ctl
  SOURCES ${OPSDECK_INTAKE_TEST_DIR}/tst_intake_ctl.cpp
  LIBS opsdeck_sim opsdeck_store opsdeck_feed
  LABELS intake integration
  TIMEOUT 120)
target_compile_definitions(tst_intake_ctl PRIVATE OPSDECK_BINARY="$<TARGET_FILE:opsdeck>")
add_dependencies(tst_intake_ctl opsdeck)

opsdeck_add_qtest(tst_intake_service
  SOURCES ${OPSDECK_INTAKE_TEST_DIR}/tst_intake_service.cpp ${OPSDECK_INTAKE_TEST_DIR}/IntakeFixture.h
  LIBS opsdeck_intake_host opsdeck_runtime opsdeck_sim
  LABELS intake integration
  TIMEOUT 180)
target_include_directories(tst_intake_service PRIVATE ${OPSDECK_INTAKE_TEST_DIR})

opsdeck_add_qtest(tst_intake_panel
  SOURCES ${OPSDECK_INTAKE_TEST_DIR}/tst_intake_panel.cpp ${OPSDECK_INTAKE_TEST_DIR}/IntakeFixture.h
  LIBS opsdeck_intake_host opsdeck_runtime opsdeck_sim opsdeck_gui opsdeck_widgets
  LABELS intake ui
  TIMEOUT 180)
target_include_directories(tst_intake_panel PRIVATE ${OPSDECK_INTAKE_TEST_DIR})
target_compile_definitions(tst_intake_panel PRIVATE
  OPSDECK_PLUGIN_DIR="${OPSDECK_PLUGIN_OUTPUT_DIR}"
  OPSDECK_SCREENSHOT_DIR="${CMAKE_BINARY_DIR}/screenshots"
  OPSDECK_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
add_dependencies(tst_intake_panel opsdeck_ops_manager)

opsdeck_add_qtest(tst_intake_lazy_pirate
  SOURCES ${OPSDECK_INTAKE_TEST_DIR}/tst_intake_lazy_pirate.cpp
  LIBS opsdeck_feed
  LABELS intake feed integration
  TIMEOUT 60)

opsdeck_add_qtest(tst_intake_core
  SOURCES ${OPSDECK_INTAKE_TEST_DIR}/tst_intake_core.cpp
  LIBS opsdeck_intake
  LABELS intake unit
  TIMEOUT 30)
