#include "StockBook.h"

#include <algorithm>
#include <cmath>

namespace opsdeck::core::stock {

namespace {
constexpr std::int64_t kHourMs = 3600LL * 1000;
constexpr std::int64_t kDayMs = 24 * kHourMs;
// A short history (one drop a minute after start-up) would read as a huge hourly rate:
// the rate is spread over at least this much time.
constexpr std::int64_t kMinSpanMs = 30LL * 60 * 1000;
// A gateway flooding one item must not grow the history without bound.
constexpr std::size_t kMaxSamples = 2048;
} // namespace

std::string_view toString(StockState state)
{
    switch (state) {
    case StockState::Low: return "low";
    case StockState::Out: return "out";
    case StockState::Ok: break;
    }
    return "ok";
}

std::int64_t nextSlotMs(std::int64_t nowMs, const StockSettings &settings)
{
    if (settings.slotMinutesOfDay.empty())
        return nowMs;
    const std::int64_t offsetMs = static_cast<std::int64_t>(settings.slotUtcOffsetMinutes) * 60 * 1000;
    const std::int64_t local = nowMs + offsetMs;
    const std::int64_t midnight = local - (((local % kDayMs) + kDayMs) % kDayMs);
    std::int64_t best = 0;
    for (int day = 0; day <= 1 && best == 0; ++day) {
        for (int minute : settings.slotMinutesOfDay) {
            const std::int64_t at = midnight + day * kDayMs + static_cast<std::int64_t>(minute) * 60 * 1000;
            if (at > local && (best == 0 || at < best))
                best = at;
        }
    }
    return best - offsetMs;
}

bool StockBook::apply(const Event &event)
{
    if (event.kind != EventKind::InventoryLevel)
        return false;
    const auto *p = event.payloadAs<InventoryLevelPayload>();
    if (!p)
        return false;
    Item &item = m_items[StockKey{event.merchantId, event.depot, p->sku}];
    if (!p->name.empty())
        item.name = p->name;
    if (!p->unit.empty())
        item.unit = p->unit;
    item.reorderPoint = p->reorderPoint;
    // Events of one depot arrive in seq order; a resync may repeat a level: keep time monotonic.
    const std::int64_t at = item.history.empty() ? event.tsMs : std::max(event.tsMs, item.history.back().atMs);
    item.history.push_back(StockSample{at, p->qty});
    prune(item, at);
    return true;
}

std::size_t StockBook::seed(const std::vector<Event> &olderFirst)
{
    StockBook loaded(m_settings);
    std::size_t taken = 0;
    for (const Event &event : olderFirst)
        taken += loaded.apply(event) ? 1 : 0;
    for (auto &[key, old] : loaded.m_items) {
        const auto it = m_items.find(key);
        if (it == m_items.end()) {
            m_items.emplace(key, std::move(old));
            continue;
        }
        // The live item keeps its name, unit and reorder point (newer); the log adds the
        // samples older than its first one.
        auto &history = it->second.history;
        const std::int64_t firstLive = history.front().atMs;
        for (auto s = old.history.rbegin(); s != old.history.rend(); ++s)
            if (s->atMs < firstLive)
                history.push_front(*s);
        prune(it->second, history.back().atMs);
    }
    return taken;
}

void StockBook::prune(Item &item, std::int64_t latestMs) const
{
    // Keep the last sample before the window: the first drop inside it is measured from it.
    const std::int64_t from = latestMs - m_settings.windowMs;
    while (item.history.size() > 1 && (item.history[1].atMs <= from || item.history.size() > kMaxSamples))
        item.history.pop_front();
}

StockFigures StockBook::compute(const StockKey &key, const Item &item, std::int64_t nowMs) const
{
    StockFigures f;
    f.key = key;
    f.name = item.name;
    f.unit = item.unit;
    f.reorderPoint = item.reorderPoint;
    const StockSample &last = item.history.back();
    f.level = last.level;
    f.atMs = last.atMs;
    const std::int64_t from = nowMs - m_settings.windowMs;
    double consumed = 0.0;
    for (std::size_t i = 1; i < item.history.size(); ++i) {
        const StockSample &a = item.history[i - 1];
        const StockSample &b = item.history[i];
        // Rises are deliveries; only drops inside the window are consumption.
        if (b.atMs > from && b.atMs <= nowMs && b.level < a.level)
            consumed += a.level - b.level;
    }
    const std::int64_t start = std::max(from, item.history.front().atMs);
    const std::int64_t span = std::max(kMinSpanMs, nowMs - start);
    f.perHour = consumed / (static_cast<double>(span) / kHourMs);
    if (f.perHour > 0.0)
        f.coverHours = std::max(0.0, f.level) / f.perHour;
    if (f.level <= 0.0)
        f.state = StockState::Out;
    else if ((f.reorderPoint && f.level <= *f.reorderPoint) || (f.coverHours && *f.coverHours < m_settings.lowCoverHours))
        f.state = StockState::Low;
    f.nextSlotMs = nextSlotMs(nowMs, m_settings);
    // What is left when the slot's delivery arrives, and what the target cover needs then.
    const double hoursToSlot = static_cast<double>(f.nextSlotMs - nowMs) / kHourMs;
    const double leftAtSlot = std::max(0.0, f.level - f.perHour * hoursToSlot);
    double need = f.perHour * m_settings.targetCoverHours - leftAtSlot;
    // Nothing consumed lately but empty or at its reorder point: bring it back above it.
    if (f.perHour <= 0.0 && f.reorderPoint && f.level <= *f.reorderPoint)
        need = *f.reorderPoint + 1.0 - std::max(0.0, f.level);
    f.suggestQty = need > 0.0 ? std::ceil(need - 1e-9) : 0.0;
    return f;
}

std::vector<StockFigures> StockBook::figures(std::int64_t nowMs, const std::optional<std::string> &merchant) const
{
    std::vector<StockFigures> out;
    for (const auto &[key, item] : m_items) {
        if (!merchant || key.merchant == *merchant)
            out.push_back(compute(key, item, nowMs));
    }
    std::stable_sort(out.begin(), out.end(), [](const StockFigures &a, const StockFigures &b) {
        return std::tie(a.key.depot, a.key.sku) < std::tie(b.key.depot, b.key.sku);
    });
    return out;
}

std::optional<StockFigures> StockBook::item(const StockKey &key, std::int64_t nowMs) const
{
    const auto it = m_items.find(key);
    if (it == m_items.end())
        return std::nullopt;
    return compute(it->first, it->second, nowMs);
}

} // namespace opsdeck::core::stock
