#include "TrackCodec.h"

#include <zstd.h>

#include <algorithm>
#include <cmath>

namespace opsdeck::store {

namespace {

std::uint64_t zigzag(std::int64_t v)
{
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}

std::int64_t unzigzag(std::uint64_t v)
{
    return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

// A value the feed should never send (a latitude of 1e300) is clamped, not undefined.
std::int64_t q(double v, double scale)
{
    return std::isfinite(v) ? std::llround(std::clamp(v * scale, -1e15, 1e15)) : 0;
}

// Differences wrap (two's complement) instead of overflowing on a damaged record:
// encode and decode wrap the same way, so every stored value comes back exactly.
std::int64_t sub(std::int64_t a, std::int64_t b)
{
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b));
}

std::int64_t add(std::int64_t a, std::int64_t b)
{
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b));
}

// Level 1: blocks are a few hundred bytes, and the writer must keep up with the feed.
constexpr int kZstdLevel = 1;
constexpr char kRaw = 0;
constexpr char kZstd = 1;

} // namespace

QuantFix quantise(std::int64_t tsMs, double lat, double lng, double speedMps, double headingDeg, double batteryPct)
{
    return {tsMs,
            q(lat, kLatLngScale),
            q(lng, kLatLngScale),
            q(speedMps, kSpeedScale),
            q(headingDeg, kHeadingScale),
            q(batteryPct, kBatteryScale)};
}

void putVarint(std::string &out, std::uint64_t v)
{
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

bool getVarint(std::string_view &in, std::uint64_t &v)
{
    v = 0;
    for (int shift = 0; shift < 64 && !in.empty(); shift += 7) {
        const auto byte = static_cast<unsigned char>(in.front());
        in.remove_prefix(1);
        v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
        if ((byte & 0x80) == 0)
            return true;
    }
    return false;
}

void encodeFix(std::string &out, DeltaState &s, const QuantFix &f)
{
    if (!s.started) {
        for (const std::int64_t v : {f.t, f.lat, f.lng, f.spd, f.hdg, f.bat})
            putVarint(out, zigzag(v));
        s = DeltaState{f, 0, 0, 0, true};
        return;
    }
    const std::int64_t dt = sub(f.t, s.prev.t), dlat = sub(f.lat, s.prev.lat), dlng = sub(f.lng, s.prev.lng);
    for (const std::int64_t v : {sub(dt, s.dt), sub(dlat, s.dlat), sub(dlng, s.dlng), sub(f.spd, s.prev.spd),
                                 sub(f.hdg, s.prev.hdg), sub(f.bat, s.prev.bat)})
        putVarint(out, zigzag(v));
    s = DeltaState{f, dt, dlat, dlng, true};
}

bool decodeFix(std::string_view &in, DeltaState &s, QuantFix &f)
{
    std::int64_t v[6];
    for (std::int64_t &x : v) {
        std::uint64_t u = 0;
        if (!getVarint(in, u))
            return false;
        x = unzigzag(u);
    }
    if (!s.started) {
        f = {v[0], v[1], v[2], v[3], v[4], v[5]};
        s = DeltaState{f, 0, 0, 0, true};
        return true;
    }
    const std::int64_t dt = add(s.dt, v[0]), dlat = add(s.dlat, v[1]), dlng = add(s.dlng, v[2]);
    f = {add(s.prev.t, dt),         add(s.prev.lat, dlat),      add(s.prev.lng, dlng),
         add(s.prev.spd, v[3]),     add(s.prev.hdg, v[4]),      add(s.prev.bat, v[5])};
    s = DeltaState{f, dt, dlat, dlng, true};
    return true;
}

struct BlobCodec::Contexts {
    ZSTD_CCtx *c = ZSTD_createCCtx();
    ZSTD_DCtx *d = ZSTD_createDCtx();
    ~Contexts()
    {
        ZSTD_freeCCtx(c);
        ZSTD_freeDCtx(d);
    }
};

BlobCodec::BlobCodec() : m_ctx(std::make_unique<Contexts>()) {}
BlobCodec::~BlobCodec() = default;

std::string BlobCodec::pack(std::string_view raw)
{
    std::string out;
    if (raw.size() > 32) {
        out.resize(1 + ZSTD_compressBound(raw.size()));
        const std::size_t n = ZSTD_compressCCtx(m_ctx->c, out.data() + 1, out.size() - 1, raw.data(), raw.size(),
                                                kZstdLevel);
        if (!ZSTD_isError(n) && n < raw.size()) {
            out[0] = kZstd;
            out.resize(1 + n);
            return out;
        }
    }
    out.assign(1, kRaw);
    out.append(raw);
    return out;
}

std::optional<std::string> BlobCodec::unpack(std::string_view stored)
{
    if (stored.empty())
        return std::nullopt;
    const char format = stored.front();
    stored.remove_prefix(1);
    if (format == kRaw)
        return std::string(stored);
    if (format != kZstd)
        return std::nullopt;
    const unsigned long long size = ZSTD_getFrameContentSize(stored.data(), stored.size());
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (64u << 20))
        return std::nullopt;
    std::string out(static_cast<std::size_t>(size), '\0');
    const std::size_t n = ZSTD_decompressDCtx(m_ctx->d, out.data(), out.size(), stored.data(), stored.size());
    if (ZSTD_isError(n) || n != out.size())
        return std::nullopt;
    return out;
}

} // namespace opsdeck::store
