#pragma once

#include "sdk/RolePlugin.h"

#include <QList>

#include <functional>

namespace opsdeck::ops_manager {

// One panel of the ops manager's desk. To add a panel (e.g. the KPI dashboard), write
// its factory next to intakePanel() and list it in panelFactories(); nothing else
// changes. A factory may return no panel (e.g. when its service is absent).
using PanelFactory = std::function<QList<sdk::Panel>(sdk::ConsoleContext *context, QWidget *parent)>;

QList<PanelFactory> panelFactories();

// "Intake controls": rate limits, circuit breakers, diversions, storm playbooks.
QList<sdk::Panel> intakePanel(sdk::ConsoleContext *context, QWidget *parent);

// "KPI dashboard": fulfilment, timeliness, loss and intake, live and historical, with reports.
QList<sdk::Panel> kpiPanels(sdk::ConsoleContext *context, QWidget *parent);

} // namespace opsdeck::ops_manager
