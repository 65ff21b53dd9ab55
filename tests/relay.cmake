# Fan-out relay (issue 15): two in-process gateways, the relay and three consoles over tcp loopback.
opsdeck_add_qtest(tst_relay SOURCES relay/tst_relay.cpp
  LIBS opsdeck_relay opsdeck_runtime opsdeck_sim opsdeck_store LABELS "relay;integration" TIMEOUT 120)
