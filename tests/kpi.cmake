# KPI engine, history store, dashboard and reports (issue 7).
opsdeck_add_qtest(tst_kpi_engine SOURCES kpi/tst_kpi_engine.cpp kpi/ScriptedKpiFeed.h LIBS opsdeck_core LABELS unit)
opsdeck_add_qtest(tst_kpi_history SOURCES kpi/tst_kpi_history.cpp kpi/ScriptedKpiFeed.h LIBS opsdeck_runtime LABELS integration)
find_package(Qt6 REQUIRED COMPONENTS Charts)
opsdeck_add_qtest(tst_kpi_dashboard
  SOURCES kpi/tst_kpi_dashboard.cpp kpi/KpiFixtures.h kpi/KpiHistoryFixture.h kpi/SyntheticKpiFeed.h kpi/ScriptedKpiFeed.h
  LIBS opsdeck_runtime opsdeck_sim opsdeck_widgets Qt6::Charts
  LABELS ui TIMEOUT 180)
target_compile_definitions(tst_kpi_dashboard PRIVATE OPSDECK_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
# Issue 14: the PDF read back, averages over the time observed, tiles, axes.
opsdeck_add_qtest(tst_kpi_report
  SOURCES kpi/tst_kpi_report.cpp kpi/KpiFixtures.h kpi/KpiHistoryFixture.h kpi/ScriptedKpiFeed.h kpi/SyntheticKpiFeed.h
  LIBS opsdeck_runtime opsdeck_widgets Qt6::Charts
  LABELS ui TIMEOUT 120)
# Warm start (issue 20): the feed's clock may start before the wall clock the console ran on.
opsdeck_add_qtest(tst_warm_kpi SOURCES kpi/tst_warm_kpi.cpp kpi/ScriptedKpiFeed.h LIBS opsdeck_core LABELS unit)
# Issue 17: KPI figures cut to a merchant's or depot's scope (live and history).
opsdeck_add_qtest(tst_kpi_scope SOURCES kpi/tst_kpi_scope.cpp kpi/ScriptedKpiFeed.h LIBS opsdeck_runtime LABELS integration access)
