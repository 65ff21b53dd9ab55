opsdeck_add_qtest(tst_end_to_end SOURCES integration/tst_end_to_end.cpp
  LIBS opsdeck_runtime opsdeck_sim opsdeck_store LABELS integration TIMEOUT 240)
add_dependencies(tst_end_to_end opsdeck)

# Issue 15: a second gateway on the same file retires the first run's open orders.
opsdeck_add_qtest(tst_retire_e2e SOURCES integration/tst_retire_e2e.cpp
  LIBS opsdeck_gui opsdeck_runtime opsdeck_sim opsdeck_store LABELS integration TIMEOUT 120)

# Issue 16: past the queues' bounds the console sheds, resyncs, and ends equal to the truth.
opsdeck_add_qtest(tst_shed_flood SOURCES integration/tst_shed_flood.cpp
  LIBS opsdeck_runtime opsdeck_sim opsdeck_store LABELS integration feed TIMEOUT 120)
