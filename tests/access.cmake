# Issue 17: the one permission check. Every role x every Permission (table-driven from
# kPermissionNames, so a new permission without a row fails), scopes by depot and merchant,
# and enforcement through the real services (ROUTER socket, SQLite file).
opsdeck_add_qtest(tst_access_matrix SOURCES access/tst_access_matrix.cpp LIBS opsdeck_core LABELS unit access)
opsdeck_add_qtest(tst_access_enforcement
  SOURCES access/tst_access_enforcement.cpp access/TestAccess.h board/BoardFixtures.h
  LIBS opsdeck_board_host opsdeck_widgets
  LABELS access integration ui
  TIMEOUT 60)
opsdeck_add_qtest(tst_access_scope
  SOURCES access/tst_access_scope.cpp access/TestAccess.h store/StoreFixtures.h
  LIBS opsdeck_assembly
  LABELS access store ui
  TIMEOUT 60)
target_compile_definitions(tst_access_scope PRIVATE ${OPSDECK_APP_TEST_DEFS})
add_dependencies(tst_access_scope opsdeck_merchant)
# Issue 17: action buttons only for the roles the host lets act (the real window, per role).
opsdeck_add_qtest(tst_access_buttons
  SOURCES access/tst_access_buttons.cpp
  LIBS opsdeck_assembly opsdeck_scripted_gateway
  LABELS access ui integration
  TIMEOUT 60)
target_compile_definitions(tst_access_buttons PRIVATE ${OPSDECK_APP_TEST_DEFS})
add_dependencies(tst_access_buttons opsdeck_dispatcher opsdeck_merchant opsdeck_ops_manager)
