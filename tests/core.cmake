opsdeck_add_qtest(tst_order_state SOURCES core/tst_order_state.cpp LIBS opsdeck_core LABELS unit)
opsdeck_add_qtest(tst_projections SOURCES core/tst_projections.cpp LIBS opsdeck_core LABELS unit)
opsdeck_add_qtest(tst_sla SOURCES core/tst_sla.cpp LIBS opsdeck_sla LABELS unit)
opsdeck_add_qtest(tst_city_geometry SOURCES core/tst_city_geometry.cpp LIBS opsdeck_core LABELS unit TIMEOUT 60)
opsdeck_add_qtest(tst_feed_clock_core SOURCES core/tst_feed_clock_core.cpp LIBS opsdeck_core LABELS unit)
# Issue 15: orders a complete snapshot leaves out are retired (feed sync -> core -> alert rules).
opsdeck_add_qtest(tst_order_retire SOURCES core/tst_order_retire.cpp LIBS opsdeck_feed opsdeck_core LABELS unit)
# Issue 16: queue bounds in events and bytes; a refused batch is shed and its depot resyncs.
opsdeck_add_qtest(tst_queue_bounds SOURCES core/tst_queue_bounds.cpp LIBS opsdeck_feed opsdeck_core LABELS unit feed)
# Issue 16: rider rows written at most once a second of feed time, exact after stop.
opsdeck_add_qtest(tst_rider_coalesce SOURCES core/tst_rider_coalesce.cpp LIBS opsdeck_core LABELS unit)
opsdeck_add_qtest(tst_delta_cadence SOURCES core/tst_delta_cadence.cpp LIBS opsdeck_core LABELS unit)
# Issue 18: the merchant's stock projection, restock suggestion and scoping.
opsdeck_add_qtest(tst_stock_book SOURCES core/tst_stock_book.cpp LIBS opsdeck_core LABELS unit)
