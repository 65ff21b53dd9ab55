#include "KpiView.h"

#include <algorithm>

namespace opsdeck::core {

namespace {

bool restricted(const access::Principal &p)
{
    return p.role == "merchant" || !p.depots.empty();
}

bool startsWith(const std::string &s, const char *prefix, std::string &rest)
{
    const std::string p(prefix);
    if (s.compare(0, p.size(), p) != 0)
        return false;
    rest = s.substr(p.size());
    return true;
}

} // namespace

KpiView::KpiView(access::Principal viewer)
{
    if (restricted(viewer))
        m_viewer = std::move(viewer);
}

bool KpiView::seesOrder(const std::string &depot, const std::string &merchant) const
{
    return !m_viewer || access::inScope(*m_viewer, {depot, merchant});
}

bool KpiView::seesDepot(const std::string &depot) const
{
    return !m_viewer || access::inScope(*m_viewer, {depot, {}});
}

bool KpiView::seesScope(const std::string &key) const
{
    if (!m_viewer)
        return true;
    std::string rest;
    if (startsWith(key, "depot:", rest))
        return seesDepot(rest);
    // "merchant:" figures span every depot, so a depot-limited viewer does not see them.
    if (startsWith(key, "merchant:", rest))
        return access::inScope(*m_viewer, {{}, rest});
    return false; // "all" and channels mix in data out of scope
}

std::optional<std::vector<std::string>> KpiView::historyScopes(const std::string &requested) const
{
    if (!m_viewer)
        return std::vector<std::string>{requested};
    if (requested != "all") {
        if (seesScope(requested))
            return std::vector<std::string>{requested};
        return std::vector<std::string>{};
    }
    const access::Principal &p = *m_viewer;
    if (p.role == "merchant") {
        if (p.merchant.empty())
            return std::vector<std::string>{};
        if (!p.depots.empty())
            return std::nullopt;
        return std::vector<std::string>{"merchant:" + p.merchant};
    }
    std::vector<std::string> out;
    for (const auto &d : p.depots)
        if (std::find(out.begin(), out.end(), "depot:" + d) == out.end()) // a depot named twice counts once
            out.push_back("depot:" + d);
    return out;
}

} // namespace opsdeck::core
