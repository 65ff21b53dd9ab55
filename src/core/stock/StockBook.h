#pragma once

#include "core/model/Event.h"

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace opsdeck::core::stock {

// How the stock view judges levels (docs/merchant.md has the reasoning and defaults).
struct StockSettings {
    // Consumption per hour is read from the levels of this much feed time.
    std::int64_t windowMs = 6LL * 3600 * 1000;
    // Below this many hours of cover an item is "low" even above its reorder point.
    double lowCoverHours = 12.0;
    // A restock should leave this much cover once it arrives at the next delivery slot.
    double targetCoverHours = 48.0;
    // Delivery slots: minutes after local midnight, local = UTC + slotUtcOffsetMinutes
    // (the simulated city is Beijing, UTC+8). Empty: deliveries "now".
    std::vector<int> slotMinutesOfDay{6 * 60, 14 * 60};
    int slotUtcOffsetMinutes = 8 * 60;
};

enum class StockState : std::uint8_t { Ok, Low, Out };
std::string_view toString(StockState state); // ok | low | out

struct StockKey {
    std::string merchant; // empty: a gateway that does not say whose stock it is
    std::string depot;
    std::string sku;
    friend bool operator<(const StockKey &a, const StockKey &b)
    {
        return std::tie(a.merchant, a.depot, a.sku) < std::tie(b.merchant, b.depot, b.sku);
    }
};

struct StockSample {
    std::int64_t atMs = 0;
    double level = 0.0;
};

// What the stock view shows for one item at one moment.
struct StockFigures {
    StockKey key;
    std::string name;
    std::string unit;
    double level = 0.0;
    std::optional<double> reorderPoint;
    std::int64_t atMs = 0;        // the last level's event time
    double perHour = 0.0;         // consumption per hour over the window
    std::optional<double> coverHours; // none: nothing consumed, cover unbounded
    StockState state = StockState::Ok;
    std::int64_t nextSlotMs = 0;  // the next delivery slot after now
    double suggestQty = 0.0;      // to order for that slot (whole units)
};

// The next delivery slot strictly after nowMs (nowMs itself when there are no slots).
std::int64_t nextSlotMs(std::int64_t nowMs, const StockSettings &settings);

// The stock projection: the latest level of every item of every merchant, with the
// recent history its consumption is read from. Fed inventory.level events (others are
// ignored); pure logic, no clock of its own: figures() is told what time it is.
class StockBook final
{
public:
    explicit StockBook(StockSettings settings = {}) : m_settings(std::move(settings)) {}

    // True when the event was an inventory.level with its payload and was taken in.
    bool apply(const Event &event);

    // Levels from before this book started (the log, at the window's start), oldest
    // first: they go in behind what the book already holds, so a level that arrived live
    // meanwhile (and is in the log too) is not counted twice. Returns the levels taken.
    std::size_t seed(const std::vector<Event> &olderFirst);

    // Every item of `merchant` (all merchants when unset), ordered by depot and sku.
    std::vector<StockFigures> figures(std::int64_t nowMs, const std::optional<std::string> &merchant) const;
    std::size_t size() const { return m_items.size(); }
    const StockSettings &settings() const { return m_settings; }
    void setSettings(const StockSettings &settings) { m_settings = settings; }

    // The figures of one item, for tests and the alert rule: null when unknown.
    std::optional<StockFigures> item(const StockKey &key, std::int64_t nowMs) const;

private:
    struct Item {
        std::string name;
        std::string unit;
        std::optional<double> reorderPoint;
        std::deque<StockSample> history; // oldest first; one sample before the window kept
    };
    StockFigures compute(const StockKey &key, const Item &item, std::int64_t nowMs) const;
    void prune(Item &item, std::int64_t latestMs) const;

    StockSettings m_settings;
    std::map<StockKey, Item> m_items;
};

} // namespace opsdeck::core::stock
