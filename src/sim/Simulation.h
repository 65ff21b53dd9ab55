#pragma once

// The simulated delivery city: orders, riders, stock, cold-chain sensors and intake
// control, advanced in simulated time. Pure and deterministic: no clocks, no I/O, no
// threads; everything random comes from one std::mt19937_64 seeded by the caller, and
// every container iterated is ordered. Same options + same calls => byte-identical
// stream. The Gateway puts sockets and pacing around it.
//
// Stream conventions (protocol.md leaves them open):
//  - gateway.stats is emitted once per simulated second per depot on topic
//    "<depot>/gateway.stats", so it carries that depot's seq like any other event;
//    counts cover that second (window_s = 1) and orders offered to that depot after
//    diversion; limits/breakers list global, the depot's and its merchants' scopes.
//  - eta, promised_at and created_at are RFC 3339 UTC strings like ts.
//  - amounts are yuan with two decimals.

#include "City.h"
#include "IntakeControl.h"
#include "RoadGraph.h"
#include "SimModel.h"
#include "WireWriter.h"

#include <cstdint>
#include <map>
#include <memory>
#include <queue>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace opsdeck::sim {

enum class Scenario { Normal, Storm };

struct SimulationOptions {
    std::uint64_t seed = 1;
    int riders = 60;
    double ordersPerMin = 40; // all depots together, before any storm
    int depots = 3;           // N depots of the city from firstDepot on
    int firstDepot = 0;       // index of the first: two gateways of one city own distinct depots
    Scenario scenario = Scenario::Normal;
    // Storm scenario: the first storm starts this long after the start and lasts
    // stormMs; then 24 calm minutes and the next one (benchmarks put it mid-run).
    std::int64_t stormAfterMs = 20000;
    std::int64_t stormMs = 6 * 60000;
    std::int64_t startMs = 0; // simulated clock at construction (ms since the Unix epoch)
    std::string epochTag = "gw1";
};

// Why a control command on an order or rider was refused.
enum class CommandError { None, BadRequest, UnknownOrder, IllegalTransition, UnknownRider };
struct CommandOutcome {
    CommandError error = CommandError::None;
    std::string message;
    bool ok() const { return error == CommandError::None; }
};

// A customer-service action (protocol.md "Extensions", customer service), checked for
// well-formedness by ControlHandler; Simulation decides whether the order allows it.
struct CsRequest {
    std::string orderId;
    std::string by;         // the user, echoed on the confirming event
    std::string reason;     // start_return, open_claim, refund
    std::string decision;   // decide_claim: approve | reject
    std::string photoRef;   // open_claim
    std::string templateId; // notify_customer
    std::string lang;       // notify_customer: en | zh_CN
    double amount = 0;      // open_claim, decide_claim (approve), refund
};

class Simulation final
{
public:
    Simulation(std::shared_ptr<const City> city, SimulationOptions options);
    ~Simulation();
    Simulation(const Simulation &) = delete;
    Simulation &operator=(const Simulation &) = delete;

    // Advances the clock by dtMs and appends every event that happened, in order.
    void step(std::int64_t dtMs, std::vector<WireMessage> &out);
    std::int64_t nowMs() const { return m_nowMs; }

    const std::string &epoch() const { return m_epoch; }
    // A gateway restart: new epoch, seq starts again at 1 per depot; the world stays.
    void restartEpoch();
    std::map<std::string, std::int64_t> seqs() const;
    std::string heartbeatEnvelope() const;
    // Snapshot records (order.snapshot, rider.snapshot envelopes) of the given depots
    // (empty: all), then the SNAPEND body.
    void snapshot(const std::vector<std::string> &depots, std::vector<std::string> &records,
                  std::string &snapEnd) const;
    std::map<std::string, std::string> truthOrderStates() const;

    // Control commands on the world (intake commands go to intake()). Effects are
    // appended to `out` as feed events stamped now.
    CommandOutcome reassign(const std::string &orderId, const std::string &riderId, std::vector<WireMessage> &out);
    CommandOutcome hold(const std::string &orderId, const std::string &reason, std::vector<WireMessage> &out);
    CommandOutcome release(const std::string &orderId, const std::string &by, std::vector<WireMessage> &out);
    CommandOutcome cancel(const std::string &orderId, const std::string &reason, std::vector<WireMessage> &out);
    // Customer service (SimulationService.cpp): each emits its confirming event or refuses.
    CommandOutcome startReturn(const CsRequest &r, std::vector<WireMessage> &out);
    CommandOutcome closeReturn(const CsRequest &r, std::vector<WireMessage> &out);
    CommandOutcome openClaim(const CsRequest &r, std::vector<WireMessage> &out);
    CommandOutcome decideClaim(const CsRequest &r, std::vector<WireMessage> &out);
    CommandOutcome refund(const CsRequest &r, std::vector<WireMessage> &out);
    CommandOutcome notifyCustomer(const CsRequest &r, std::vector<WireMessage> &out);

