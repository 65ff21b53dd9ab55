# Issue 15's kill loop: `opsdeck --headless` SIGKILLed 50 times at random moments (ingest,
# resync, purge) on one database file, checked against the gateway after each restart.
# Runs alone with `ctest -L kill` (about a minute); OPSDECK_KILL_SEED replays one run,
# OPSDECK_KILLS changes the number of kills, OPSDECK_KILL_KEEP=1 keeps the database file.
opsdeck_add_qtest(tst_kill_loop SOURCES kill/tst_kill_loop.cpp kill/ConsoleProcess.h kill/KillFile.h
  LIBS opsdeck_sim opsdeck_store SQLite::SQLite3 LABELS "store;integration;kill" TIMEOUT 300)
add_dependencies(tst_kill_loop opsdeck)

# What the loop found, on its own: the order timeline index catches up the tail a kill
# left unindexed.
opsdeck_add_qtest(tst_kill_index SOURCES kill/tst_kill_index.cpp store/StoreFixtures.h
  LIBS opsdeck_store SQLite::SQLite3 LABELS "store;kill" TIMEOUT 60)
