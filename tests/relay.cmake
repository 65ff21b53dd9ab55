# Fan-out relay (issue 15): two in-process gateways, the relay and three consoles over tcp loopback.
opsdeck_add_qtest(tst_relay SOURCES relay/tst_relay.cpp
  LIBS opsdeck_relay opsdeck_runtime opsdeck_sim opsdeck_store LABELS "relay;integration" TIMEOUT 120)

# Issue 17: CURVE through the relay: upstream a CURVE client of opsfeed, downstream a
# CURVE server with its own ZAP allow-list; a console key not listed gets nothing.
opsdeck_add_qtest(tst_relay_curve SOURCES relay/tst_relay_curve.cpp
  LIBS opsdeck_relay opsdeck_sim opsdeck_gui LABELS "relay;integration" TIMEOUT 60)
