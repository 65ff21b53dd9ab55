#pragma once

// Internal state of a Simulation: plain structs, no behaviour worth hiding.

#include "Catalog.h"
#include "RoadGraph.h"

#include "core/model/OrderPriority.h"
#include "core/model/OrderState.h"

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace opsdeck::sim {

// Planning values for ETAs: the time a rider is expected to spend at a counter and at a door.
inline constexpr std::int64_t kPickupDwellMs = 100000;
inline constexpr std::int64_t kDropDwellMs = 60000;

enum class RiderStatus : std::uint8_t { Offline, Idle, ToPickup, Delivering, Break };
std::string_view toString(RiderStatus status);
std::string depotShortCode(const std::string &depotId); // "BJ-CY-01" -> "CY"

// What goes wrong on the way, decided at dispatch so the stream stays reproducible.
enum class Mishap : std::uint8_t { None, TrafficAccident, CustomerRejected, Damaged, Delayed, AddressInvalid };

struct Customer {
    std::string name;
    std::string phone;
    std::string address;
    LatLng position;
    int node = -1;
    std::deque<std::int64_t> recentOrdersMs; // for the suspicious-burst rule
};

struct OrderLine {
    int sku = 0; // index into catalog()
    int qty = 1;
};

struct Order {
    std::uint64_t number = 0;
    std::string id;
    int depot = 0;    // index into Simulation depots (after any diversion)
    int merchant = 0; // index into Simulation merchants
    int customer = 0; // index into the customers of the merchant's home depot
    int customerDepot = 0;
    Channel channel = Channel::Errand;
    std::vector<OrderLine> items;
    double amount = 0;
    std::string payMethod;
    std::int64_t createdMs = 0;
    std::int64_t promisedMs = 0;
    std::int64_t etaMs = 0;
    std::int64_t finalMs = 0;
    std::int64_t readyMs = 0; // packed and waiting for a rider since
    core::OrderState state = core::OrderState::Created;
    int rider = -1;
    bool pickedUp = false;
    bool paymentFails = false; // the downstream error of this order (feeds breakers)
    bool suspicious = false;
    std::string note; // what the customer typed for the rider (protocol extension)
    core::OrderPriority priority = core::OrderPriority::Normal;
    Mishap mishap = Mishap::None;
    std::uint32_t generation = 0; // bumped on every state change; stale timers are ignored
    int handoverNode = -1;          // where another rider collects a parcel after a mishap
    double claimAmount = 0;         // what the open claim asks for (decide_claim approves up to it)
    double refunded = 0;            // refunds so far: never more than amount in all
};

struct Task {
    std::uint64_t order = 0;
    bool pickup = true;
    int node = -1;
    double legM = 0;     // road distance from the previous task's node (for ETAs)
};

struct Rider {
    std::string id;                // "R-CY-007"; crowd-sourced riders "R-CY-Z001"
    std::string name;
    int depot = 0;
    RiderStatus status = RiderStatus::Idle;
    int capacity = 3;
    double cruiseMps = 6.0;  // the rider's own pace on a clear road
    double speedMps = 0;
    double headingDeg = 0;
    double accuracyM = 5;
    double batteryPct = 100;
    std::string vehicleId; // cold box sensor, fresh-channel riders only
    bool coldBox = false;
    // Movement: the rider is on edge route[routePos-1] -> route[routePos], edgeDoneM
    // metres from the former; when routePos == route.size() it stands on `node`.
    int node = -1;
    std::vector<int> route;
    std::size_t routePos = 0;
    double edgeDoneM = 0;
    double routeLeftM = 0;
    LatLng position;
    std::deque<Task> tasks;
    bool taskRouted = false;       // route leads to tasks.front()
    std::int64_t dwellUntilMs = 0; // handing over at a door or a counter
    std::int64_t busyUntilMs = 0;  // offline shift start, break end
    std::int64_t slowUntilMs = 0;  // stuck in traffic
    std::int64_t mishapAtMs = 0;   // when an en-route mishap of the front order strikes
    bool returning = false;        // heading back to the depot
    bool atTask = false;           // dwelling at tasks.front()
    bool crowd = false;            // crowd-sourced, called in when the own fleet is saturated
    std::int64_t idleSinceMs = 0;
};

struct Sensor {
    std::string id;
    std::string kind;   // temperature | humidity
    std::string unit;
    double min = 0, max = 0, base = 0;
    int depot = 0;
    int rider = -1;     // >= 0: mounted on that rider's cold box
    int excursionLeft = 0;
    std::int64_t periodMs = 30000;
    std::int64_t nextMs = 0; // staggered so readings do not all land in one second
};

struct StockItem {
    int sku = 0;
    int qty = 0;
    int reorderPoint = 15;
    bool restockPending = false;
};

struct DepotState {
    std::string id;
    std::string scope; // "depot:<id>"
    int cityIndex = 0;
    std::int64_t seq = 0;
    std::vector<int> merchants;          // indices into Simulation merchants
    std::vector<std::string> merchantScopes;
    std::vector<int> riders;
    std::vector<Customer> customers;
    std::vector<StockItem> stock;
    std::deque<std::uint64_t> ready;     // picked orders waiting for a rider
    std::deque<std::int64_t> acceptedMs; // admissions over the last minute (load)
    std::int64_t offered = 0, accepted = 0, rateLimited = 0, breakerOpen = 0;
    double weight = 1.0;
};

} // namespace opsdeck::sim
