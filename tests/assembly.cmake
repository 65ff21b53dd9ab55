# The one assembly (issue 13): headless and window write the same tables.
opsdeck_add_qtest(tst_one_assembly
  SOURCES assembly/tst_one_assembly.cpp
  LIBS opsdeck_assembly opsdeck_scripted_gateway opsdeck_sim SQLite::SQLite3
  LABELS integration ui TIMEOUT 180)
add_dependencies(tst_one_assembly opsdeck_dispatcher)
