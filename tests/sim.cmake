# Tests of the simulated gateway (src/sim). Sockets bind tcp://127.0.0.1:* only.
opsdeck_add_qtest(tst_sim_wire SOURCES sim/tst_sim_wire.cpp LIBS opsdeck_sim LABELS "sim;unit" TIMEOUT 60)
opsdeck_add_qtest(tst_sim_city SOURCES sim/tst_sim_city.cpp LIBS opsdeck_sim LABELS "sim;unit" TIMEOUT 60)
opsdeck_add_qtest(tst_sim_simulation SOURCES sim/tst_sim_simulation.cpp sim/SimStream.h LIBS opsdeck_sim
                  LABELS "sim;unit" TIMEOUT 180)
opsdeck_add_qtest(tst_sim_gateway SOURCES sim/tst_sim_gateway.cpp sim/SimStream.h LIBS opsdeck_sim
                  LABELS "sim;integration" TIMEOUT 180)
opsdeck_add_qtest(tst_sim_gateway_step SOURCES sim/tst_sim_gateway_step.cpp sim/SimStream.h LIBS opsdeck_sim
                  LABELS "sim;integration" TIMEOUT 60)
# The warm start's pre-roll: deterministic per seed, every working state filled.
opsdeck_add_qtest(tst_warm_preroll SOURCES sim/tst_warm_preroll.cpp LIBS opsdeck_sim
                  LABELS "sim;integration" TIMEOUT 120)
# Issue 18: the customer-service actions against a paused opsfeed over real ZeroMQ.
opsdeck_add_qtest(tst_sim_cs_actions SOURCES sim/tst_sim_cs_actions.cpp sim/SimStream.h LIBS opsdeck_sim
                  LABELS "sim;integration" TIMEOUT 60)
