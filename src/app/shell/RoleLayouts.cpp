#include "RoleLayouts.h"

namespace opsdeck::app {

namespace {

QString key(const char *plugin, const char *panel)
{
    return QLatin1String(plugin) + QLatin1Char('/') + QLatin1String(panel);
}

} // namespace

// Each row reads left to right as the role works: the dispatcher watches the map and
// the alerts while acting on the board; customer service looks orders up (detail
// first); the ops manager's own tools (KPI, intake) come before the dispatcher's views.
RoleLayout roleLayout(const QString &role)
{
    const QString board = key("dispatcher", "board");
    const QStringList alerts{key("dispatcher", "alerts"), key("dispatcher", "states")};
    const QStringList detail{key("dispatcher", "detail"), key("dispatcher", "orders")};
    const QStringList map{key("dispatcher", "map")};
    if (role == QLatin1String("dispatcher"))
        return {board, {{map, 3}, {alerts, 4}, {detail, 4}}, 58};
    if (role == QLatin1String("customer_service"))
        return {board, {{detail, 5}, {alerts, 4}, {map, 3}}, 58};
    if (role == QLatin1String("ops_manager")) {
        // The KPI tiles and the intake form need ~1100 and ~720 px: side by side they
        // fill the width, so the dispatcher's views are tabs behind the KPI dashboard.
        const QStringList kpiAndDesk = QStringList{key("ops_manager", "kpi_dashboard")} + alerts + map + detail;
        return {board, {{kpiAndDesk, 5, true}, {{key("ops_manager", "intake")}, 3, true}}, 50};
    }
    if (role == QLatin1String("merchant"))
        return {key("merchant", "orders"),
                {{{key("merchant", "stock"), key("merchant", "detail")}, 3}, {{key("merchant", "alerts")}, 2}},
                62};
    return {};
}

} // namespace opsdeck::app
