# Issue 17: the tamper-evident audit trail (chained audit_log, verify, the audit panel).
opsdeck_add_qtest(tst_audit_chain
  SOURCES audit/tst_audit_chain.cpp
  LIBS opsdeck_store SQLite::SQLite3
  LABELS audit store
  TIMEOUT 60)

# Everything below needs the app (the binary, the GUI): left to the full build.
if(OPSDECK_LIBS_ONLY)
  return()
endif()

# `opsdeck audit verify|list` and the audited --with-personal-data export: the real binary.
opsdeck_add_qtest(tst_audit_cli
  SOURCES audit/tst_audit_cli.cpp
  LIBS opsdeck_store SQLite::SQLite3
  LABELS audit app
  TIMEOUT 60)
target_compile_definitions(tst_audit_cli PRIVATE OPSDECK_BINARY="$<TARGET_FILE:opsdeck>")
add_dependencies(tst_audit_cli opsdeck)

# Every command-line path (user, ctl, export, audit list, key rotate) audits into the
# chain and checks the signed-in principal with the one permission table.
opsdeck_add_qtest(tst_audit_everywhere
  SOURCES audit/tst_audit_everywhere.cpp
  LIBS opsdeck_store SQLite::SQLite3
  LABELS audit app
  TIMEOUT 120)
target_compile_definitions(tst_audit_everywhere PRIVATE OPSDECK_BINARY="$<TARGET_FILE:opsdeck>")
add_dependencies(tst_audit_everywhere opsdeck)

# The audit panel (Designer form ui/audit/): filters and CSV export with QTest.
opsdeck_add_qtest(tst_audit_panel
  SOURCES audit/tst_audit_panel.cpp
  LIBS opsdeck_gui
  LABELS audit ui
  TIMEOUT 60)

# Alert rule edits on the trail (the rules editor saves through AlertServiceHost::applyRules).
opsdeck_add_qtest(tst_audit_rules
  SOURCES audit/tst_audit_rules.cpp
  LIBS opsdeck_gui
  LABELS audit alerts
  TIMEOUT 60)

# The assembled window: the panel's menu entry by role, a console rule edit on the panel.
opsdeck_add_qtest(tst_audit_window
  SOURCES audit/tst_audit_window.cpp
  LIBS opsdeck_assembly opsdeck_scripted_gateway
  LABELS audit ui integration
  TIMEOUT 60)
# Issue 17: the data key rotated from the running console while events arrive.
opsdeck_add_qtest(tst_key_rotation_live
  SOURCES audit/tst_key_rotation_live.cpp
  LIBS opsdeck_assembly opsdeck_scripted_gateway opsdeck_sim
  LABELS audit store ui integration
  TIMEOUT 120)
