# KPI engine, history store, dashboard and reports (issue 7).
opsdeck_add_qtest(tst_kpi_engine SOURCES kpi/tst_kpi_engine.cpp kpi/ScriptedKpiFeed.h LIBS opsdeck_core LABELS unit)
opsdeck_add_qtest(tst_kpi_history SOURCES kpi/tst_kpi_history.cpp kpi/ScriptedKpiFeed.h LIBS opsdeck_runtime LABELS integration)
