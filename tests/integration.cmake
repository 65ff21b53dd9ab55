opsdeck_add_qtest(tst_end_to_end SOURCES integration/tst_end_to_end.cpp
  LIBS opsdeck_runtime opsdeck_sim opsdeck_store LABELS integration TIMEOUT 240)
add_dependencies(tst_end_to_end opsdeck)
