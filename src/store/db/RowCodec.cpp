#include "RowCodec.h"

#include <bit>
#include <charconv>

namespace opsdeck::store {

namespace {

constexpr char kPersonalVersion = 3;
constexpr char kPersonalVersionWithoutDestination = 2;
constexpr char kPersonalVersionWithoutNote = 1;

void putDouble(std::string &out, double v)
{
    auto bits = std::bit_cast<std::uint64_t>(v);
    for (int i = 0; i < 8; ++i, bits >>= 8)
        out.push_back(static_cast<char>(bits & 0xff));
}

bool getDouble(std::string_view &in, double &out)
{
    if (in.size() < 8)
        return false;
    std::uint64_t bits = 0;
    for (int i = 7; i >= 0; --i)
        bits = (bits << 8) | static_cast<unsigned char>(in[static_cast<std::size_t>(i)]);
    in.remove_prefix(8);
    out = std::bit_cast<double>(bits);
    return true;
}

void putString(std::string &out, std::string_view s)
{
    const auto n = static_cast<std::uint32_t>(s.size());
    for (int shift = 0; shift < 32; shift += 8)
        out.push_back(static_cast<char>((n >> shift) & 0xff));
    out.append(s);
}

bool getString(std::string_view &in, std::string &out)
{
    if (in.size() < 4)
        return false;
    std::uint32_t n = 0;
    for (int i = 0; i < 4; ++i)
        n |= static_cast<std::uint32_t>(static_cast<unsigned char>(in[static_cast<std::size_t>(i)])) << (8 * i);
    in.remove_prefix(4);
    if (in.size() < n)
        return false;
    out.assign(in.substr(0, n));
    in.remove_prefix(n);
    return true;
}

} // namespace

std::string packPersonal(const PersonalFields &fields)
{
    std::string out;
    out.reserve(1 + 16 + 16 + fields.name.size() + fields.phone.size() + fields.address.size() + fields.note.size());
    out.push_back(kPersonalVersion);
    putString(out, fields.name);
    putString(out, fields.phone);
    putString(out, fields.address);
    putString(out, fields.note);
    putDouble(out, fields.lat);
    putDouble(out, fields.lng);
    return out;
}

std::optional<PersonalFields> unpackPersonal(std::string_view packed)
{
    if (packed.empty() || packed.front() < kPersonalVersionWithoutNote || packed.front() > kPersonalVersion)
        return std::nullopt;
    const bool hasNote = packed.front() >= kPersonalVersionWithoutDestination;
    const bool hasDestination = packed.front() >= kPersonalVersion;
    packed.remove_prefix(1);
    PersonalFields fields;
    if (!getString(packed, fields.name) || !getString(packed, fields.phone) || !getString(packed, fields.address)
        || (hasNote && !getString(packed, fields.note))
        || (hasDestination && (!getDouble(packed, fields.lat) || !getDouble(packed, fields.lng))) || !packed.empty())
        return std::nullopt;
    return fields;
}

void applyPersonal(PersonalFields &&fields, core::OrderRecord &order)
{
    order.customerName = std::move(fields.name);
    order.customerPhone = std::move(fields.phone);
    order.addressText = std::move(fields.address);
    order.customerNote = std::move(fields.note);
    if (fields.hasDestination()) {
        order.lat = fields.lat;
        order.lng = fields.lng;
    }
}

std::string stateTimesToJson(const StateTimes &times)
{
    std::string out;
    appendStateTimesJson(out, times);
    return out;
}

void appendStateTimesJson(std::string &out, const StateTimes &times)
{
    out.reserve(out.size() + times.size() * 14 + 2);
    out.push_back('[');
    char buf[24];
    for (std::size_t i = 0; i < times.size(); ++i) {
        if (i)
            out.push_back(',');
        const auto res = std::to_chars(buf, buf + sizeof buf, times[i]);
        out.append(buf, res.ptr);
    }
    out.push_back(']');
}

StateTimes stateTimesFromJson(std::string_view json)
{
    StateTimes times{};
    std::size_t index = 0;
    const char *p = json.data();
    const char *end = p + json.size();
    while (p < end && index < times.size()) {
        if ((*p >= '0' && *p <= '9') || *p == '-') {
            std::int64_t value = 0;
            const auto res = std::from_chars(p, end, value);
            if (res.ec != std::errc())
                break;
            times[index++] = value;
            p = res.ptr;
        } else {
            ++p;
        }
    }
    return times;
}

bool carriesPersonalData(const core::Event &event)
{
    // By type, not only by the lifted fields: a created order without a customer
    // still has its address in the body.
    // order.signed names who signed for the parcel: a person, often the customer.
    return event.kind == core::EventKind::OrderCreated || event.kind == core::EventKind::OrderSnapshot
        || event.kind == core::EventKind::OrderSigned || !event.customerName.empty() || !event.customerPhone.empty() || !event.addressText.empty()
        || !event.customerNote.empty();
}

std::string eventBodyAd(std::string_view epoch, std::string_view depot, std::int64_t seq)
{
    std::string ad = "events.body/";
    ad.append(epoch).append("/").append(depot).append("/").append(std::to_string(seq));
    return ad;
}

std::string orderPiiAd(std::string_view orderId)
{
    std::string ad = "orders.pii/";
    ad.append(orderId);
    return ad;
}

std::optional<core::RejectReason> rejectReasonFromString(std::string_view text)
{
    for (int i = 0; i < core::kRejectReasonCount; ++i) {
        const auto reason = static_cast<core::RejectReason>(i);
        if (core::toString(reason) == text)
            return reason;
    }
    return std::nullopt;
}

} // namespace opsdeck::store
