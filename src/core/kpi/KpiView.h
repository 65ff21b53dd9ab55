#pragma once

#include "core/access/AccessPolicy.h"

#include <optional>
#include <string>
#include <vector>

namespace opsdeck::core {

// Which KPI figures a principal may see: the one data scope of core::access
// (inScope), applied where the figures are computed (KpiEngine, KpiServiceHost), so no
// tile, chart or report has to cut them itself. A principal limited to a merchant or to
// depots sees its own orders as "all"; scopes that mix in other data (channels, other
// depots or merchants) are not shown to it. The default view sees everything.
class KpiView final
{
public:
    KpiView() = default;
    explicit KpiView(access::Principal viewer);

    // No cut at all (an unscoped role): the engine does nothing extra.
    bool everything() const { return !m_viewer; }
    // An order's events count for the viewer.
    bool seesOrder(const std::string &depot, const std::string &merchant) const;
    // A depot's riders, sensors and intake figures count for the viewer (not a merchant's).
    bool seesDepot(const std::string &depot) const;
    // Riders belong to depots, not merchants: a merchant's view has no rider figures.
    bool seesRiders() const { return !m_viewer || m_viewer->role != "merchant"; }
    // A scope key of the engine ("all", "depot:…", "channel:…", "merchant:…") may be shown.
    bool seesScope(const std::string &key) const;
    // The stored history scopes whose sum is what the viewer may see of `requested`
    // ("all" or a scope key): empty when nothing is in sight; nullopt when the history
    // does not keep it apart (a merchant user limited to depots: rows are kept per merchant
    // and per depot, not per both).
    std::optional<std::vector<std::string>> historyScopes(const std::string &requested) const;

private:
    std::optional<access::Principal> m_viewer;
};

} // namespace opsdeck::core
