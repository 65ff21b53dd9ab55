# Issue 17: the tamper-evident audit trail (chained audit_log, verify, the audit panel).
opsdeck_add_qtest(tst_audit_chain
  SOURCES audit/tst_audit_chain.cpp
  LIBS opsdeck_store SQLite::SQLite3
  LABELS audit store
  TIMEOUT 60)
