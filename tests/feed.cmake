# Feed room: decoder, subscriber (real sockets against a scripted gateway), control client.
set(OPSDECK_FEED_TEST_DIR ${CMAKE_CURRENT_SOURCE_DIR}/feed)

opsdeck_add_qtest(tst_feed_decoder
  SOURCES ${OPSDECK_FEED_TEST_DIR}/tst_feed_decoder.cpp
  LIBS opsdeck_core
  LABELS feed unit
  TIMEOUT 60)

add_library(opsdeck_scripted_gateway STATIC
  ${OPSDECK_FEED_TEST_DIR}/ScriptedGateway.h ${OPSDECK_FEED_TEST_DIR}/ScriptedGateway.cpp)
target_include_directories(opsdeck_scripted_gateway PUBLIC ${OPSDECK_FEED_TEST_DIR})
target_link_libraries(opsdeck_scripted_gateway PUBLIC PkgConfig::ZMQ simdjson::simdjson)

opsdeck_add_qtest(tst_feed_subscriber
  SOURCES ${OPSDECK_FEED_TEST_DIR}/tst_feed_subscriber.cpp
  LIBS opsdeck_feed opsdeck_scripted_gateway
  LABELS feed integration
  TIMEOUT 90)

opsdeck_add_qtest(tst_feed_control
  SOURCES ${OPSDECK_FEED_TEST_DIR}/tst_feed_control.cpp
  LIBS opsdeck_feed opsdeck_scripted_gateway
  LABELS feed integration
  TIMEOUT 60)

# Issue 21: a broken gateway release must not become a snapshot storm (backoff, degraded, alert).
opsdeck_add_qtest(tst_feed_degraded
  SOURCES ${OPSDECK_FEED_TEST_DIR}/tst_feed_degraded.cpp
  LIBS opsdeck_feed opsdeck_scripted_gateway
  LABELS feed integration
  TIMEOUT 60)

# Issue 15: the sequence logic and the id window, tested directly (no sockets, no clocks).
opsdeck_add_qtest(tst_stream_sync
  SOURCES ${OPSDECK_FEED_TEST_DIR}/tst_stream_sync.cpp
  LIBS opsdeck_feed
  LABELS feed unit
  TIMEOUT 30)

opsdeck_add_qtest(tst_recent_ids
  SOURCES ${OPSDECK_FEED_TEST_DIR}/tst_recent_ids.cpp
  LIBS opsdeck_feed
  LABELS feed unit
  TIMEOUT 30)

# Issue 17: CURVE with a ZAP allow-list, end to end against the in-process opsfeed
# gateway; wrong keys get nothing and the status bar says which.
opsdeck_add_qtest(tst_curve
  SOURCES ${OPSDECK_FEED_TEST_DIR}/tst_curve.cpp
  LIBS opsdeck_feed opsdeck_sim opsdeck_gui
  LABELS feed integration
  TIMEOUT 60)

# Issue 17: the CURVE command line as processes (keygen, opsfeed --curve-secret
# --allow-keys with opsdeck ctl, malformed key files refused at start).
# The libs-only build (asan) has neither executable.
if(TARGET opsdeck AND TARGET opsfeed)
  opsdeck_add_qtest(tst_curve_cli
    SOURCES ${OPSDECK_FEED_TEST_DIR}/tst_curve_cli.cpp
    LIBS opsdeck_curve
    LABELS feed integration
    TIMEOUT 120)
  target_compile_definitions(tst_curve_cli PRIVATE OPSDECK_BINARY="$<TARGET_FILE:opsdeck>"
                                                   OPSFEED_BINARY="$<TARGET_FILE:opsfeed>")
  add_dependencies(tst_curve_cli opsdeck opsfeed)
endif()
