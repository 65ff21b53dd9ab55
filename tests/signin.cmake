# Users and sign-in (issue 17): `opsdeck user` on a real SQLite file (the built binary
# through QProcess), the sign-in dialog driven with QTest.
set(OPSDECK_SIGNIN_TEST_DIR ${CMAKE_CURRENT_SOURCE_DIR}/signin)

opsdeck_add_qtest(tst_user_cli
  SOURCES ${OPSDECK_SIGNIN_TEST_DIR}/tst_user_cli.cpp
  LIBS opsdeck_store
  LABELS signin integration
  TIMEOUT 120)
target_compile_definitions(tst_user_cli PRIVATE OPSDECK_BINARY="$<TARGET_FILE:opsdeck>")
add_dependencies(tst_user_cli opsdeck)

opsdeck_add_qtest(tst_signin_dialog
  SOURCES ${OPSDECK_SIGNIN_TEST_DIR}/tst_signin_dialog.cpp
  LIBS opsdeck_gui opsdeck_store
  LABELS signin ui
  TIMEOUT 120)
target_compile_definitions(tst_signin_dialog PRIVATE OPSDECK_SCREENSHOT_DIR="${CMAKE_BINARY_DIR}/screenshots")
