#pragma once

#include "core/model/Event.h"
#include "core/model/Records.h"

#include <array>
#include <cstdint>
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
            fn(rider);
    }

    std::vector<OrderRecord> takeDirtyOrders(Consumer consumer);
    std::vector<RiderRecord> takeDirtyRiders(Consumer consumer);

private:
    Result applyOrder(const Event &event);
    void applyRider(const Event &event);
    void markOrder(const std::string &id);
    void markRider(const std::string &id);
    void setState(OrderRecord &order, OrderState state, std::int64_t atMs);
    void revive(OrderRecord &order);

    std::unordered_map<std::string, OrderRecord> m_orders;
    std::unordered_map<std::string, RiderRecord> m_riders;
    std::array<std::int64_t, kOrderStateCount> m_countByState{};
    std::array<std::unordered_set<std::string>, 2> m_dirtyOrders;
    std::array<std::unordered_set<std::string>, 2> m_dirtyRiders;
    std::uint64_t m_retirements = 0;
    std::size_t m_retired = 0;
};

} // namespace opsdeck::core
