#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace opsdeck::store {

class Database;

// Geofence crossings as timeline entries of riders and orders (own table, created here):
// kind is zone_entered, zone_exited, arrived_depot, left_depot or arrived_customer;
// place is the depot id (zones are named after their depot) and order_id is set for
// arrivals at a customer.
struct GeofenceEntry {
    std::int64_t tsMs = 0;
    std::string riderId;
    std::string orderId;
    std::string kind;
    std::string place;
};

// A rider carrying an order from fromMs to toMs: the depot arrivals and departures of
// that rider within the span belong on the order's timeline too.
struct RiderSpan {
    std::string riderId;
    std::int64_t fromMs = 0;
    std::int64_t toMs = 0;
};

class GeofenceLog final
{
public:
    static constexpr const char *kTable = "geofence_events"; // absent until a recorder created it
    static void ensureSchema(Database &db);
    static void append(Database &db, const std::vector<GeofenceEntry> &entries);
    static std::vector<GeofenceEntry> forOrder(Database &db, const std::string &orderId);
    // The order's own crossings (arrival at the customer) and its riders' depot arrivals
    // and departures while they carried it, by time.
    static std::vector<GeofenceEntry> forOrderTimeline(Database &db, const std::string &orderId,
                                                       const std::vector<RiderSpan> &spans);
    static std::vector<GeofenceEntry> forRider(Database &db, const std::string &riderId);
};

} // namespace opsdeck::store