    IntakeControl &intake() { return m_intake; }
    bool hasDepot(const std::string &id) const;
    bool hasMerchant(const std::string &id) const;
    std::vector<std::string> depotIds() const;
    std::vector<std::string> riderIds() const;
    const City &city() const { return *m_city; }
    std::int64_t generatedEvents() const { return m_generated; }
    // Silent: step() plays the world as usual (every seq and event id spent, the random
    // stream unchanged) but writes no messages; a warm start's pre-roll, which no console
    // hears, costs the simulation only.
    void setSilent(bool silent) { m_silent = silent; }
    // Thin fixes: each rider's rider.position only every kThinFixEveryS simulated seconds
    // (a warm start's replay, where the fixes would be 95 % of the messages).
    static constexpr int kThinFixEveryS = 30;
    void setThinFixes(bool thin) { m_thinFixes = thin; }

private:
    enum class Act : std::uint8_t {
        Arrival, Burst, Pay, RiskReview, PaymentReview, StockCheck, OutOfStockResolve, Picked,
        ExceptionResolve, ReturnDone, ClaimOpen, ClaimDone, Restock, StormToggle,
    };
    struct Action {
        std::int64_t at = 0;
        std::uint64_t tie = 0;   // insertion number: equal times run in scheduling order
        std::uint64_t order = 0; // order number, for order actions
        Act kind = Act::Arrival;
        std::uint32_t generation = 0;
        int a = 0, b = 0;
        bool operator>(const Action &o) const { return at != o.at ? at > o.at : tie > o.tie; }
    };

    // Simulation.cpp: clock, scheduler, emission helpers.
    void schedule(std::int64_t at, Act kind, std::uint64_t order = 0, int a = 0, int b = 0);
    void scheduleOrder(std::int64_t delayMs, Act kind, const Order &order);
    void runAction(const Action &action);
    void tick();
    JsonWriter begin(int depot, std::string_view type); // a new envelope; fields go into data
    void finish();
    std::string makeEpoch(std::int64_t ms) const;
    double uniform(double lo, double hi);
    bool chance(double p);
    std::int64_t randMs(double loS, double hiS);
    Order *findOrder(std::uint64_t number);
    Order *findOrder(const std::string &id);

    // SimulationOrders.cpp: intake and the order lifecycle.
    void arrival(int depot);
    void createOrder(int homeDepot, int merchant, int customer);
    void onPay(Order &o);
    void onStockCheck(Order &o);
    void onOutOfStockResolve(Order &o);
    void onPicked(Order &o);
    void onRestock(int depot, int stockIndex);
    void onExceptionResolve(Order &o);
    void setState(Order &o, core::OrderState state);
    void finishOrder(Order &o, core::OrderState state);
    double currentRatePerMin(int depot) const;
    void emitCreated(const Order &o);
    void scheduleBurst(int depot);
    // Construction, in the order the random generator is drawn (a seed's stream must
    // not change).
    void setUpIds();
    int setUpDepots();
    void setUpMerchants(int depotCount);
    void setUpCustomersStockAndSensors();
    void setUpRiders(int depotCount);
    void advanceAlongRoute(Rider &r);
    void settleAtRouteEnd(int index, int depotNode);
    double errorProbability(int depot);
    void writeOrderBody(JsonWriter &w, const Order &o) const;
    void emitSimple(const Order &o, std::string_view type, std::string_view key, std::string_view value);
    void emitInventory(int depot, const StockItem &item);
    void emitStats(int depot);

    // SimulationRiders.cpp: dispatch, movement, doorsteps and mishaps.
    void dispatchReady(int depot);
    int pickRider(int depot, int fromNode, int excludeRider);
    std::int64_t planTasks(Rider &r, Order &o, int pickupNode);
    void planBatch(Rider &r, const std::vector<Order *> &batch, int pickupNode);
    int pickupNodeOf(const Order &o) const;
    int callCrowdRider(int depot);
    static constexpr int kMaxCrowdPerDepot = 200;
    int customerNodeOf(const Order &o) const;
    void moveRider(int index);
    void arriveAtTask(int index);
    void raiseMishap(Order &o, Rider &r);
    void dropOrderTasks(Rider &r, std::uint64_t order);
    void setRiderStatus(int index, RiderStatus status);
    void refreshEtas(int index);
    void routeTo(Rider &r, int target);
    void emitRiderStatus(int index);
    void emitRiderPosition(int index);
    void writeRiderStatusFields(JsonWriter &w, const Rider &r) const;
    void writeRiderPositionFields(JsonWriter &w, const Rider &r) const;
    void emitSensors();
    std::int64_t queueMs(const Rider &r) const;
    void reassignTo(Order &o, int riderIndex, std::string_view type);

    std::shared_ptr<const City> m_city;
    SimulationOptions m_options;
    std::mt19937_64 m_rng;
    PathFinder m_paths;
    IntakeControl m_intake;
    std::vector<WireMessage> *m_out = nullptr;
    std::int64_t m_nowMs = 0;
    std::int64_t m_nextTickMs = 0;
    std::string m_epoch;
    int m_epochRestarts = 0;
    std::uint64_t m_eventCounter = 0;
    std::int64_t m_generated = 0;
    std::string m_idPrefix;
    std::string m_orderRunTag; // 4 digits in every order id, different for each run
    std::priority_queue<Action, std::vector<Action>, std::greater<Action>> m_actions;
    std::uint64_t m_actionTie = 0;
    bool m_storm = false;
    bool m_announced = false;
    bool m_silent = false;
    bool m_thinFixes = false;
    std::string m_silentText; // stays empty: silent writers discard

    std::vector<DepotState> m_depots;
    std::vector<const Merchant *> m_merchants;
    std::vector<int> m_merchantDepot;
    std::vector<Rider> m_riders;
    std::vector<Sensor> m_sensors;
    std::map<std::uint64_t, Order> m_orders; // by creation number: snapshot order is creation order
    std::unordered_map<std::string, std::uint64_t> m_orderIndex; // lookup only, never iterated
    std::deque<std::uint64_t> m_finalQueue; // final orders in finishing order, pruned after 24 h
    std::uint64_t m_orderNumber = 0;
    std::vector<int> m_scratchPath;
};

} // namespace opsdeck::sim
