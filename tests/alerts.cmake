# Alerts: rule engine (core), alert store, service and queue (app, widgets), end to end.
opsdeck_add_qtest(tst_alert_engine SOURCES alerts/tst_alert_engine.cpp alerts/AlertFeed.h
  LIBS opsdeck_core opsdeck_widgets opsdeck_gui LABELS unit TIMEOUT 60)
target_compile_definitions(tst_alert_engine PRIVATE OPSDECK_SOURCE_DIR="${CMAKE_SOURCE_DIR}")

# Issue 18, live lateness: sla.promise_missed at the promise, +30 min, ETA moves, signing.
opsdeck_add_qtest(tst_alert_promise SOURCES alerts/tst_alert_promise.cpp alerts/AlertFeed.h
  LIBS opsdeck_core opsdeck_widgets opsdeck_gui LABELS unit TIMEOUT 60)

opsdeck_add_qtest(tst_alert_store SOURCES alerts/tst_alert_store.cpp alerts/AlertFeed.h
  LIBS opsdeck_runtime opsdeck_store LABELS integration TIMEOUT 60)

# Every message code in English and Simplified Chinese (the real catalogue), core and view alike.
opsdeck_add_qtest(tst_alert_messages SOURCES alerts/tst_alert_messages.cpp
  LIBS opsdeck_gui opsdeck_widgets LABELS unit TIMEOUT 30)

opsdeck_add_qtest(tst_alert_rules SOURCES alerts/tst_alert_rules.cpp LIBS opsdeck_core LABELS unit TIMEOUT 30)

opsdeck_add_qtest(tst_alert_queue SOURCES alerts/tst_alert_queue.cpp alerts/AlertFeed.h
  LIBS opsdeck_gui opsdeck_widgets LABELS ui TIMEOUT 60)
target_compile_definitions(tst_alert_queue PRIVATE OPSDECK_SCREENSHOT_DIR="${CMAKE_BINARY_DIR}/screenshots"
  OPSDECK_PLUGIN_DIR="${OPSDECK_PLUGIN_OUTPUT_DIR}")
add_dependencies(tst_alert_queue opsdeck_dispatcher opsdeck_merchant opsdeck_ops_manager)

opsdeck_add_qtest(tst_alert_e2e SOURCES alerts/tst_alert_e2e.cpp
  LIBS opsdeck_runtime opsdeck_sim opsdeck_store LABELS integration TIMEOUT 90)

# Issue 14: an unacknowledged alert's order id is never elided in the queue.
opsdeck_add_qtest(tst_alert_queue_ids SOURCES alerts/tst_alert_queue_ids.cpp
  LIBS opsdeck_widgets LABELS ui)

# Storm rules from the first day (issue 14): a seeded storm simulation through the engine.
opsdeck_add_qtest(tst_alert_storm SOURCES alerts/tst_alert_storm.cpp LIBS opsdeck_core opsdeck_sim LABELS unit TIMEOUT 120)

# Issue 18: the merchant desk's queue holds its own stock and out-of-stock alerts only.
opsdeck_add_qtest(tst_merchant_alerts SOURCES alerts/tst_merchant_alerts.cpp alerts/AlertFeed.h
  LIBS opsdeck_gui opsdeck_widgets LABELS ui TIMEOUT 60)
target_compile_definitions(tst_merchant_alerts PRIVATE OPSDECK_PLUGIN_DIR="${OPSDECK_PLUGIN_OUTPUT_DIR}")
add_dependencies(tst_merchant_alerts opsdeck_merchant)
