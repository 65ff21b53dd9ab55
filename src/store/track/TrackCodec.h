#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace opsdeck::store {

// One rider fix as the track store keeps it (docs/storage.md): every value an integer,
// so replay returns exactly what was stored.
//   t    ms since the epoch            lat, lng  1e-6 degree (about 0.11 m)
//   spd  0.01 m/s                      hdg       0.1 degree
//   bat  0.1 percent (-10 = unknown, the feed's -1)
struct QuantFix {
    std::int64_t t = 0, lat = 0, lng = 0, spd = 0, hdg = 0, bat = 0;
    bool operator==(const QuantFix &) const = default;
};

inline constexpr double kLatLngScale = 1e6;
inline constexpr double kSpeedScale = 100.0;
inline constexpr double kHeadingScale = 10.0;
inline constexpr double kBatteryScale = 10.0;

QuantFix quantise(std::int64_t tsMs, double lat, double lng, double speedMps, double headingDeg, double batteryPct);

// The chain state of one rider's records: the previous fix and, for time and position,
// the previous step (a rider at constant speed and fix rate encodes as zeros).
struct DeltaState {
    QuantFix prev;
    std::int64_t dt = 0, dlat = 0, dlng = 0;
    bool started = false;
};

// A record is six zig-zag varints. The first of a chain holds the absolute values; the
// next ones the second difference of t/lat/lng and the first difference of the rest.
void encodeFix(std::string &out, DeltaState &state, const QuantFix &fix);
// False at the end of `in` or on a truncated record (counted by the caller as damage).
bool decodeFix(std::string_view &in, DeltaState &state, QuantFix &fix);

void putVarint(std::string &out, std::uint64_t v);
bool getVarint(std::string_view &in, std::uint64_t &v);

// Stored blobs: one byte of format (0 raw, 1 zstd) then the payload; zstd only when
// smaller. Keeps its zstd contexts: a fresh one per block would cost more than the block.
class BlobCodec final
{
public:
    BlobCodec();
    ~BlobCodec();
    BlobCodec(const BlobCodec &) = delete;
    BlobCodec &operator=(const BlobCodec &) = delete;
    std::string pack(std::string_view raw);
    // nullopt: not a blob of ours, or damaged.
    std::optional<std::string> unpack(std::string_view stored);

private:
    struct Contexts;
    std::unique_ptr<Contexts> m_ctx;
};

} // namespace opsdeck::store
