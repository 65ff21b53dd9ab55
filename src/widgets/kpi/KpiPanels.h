#pragma once

#include "sdk/RolePlugin.h"
#include "widgets/WidgetsExport.h"

#include <QList>

namespace opsdeck::widgets {

// The KPI panels of the ops manager role, for plugins/ops_manager's createPanels():
//     panels += widgets::createKpiPanels(context, parent);
// Uses context->service<sdk::KpiService>() (the dashboard says so when it is absent) and
// context->settings() for the daily report.
// Panel id "kpi_dashboard" (saved layouts refer to it).
OPSDECK_WIDGETS_EXPORT QList<sdk::Panel> createKpiPanels(sdk::ConsoleContext *context, QWidget *parent);

} // namespace opsdeck::widgets
