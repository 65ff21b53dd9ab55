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

class GeofenceLog final
{
public:
    static void ensureSchema(Database &db);
    static void append(Database &db, const std::vector<GeofenceEntry> &entries);
    static std::vector<GeofenceEntry> forOrder(Database &db, const std::string &orderId);
    static std::vector<GeofenceEntry> forRider(Database &db, const std::string &riderId);
};

} // namespace opsdeck::store
