#pragma once

#include "core/model/Event.h"
#include "core/model/Records.h"

#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace opsdeck::core {

// Current state of every order and rider, built by applying events in order.
// Lives on the core thread; not thread-safe. Two consumers (store, GUI) each take the
// records that changed since they last asked, so both see latest values only.
class Projections final
{
public:
    enum class Outcome { Applied, Illegal, Ignored };
    enum class Consumer { Store = 0, Gui = 1 };

    struct Result {
        Outcome outcome = Outcome::Ignored;
        std::optional<IntegrityAlert> alert; // set for Illegal
    };

    // Live event or snapshot record. Snapshot records overwrite (they are the truth
    // at the snapshot's seq); live order events must follow the state machine.
    Result apply(const Event &event);

    void load(std::vector<OrderRecord> orders, std::vector<RiderRecord> riders);

    // A complete snapshot of cover.depot was applied: its open orders that the snapshot
    // left out are retired (OrderRecord::retiredAtMs). Returns their ids.
    std::vector<std::string> retireAbsent(const SnapshotCover &cover);
    // Bumped whenever an order is retired or revived, so an observer that indexes open
    // orders knows to read them again (a revival by snapshot record has no event).
    std::uint64_t retirements() const { return m_retirements; }
    std::size_t retiredCount() const { return m_retired; }

    const OrderRecord *findOrder(const std::string &orderId) const;
    const RiderRecord *findRider(const std::string &riderId) const;
    std::size_t orderCount() const { return m_orders.size(); }
    std::size_t riderCount() const { return m_riders.size(); }
    // Of the orders that are not retired: retired ones are no open work.
    std::array<std::int64_t, kOrderStateCount> countsByState() const { return m_countByState; }

    template<typename Fn>
    void forEachOrder(Fn &&fn) const
    {
        for (const auto &[id, order] : m_orders)
            fn(order);
    }

    template<typename Fn>
    void forEachRider(Fn &&fn) const
    {
        for (const auto &[id, rider] : m_riders)
            fn(rider.record);
    }

    std::vector<OrderRecord> takeDirtyOrders(Consumer consumer);
    // For the GUI: every rider changed since the last call. For the store: each rider at
    // most once per kRiderStoreIntervalMs of feed time (the latest record then): a rider
    // reporting at 1 Hz or faster costs one row write a second, not one per fix. A change
    // of status, name, depot or capacity (rider.status, rider.snapshot) and a rider not
    // yet written go out with the next batch. `flush` (the console stops) takes every rider
    // still held back, so the stored rows end exact. Between writes a rider's row lags
    // its projection by up to a second of feed time (docs/per-event-cost.md).
    std::vector<RiderRecord> takeDirtyRiders(Consumer consumer, bool flush = false);
    static constexpr std::int64_t kRiderStoreIntervalMs = 1000;

private:
    struct RiderEntry;
    Result applyOrder(const Event &event);
    void applyRider(const Event &event);
    void markOrder(const std::string &id);
    void markRider(RiderEntry &entry, bool now);
    std::vector<RiderRecord> takeStoreRiders(bool flush);
    void setState(OrderRecord &order, OrderState state, std::int64_t atMs);
    void revive(OrderRecord &order);

    // A rider's record with what the two consumers need to know about it, in one map
    // entry: a rider fix (most of a flood) costs one hash lookup, not one per structure.
    // Riders are never erased (only load() clears), so the pointers below stay valid.
    struct RiderEntry {
        RiderRecord record;
        // The store's view: when it was last handed over (feed time) and whether it waits.
        std::int64_t writtenAtMs = 0;
        bool written = false;
        bool waiting = false;
        bool guiDirty = false;
    };
    RiderEntry *riderEntry(const std::string &riderId);

    std::unordered_map<std::string, OrderRecord> m_orders;
    std::unordered_map<std::string, RiderEntry> m_riders;
    RiderEntry *m_lastRider = nullptr; // the rider of the latest event: observers ask for it next
    std::array<std::int64_t, kOrderStateCount> m_countByState{};
    std::array<std::unordered_set<std::string>, 2> m_dirtyOrders;
    std::vector<RiderEntry *> m_dirtyRidersGui;
    // Waiting riders by due feed time. Pushed as events arrive, so nearly in order; an entry
    // is due at the latest one interval after it was pushed, so the head never holds a
    // rider back longer than that.
    std::deque<std::pair<std::int64_t, RiderEntry *>> m_riderDue;
    std::vector<RiderEntry *> m_riderNow; // due with the next batch
    std::int64_t m_feedMs = 0;          // latest rider event time seen
    std::uint64_t m_retirements = 0;
    std::size_t m_retired = 0;
};

} // namespace opsdeck::core
