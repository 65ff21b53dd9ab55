# Store tests: real SQLite files in a QTemporaryDir, real threads, a real SIGKILL.
opsdeck_add_qtest(store_eventstore
  SOURCES store/tst_eventstore.cpp store/StoreFixtures.h
  LIBS opsdeck_store SQLite::SQLite3
  LABELS store
  TIMEOUT 120)

opsdeck_add_qtest(store_worker
  SOURCES store/tst_storeworker.cpp store/StoreFixtures.h
  LIBS opsdeck_store SQLite::SQLite3
  LABELS store
  TIMEOUT 120)

opsdeck_add_qtest(store_exporter
  SOURCES store/tst_exporter.cpp store/StoreFixtures.h
  LIBS opsdeck_store
  LABELS store
  TIMEOUT 120)

# Disk faults (issue 15): SQLite fault injection through a wrapping VFS (FaultVfs.h) for a
# full or read-only disk, and a real database with garbage over its pages.
opsdeck_add_qtest(store_disk_faults
  SOURCES store/tst_store_disk_faults.cpp store/FaultVfs.h store/StoreFixtures.h
  LIBS opsdeck_store SQLite::SQLite3
  LABELS store
  TIMEOUT 60)

# Issue 15: retired_at of orders the gateway no longer knows (schema 4, export, search, revival).
opsdeck_add_qtest(store_order_retired
  SOURCES store/tst_order_retired.cpp store/StoreFixtures.h
  LIBS opsdeck_store SQLite::SQLite3
  LABELS store
  TIMEOUT 60)

# Issue 16: the compact track store of rider fixes (migration of v2/v4 files, retention,
# replay of the fleet at T, recovery after a kill mid-repack).
opsdeck_add_qtest(store_track
  SOURCES store/tst_track_store.cpp store/StoreFixtures.h
  LIBS opsdeck_store SQLite::SQLite3
  LABELS store
  TIMEOUT 60)

# Issue 16: personal data sealed once per order, counter nonces, rows of the previous build.
opsdeck_add_qtest(store_pii_sealing
  SOURCES store/tst_pii_sealing.cpp store/StoreFixtures.h
  LIBS opsdeck_store SQLite::SQLite3 PkgConfig::SODIUM
  LABELS store
  TIMEOUT 60)
# Issue 16: event-log retention in small steps on the store thread (purges only what is
# older than the setting, timelines trimmed not broken, ingest interleaves).
opsdeck_add_qtest(store_event_retention
  SOURCES store/tst_event_retention.cpp store/StoreFixtures.h
  LIBS opsdeck_store SQLite::SQLite3
  LABELS store
  TIMEOUT 60)

# Issue 17: the key in its 0600 file when no OS keyring answers; moved into the keyring
# where there is one (that test skips itself without a keyring, as in CI).
opsdeck_add_qtest(store_key_vault
  SOURCES store/tst_key_vault.cpp store/StoreFixtures.h
  LIBS opsdeck_store SQLite::SQLite3
  LABELS store
  TIMEOUT 60)
opsdeck_add_qtest(store_key_vault_keyring
  SOURCES store/tst_key_vault_keyring.cpp store/StoreFixtures.h
  LIBS opsdeck_store SQLite::SQLite3
  LABELS store
  TIMEOUT 60)
if(TARGET store_key_vault_keyring)
  # In a D-Bus session with a throw-away gnome-keyring (setup.sh installs both for tests),
  # never the developer's own keyring.
  set_tests_properties(store_key_vault_keyring PROPERTIES DISABLED TRUE)
  add_test(NAME store_key_vault_keyring_session
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/store/with_keyring.sh $<TARGET_FILE:store_key_vault_keyring>)
  set_tests_properties(store_key_vault_keyring_session PROPERTIES
    ENVIRONMENT "${OPSDECK_TEST_ENV}" TIMEOUT 60 LABELS store)
endif()

# Issue 17: no customer name, phone, address or destination readable in the file's bytes.
opsdeck_add_qtest(store_pii_at_rest
  SOURCES store/tst_pii_at_rest.cpp store/StoreFixtures.h
  LIBS opsdeck_store SQLite::SQLite3
  LABELS store
  TIMEOUT 60)
# Issue 18: privacy erase and purge leave no customer data in the file's bytes, figures kept.
opsdeck_add_qtest(store_privacy_erase
  SOURCES store/tst_privacy_erase.cpp store/StoreFixtures.h
  LIBS opsdeck_store SQLite::SQLite3
  LABELS store
  TIMEOUT 60)
# Issue 17: users, argon2id, lockout on an injected clock, TOTP (RFC 6238 vectors).
opsdeck_add_qtest(store_users
  SOURCES store/tst_users.cpp
  LIBS opsdeck_store SQLite::SQLite3
  LABELS store
  TIMEOUT 120)

# Issue 18: `opsdeck privacy erase|purge`, the real binary (sign-in, exit codes, audit).
if(NOT OPSDECK_LIBS_ONLY)
  opsdeck_add_qtest(store_privacy_cli
    SOURCES store/tst_privacy_cli.cpp store/StoreFixtures.h
    LIBS opsdeck_store SQLite::SQLite3
    LABELS store app
    TIMEOUT 120)
  target_compile_definitions(store_privacy_cli PRIVATE OPSDECK_BINARY="$<TARGET_FILE:opsdeck>")
  add_dependencies(store_privacy_cli opsdeck)
endif()
# Issue 18: restock suggestions through the guarded export (scope, refusal, audit).
opsdeck_add_qtest(tst_stock_export
  SOURCES store/tst_stock_export.cpp access/TestAccess.h
  LIBS opsdeck_assembly
  LABELS store access
  TIMEOUT 60)
