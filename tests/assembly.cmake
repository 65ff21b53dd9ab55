# The one assembly (issue 13): headless and window write the same tables.
opsdeck_add_qtest(tst_one_assembly
  SOURCES assembly/tst_one_assembly.cpp
  LIBS opsdeck_assembly opsdeck_scripted_gateway opsdeck_sim SQLite::SQLite3
  LABELS integration ui TIMEOUT 180)
add_dependencies(tst_one_assembly opsdeck_dispatcher)

# Issue 14, "two clocks": the window's assembly on a feed 20x faster than the test's clock.
opsdeck_add_qtest(tst_feed_clock
  SOURCES assembly/tst_feed_clock.cpp
  LIBS opsdeck_assembly opsdeck_scripted_gateway opsdeck_sim opsdeck_widgets
  LABELS integration ui TIMEOUT 180)
add_dependencies(tst_feed_clock opsdeck_dispatcher)

# Issue 16: a console restarted with a shorter event retention purges by its feed clock.
opsdeck_add_qtest(tst_retention_assembly
  SOURCES assembly/tst_retention_assembly.cpp
  LIBS opsdeck_assembly opsdeck_scripted_gateway opsdeck_sim SQLite::SQLite3
  LABELS integration store TIMEOUT 120)
