#include "IntakeStats.h"

#include <algorithm>

namespace opsdeck::core {

std::optional<DepotIntake> depotIntakeOf(const Event &event)
{
    const auto *stats = event.payloadAs<GatewayStatsPayload>();
    if (event.kind != EventKind::GatewayStats || !stats || event.depot.empty())
        return std::nullopt;
    DepotIntake s;
    s.depot = event.depot;
    s.tsMs = event.tsMs;
    s.windowS = std::max(0.001, stats->windowS);
    s.offered = stats->offered;
    s.accepted = stats->accepted;
    s.rateLimited = stats->rateLimited;
    s.breakerOpen = stats->breakerOpen;
    s.limits = stats->limits;
    s.breakers = stats->breakers;
    s.diversions = stats->diversions;
    return s;
}

void IntakeBoard::update(DepotIntake stats)
{
    {
        std::lock_guard lock(m_mutex);
        auto it = std::lower_bound(m_depots.begin(), m_depots.end(), stats.depot,
                                   [](const DepotIntake &d, const std::string &depot) { return d.depot < depot; });
        const bool known = it != m_depots.end() && it->depot == stats.depot;
        stats.totalOffered = (known ? it->totalOffered : 0) + stats.offered;
        stats.totalAccepted = (known ? it->totalAccepted : 0) + stats.accepted;
        stats.totalRateLimited = (known ? it->totalRateLimited : 0) + stats.rateLimited;
        stats.totalBreakerOpen = (known ? it->totalBreakerOpen : 0) + stats.breakerOpen;
        if (known)
            *it = std::move(stats);
        else
            m_depots.insert(it, std::move(stats));
        ++m_generation;
    }
    m_changed.notify_all();
}

std::vector<DepotIntake> IntakeBoard::snapshot() const
{
    std::lock_guard lock(m_mutex);
    return m_depots;
}

std::uint64_t IntakeBoard::generation() const
{
    std::lock_guard lock(m_mutex);
    return m_generation;
}

bool IntakeBoard::waitFor(const std::function<bool(const std::vector<DepotIntake> &)> &satisfied,
                          std::uint64_t afterGeneration, std::chrono::milliseconds timeout) const
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::unique_lock lock(m_mutex);
    for (;;) {
        if (m_generation > afterGeneration && satisfied(m_depots))
            return true;
        const std::uint64_t seen = m_generation;
        if (!m_changed.wait_until(lock, deadline, [&] { return m_generation != seen; }))
            return false;
    }
}

QJsonObject limitState(const std::vector<DepotIntake> &board, const std::string &scope)
{
    QJsonObject out{{QStringLiteral("scope"), QString::fromStdString(scope)}};
    QJsonValue limit = QJsonValue::Null;
    for (const DepotIntake &d : board)
        for (const IntakeLimit &l : d.limits)
            if (l.scope == scope)
                limit = QJsonObject{{QStringLiteral("per_min"), l.perMin}, {QStringLiteral("burst"), l.burst}};
    out.insert(QStringLiteral("limit"), limit);
    return out;
}

QJsonObject breakerState(const std::vector<DepotIntake> &board, const std::string &scope)
{
    // A scope the gateway does not list has no breaker of its own: it behaves as auto/closed.
    QJsonObject out{{QStringLiteral("scope"), QString::fromStdString(scope)},
                    {QStringLiteral("mode"), QStringLiteral("auto")},
                    {QStringLiteral("state"), QStringLiteral("closed")}};
    for (const DepotIntake &d : board)
        for (const IntakeBreaker &b : d.breakers)
            if (b.scope == scope) {
                out.insert(QStringLiteral("mode"), QString::fromStdString(b.mode));
                out.insert(QStringLiteral("state"), QString::fromStdString(b.state));
                out.insert(QStringLiteral("error_rate"), b.errorRate);
            }
    return out;
}

QJsonObject diversionState(const std::vector<DepotIntake> &board, const std::string &from)
{
    QJsonObject out{{QStringLiteral("from"), QString::fromStdString(from)}};
    QJsonValue diversion = QJsonValue::Null;
    for (const DepotIntake &d : board)
        for (const IntakeDiversion &dv : d.diversions)
            if (dv.from == from)
                diversion = QJsonObject{{QStringLiteral("to"), QString::fromStdString(dv.to)},
                                        {QStringLiteral("share"), dv.share}};
    out.insert(QStringLiteral("diversion"), diversion);
    return out;
}

} // namespace opsdeck::core
