#include "EventDecoder.h"

#include <simdjson.h>

#include <chrono>
#include <optional>
#include <cstring>
#include <array>
#include <span>
#include <limits>

namespace opsdeck::core {

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

constexpr std::string_view kHeartbeatTopic = "$hb";
constexpr std::string_view kSnapshotTopic = "SNAP";
constexpr std::size_t kRejectedTopicCap = 256;

enum class Need : bool { Optional, Required };

std::int64_t wallClockMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string joinPath(std::string_view prefix, std::string_view key)
{
    std::string path;
    path.reserve(prefix.size() + key.size());
    path.append(prefix).append(key);
    return path;
}

// One looked-up field: where it is (for the detail) and its value when present.
// A JSON null counts as absent so optional fields may be sent as null.
struct Field {
    std::string_view prefix;
    std::string_view key;
    element value;
    bool present = false;
};

Field fieldOf(object obj, std::string_view prefix, std::string_view key)
{
    Field f{prefix, key, {}, false};
    f.present = obj.at_key(key).get(f.value) == simdjson::SUCCESS && !f.value.is_null();
    return f;
}

// Collects the first problem found. Accessors return false once something is wrong, so a
// chain of `a && b && c` stops at the first failure and the detail names that field.
// Strings are built only on the failure path.
class Checker final
{
public:
    bool fail(RejectReason reason, std::string_view prefix, std::string_view key, std::string_view problem)
    {
        m_reason = reason;
        m_detail = joinPath(prefix, key);
        m_detail.append(": ").append(problem);
        return false;
    }
    bool fail(RejectReason reason, const Field &f, std::string_view problem)
    {
        return fail(reason, f.prefix, f.key, problem);
    }
    RejectReason reason() const { return m_reason; }
    std::string takeDetail() { return std::move(m_detail); }

    // For all accessors: absent is fine when optional (outputs untouched), MissingField otherwise.
    bool absent(const Field &f, Need need)
    {
        return need == Need::Optional ? true : fail(RejectReason::MissingField, f, "missing");
    }

    bool text(const Field &f, Need need, std::string *out, bool nonEmpty = false, std::string_view *view = nullptr)
    {
        if (!f.present)
            return absent(f, need);
        std::string_view s;
        if (f.value.get_string().get(s) != simdjson::SUCCESS)
            return fail(RejectReason::WrongType, f, "expected string");
        if (nonEmpty && s.empty())
            return fail(RejectReason::BadValue, f, "must not be empty");
        if (out)
            out->assign(s);
        if (view)
            *view = s;
        return true;
    }

    bool oneOf(const Field &f, Need need, std::span<const std::string_view> allowed, std::string *out)
    {
        if (!f.present)
            return absent(f, need);
        std::string_view s;
        if (!text(f, need, nullptr, false, &s))
            return false;
        for (auto a : allowed) {
            if (a == s) {
                if (out)
                    out->assign(s);
                return true;
            }
        }
        return fail(RejectReason::BadValue, f, "unknown value");
    }

    bool number(const Field &f, Need need, double *out, double lo = -1e300, double hi = 1e300)
    {
        if (!f.present)
            return absent(f, need);
        double v = 0;
        if (!f.value.is_number() || f.value.get_double().get(v) != simdjson::SUCCESS)
            return fail(RejectReason::WrongType, f, "expected number");
        if (v < lo || v > hi)
            return fail(RejectReason::BadValue, f, "out of range");
        if (out)
            *out = v;
        return true;
    }

    bool integer(const Field &f, Need need, std::int64_t *out, std::int64_t lo = 0)
    {
        if (!f.present)
            return absent(f, need);
        std::int64_t v = 0;
        if (f.value.type() == element_type::UINT64)
            return fail(RejectReason::BadValue, f, "out of range");
        if (f.value.get_int64().get(v) != simdjson::SUCCESS)
            return fail(RejectReason::WrongType, f, "expected integer");
        if (v < lo)
            return fail(RejectReason::BadValue, f, "out of range");
        if (out)
            *out = v;
        return true;
    }

    bool boolean(const Field &f, Need need, bool *out)
    {
        if (!f.present)
            return absent(f, need);
        bool v = false;
        if (f.value.get_bool().get(v) != simdjson::SUCCESS)
            return fail(RejectReason::WrongType, f, "expected boolean");
        if (out)
            *out = v;
        return true;
    }

    bool timestamp(const Field &f, Need need, std::int64_t *out)
    {
        if (!f.present)
            return absent(f, need);
        std::string_view s;
        if (!text(f, need, nullptr, false, &s))
            return false;
        const auto ms = parseTimestampMs(s);
        if (!ms)
            return fail(RejectReason::BadValue, f, "expected RFC 3339 UTC timestamp");
        if (out)
            *out = *ms;
        return true;
    }

    bool child(const Field &f, Need need, object *out, bool *wasPresent = nullptr)
    {
        if (wasPresent)
            *wasPresent = false;
        if (!f.present)
            return absent(f, need);
        if (f.value.get_object().get(*out) != simdjson::SUCCESS)
            return fail(RejectReason::WrongType, f, "expected object");
        if (wasPresent)
            *wasPresent = true;
        return true;
    }

    bool list(const Field &f, Need need)
    {
        if (!f.present)
            return absent(f, need);
        if (!f.value.is_array())
            return fail(RejectReason::WrongType, f, "expected array");
        return true;
    }

    // lat and lng come as a pair: both or neither.
    bool position(object obj, std::string_view prefix, Need need, Event &ev)
    {
        const Field lat = fieldOf(obj, prefix, "lat");
        const Field lng = fieldOf(obj, prefix, "lng");
        if (!number(lat, need, &ev.lat, -90.0, 90.0) || !number(lng, need, &ev.lng, -180.0, 180.0))
            return false;
        if (lat.present != lng.present)
            return fail(RejectReason::MissingField, lat.present ? lng : lat, "missing (lat and lng come together)");
        ev.hasPosition = lat.present;
        return true;
    }

private:
    RejectReason m_reason = RejectReason::MalformedJson;
    std::string m_detail;
};

constexpr std::string_view kData = "data.";
constexpr std::array<std::string_view, 3> kChannels = {"fresh", "campus", "errand"};
constexpr std::array<std::string_view, 5> kRiderStatuses = {"offline", "idle", "to_pickup", "delivering",
                                                                     "break"};
constexpr std::array<std::string_view, 6> kExceptionReasons = {
    "traffic_accident", "customer_rejected", "damaged", "delayed", "address_invalid", "other"};
constexpr std::array<std::string_view, 3> kSensorKinds = {"temperature", "humidity", "weight"};

// The fields of order.created; order.snapshot carries them too.
bool orderBody(Checker &c, object d, Need need, Event &ev)
{
    object customer;
    object address;
    bool hasCustomer = false;
    bool hasAddress = false;
    if (!(c.text(fieldOf(d, kData, "merchant_id"), need, &ev.merchantId, true)
          && c.oneOf(fieldOf(d, kData, "channel"), need, kChannels, &ev.channel)
          && c.child(fieldOf(d, kData, "customer"), need, &customer, &hasCustomer)
          && c.child(fieldOf(d, kData, "address"), need, &address, &hasAddress) && c.list(fieldOf(d, kData, "items"), need)
          && c.number(fieldOf(d, kData, "amount"), need, &ev.amount, 0.0)
          && c.timestamp(fieldOf(d, kData, "promised_at"), need, &ev.promisedAtMs)))
        return false;
    // Our extension (docs/protocol.md). Another gateway may use these names for something
    // else: a value we cannot read is left out and flagged for counting, never a reason to
    // drop the order (a rejected order.created would cost a resync and lose the order).
    if (const Field note = fieldOf(d, kData, "note"); note.present) {
        std::string_view text;
        if (note.value.get_string().get(text) == simdjson::SUCCESS)
            ev.customerNote.assign(text);
        else
            ev.extensionIgnored = true;
    }
    if (const Field priority = fieldOf(d, kData, "priority"); priority.present) {
        std::string_view text;
        std::optional<OrderPriority> known;
        if (priority.value.get_string().get(text) == simdjson::SUCCESS)
            known = orderPriorityFromString(text);
        ev.priority = known.value_or(OrderPriority::Normal);
        ev.extensionIgnored = ev.extensionIgnored || !known;
    }
    if (hasCustomer
        && !(c.text(fieldOf(customer, "data.customer.", "name"), Need::Required, &ev.customerName)
             && c.text(fieldOf(customer, "data.customer.", "phone"), Need::Required, &ev.customerPhone)))
        return false;
    if (hasAddress
        && !(c.text(fieldOf(address, "data.address.", "text"), Need::Required, &ev.addressText)
             && c.position(address, "data.address.", Need::Required, ev)))
        return false;
    return true;
}

// Rider fields of rider.status and rider.position; rider.snapshot carries both.
bool riderStatusBody(Checker &c, object d, Need need, Event &ev)
{
    std::int64_t capacity = 0;
    const bool ok = c.oneOf(fieldOf(d, kData, "status"), need, kRiderStatuses, &ev.riderStatus)
        && c.text(fieldOf(d, kData, "name"), Need::Optional, &ev.riderName)
        && c.integer(fieldOf(d, kData, "capacity"), Need::Optional, &capacity) && c.text(fieldOf(d, kData, "depot"), Need::Optional, &ev.riderDepot);
    if (ok && capacity > 1000000)
        return c.fail(RejectReason::BadValue, kData, "capacity", "out of range");
    ev.capacity = static_cast<int>(capacity);
    return ok;
}

bool riderPositionBody(Checker &c, object d, Need need, Event &ev)
{
    return c.position(d, kData, need, ev) && c.number(fieldOf(d, kData, "speed_mps"), Need::Optional, &ev.speedMps, 0.0)
        && c.number(fieldOf(d, kData, "heading_deg"), Need::Optional, &ev.headingDeg, -360.0, 360.0)
        && c.number(fieldOf(d, kData, "accuracy_m"), Need::Optional, nullptr, 0.0)
        && c.number(fieldOf(d, kData, "battery_pct"), Need::Optional, &ev.batteryPct, 0.0, 100.0);
}

// Required fields are the ones a console cannot do without; the other listed fields are
// optional but must have the documented type when present.
bool decodeData(Checker &c, EventKind kind, object d, Event &ev)
{
    constexpr auto R = Need::Required;
    constexpr auto O = Need::Optional;
    if ((isOrderEvent(kind) || kind == EventKind::OrderSnapshot) && !c.text(fieldOf(d, kData, "order_id"), R, &ev.orderId, true))
        return false;
    switch (kind) {
    case EventKind::OrderCreated:
        return orderBody(c, d, R, ev);
    case EventKind::OrderPaid:
        return c.number(fieldOf(d, kData, "amount"), R, &ev.amount, 0.0) && c.text(fieldOf(d, kData, "method"), O, nullptr);
    case EventKind::OrderHeld:
        return c.text(fieldOf(d, kData, "reason"), R, &ev.reason);
    case EventKind::OrderReleased:
        return c.text(fieldOf(d, kData, "by"), O, nullptr);
    case EventKind::OrderStockChecked:
        return c.boolean(fieldOf(d, kData, "ok"), R, &ev.stockOk) && c.list(fieldOf(d, kData, "short_skus"), R);
    case EventKind::OrderRestocked:
        return true;
    case EventKind::OrderDispatched:
    case EventKind::OrderReassigned:
        return c.text(fieldOf(d, kData, "rider_id"), R, &ev.riderId, true) && c.timestamp(fieldOf(d, kData, "eta"), R, &ev.etaMs);
    case EventKind::OrderEtaUpdated:
        return c.timestamp(fieldOf(d, kData, "eta"), R, &ev.etaMs) && c.text(fieldOf(d, kData, "reason"), O, nullptr);
    case EventKind::OrderException:
        return c.oneOf(fieldOf(d, kData, "reason"), R, kExceptionReasons, &ev.reason) && c.text(fieldOf(d, kData, "note"), O, nullptr)
            && c.text(fieldOf(d, kData, "reported_by"), O, nullptr);
    case EventKind::OrderSigned:
        return c.text(fieldOf(d, kData, "signed_by"), O, nullptr) && c.text(fieldOf(d, kData, "signature_ref"), O, nullptr)
            && c.position(d, kData, O, ev);
    case EventKind::OrderReturnStarted:
    case EventKind::OrderCancelled:
        return c.text(fieldOf(d, kData, "reason"), O, &ev.reason);
    case EventKind::OrderClaimOpened:
        return c.text(fieldOf(d, kData, "reason"), O, &ev.reason) && c.number(fieldOf(d, kData, "amount"), O, &ev.amount, 0.0);
    case EventKind::OrderClosed:
        return c.text(fieldOf(d, kData, "outcome"), R, &ev.reason);
    case EventKind::RiderStatus:
        return c.text(fieldOf(d, kData, "rider_id"), R, &ev.riderId, true) && riderStatusBody(c, d, R, ev);
    case EventKind::RiderPosition:
        return c.text(fieldOf(d, kData, "rider_id"), R, &ev.riderId, true) && riderPositionBody(c, d, R, ev);
    case EventKind::RiderReport:
        return c.text(fieldOf(d, kData, "rider_id"), R, &ev.riderId, true) && c.text(fieldOf(d, kData, "order_id"), O, &ev.orderId)
            && c.text(fieldOf(d, kData, "kind"), R, nullptr) && c.text(fieldOf(d, kData, "note"), O, nullptr);
    case EventKind::InventoryLevel:
        return c.text(fieldOf(d, kData, "sku"), R, nullptr, true) && c.number(fieldOf(d, kData, "qty"), R, nullptr)
            && c.text(fieldOf(d, kData, "name"), O, nullptr) && c.text(fieldOf(d, kData, "unit"), O, nullptr)
            && c.number(fieldOf(d, kData, "reorder_point"), O, nullptr);
    case EventKind::SensorReading:
        return c.text(fieldOf(d, kData, "sensor_id"), R, nullptr, true) && c.oneOf(fieldOf(d, kData, "kind"), R, kSensorKinds, nullptr)
            && c.number(fieldOf(d, kData, "value"), R, nullptr) && c.text(fieldOf(d, kData, "unit"), O, nullptr)
            && c.text(fieldOf(d, kData, "vehicle_id"), O, nullptr) && c.text(fieldOf(d, kData, "depot"), O, nullptr)
            && c.number(fieldOf(d, kData, "min"), O, nullptr) && c.number(fieldOf(d, kData, "max"), O, nullptr);
    case EventKind::GatewayStats: {
        object rejected;
        return c.number(fieldOf(d, kData, "window_s"), R, nullptr, 0.0) && c.number(fieldOf(d, kData, "offered"), R, nullptr, 0.0)
            && c.number(fieldOf(d, kData, "accepted"), R, nullptr, 0.0) && c.child(fieldOf(d, kData, "rejected"), O, &rejected)
            && c.list(fieldOf(d, kData, "limits"), O) && c.list(fieldOf(d, kData, "breakers"), O) && c.list(fieldOf(d, kData, "diversions"), O);
    }
    case EventKind::OrderSnapshot: {
        std::string_view state;
        if (!c.text(fieldOf(d, kData, "state"), R, nullptr, false, &state))
            return false;
        const auto s = orderStateFromString(state);
        if (!s || *s == OrderState::Unknown)
            return c.fail(RejectReason::BadValue, kData, "state", "unknown order state");
        ev.snapshotState = *s;
        return c.text(fieldOf(d, kData, "rider_id"), O, &ev.riderId) && c.timestamp(fieldOf(d, kData, "eta"), O, &ev.etaMs)
            && c.timestamp(fieldOf(d, kData, "created_at"), R, &ev.createdAtMs) && orderBody(c, d, O, ev)
            && c.text(fieldOf(d, kData, "reason"), O, &ev.reason);
    }
    case EventKind::RiderSnapshot:
        return c.text(fieldOf(d, kData, "rider_id"), R, &ev.riderId, true) && riderStatusBody(c, d, R, ev)
            && riderPositionBody(c, d, O, ev);
    case EventKind::Unknown:
        break;
    }
    return c.fail(RejectReason::UnknownType, "", "type", "unknown");
}

// The envelope fields, found in one pass over the root object.
struct EnvelopeFields {
    element v, epoch, depot, seq, id, ts, type, data, seqs;
    std::uint16_t present = 0;
    enum Bit : std::uint16_t { V = 1, Epoch = 2, Depot = 4, Seq = 8, Id = 16, Ts = 32, Type = 64, Data = 128, Seqs = 256 };

    void take(std::string_view key, element value)
    {
        // Dispatch on length first: every envelope key has a distinct (length, first char).
        switch (key.size()) {
        case 1: if (key == "v") set(v, V, value); break;
        case 2: if (key == "id") set(id, Id, value); else if (key == "ts") set(ts, Ts, value); break;
        case 3: if (key == "seq") set(seq, Seq, value); break;
        case 4:
            if (key == "type") set(type, Type, value);
            else if (key == "data") set(data, Data, value);
            else if (key == "seqs") set(seqs, Seqs, value);
            break;
        case 5: if (key == "epoch") set(epoch, Epoch, value); else if (key == "depot") set(depot, Depot, value); break;
        default: break;
        }
    }
    bool has(Bit b) const { return (present & b) != 0; }
    Field field(const element &slot, Bit b, std::string_view key) const
    {
        return Field{"", key, slot, has(b) && !slot.is_null()};
    }

private:
    void set(element &slot, Bit b, element value)
    {
        if (!has(b)) { // the first occurrence of a duplicated key wins, as with at_key
            slot = value;
            present |= b;
        }
    }
};

} // namespace

struct EventDecoder::Impl {
    simdjson::dom::parser parser;
    std::unique_ptr<char[]> padded{new char[kMaxEnvelopeBytes + simdjson::SIMDJSON_PADDING]};
    Checker check;

    Impl()
    {
        // Allocate once for the largest legal envelope so decode never allocates parser memory.
        if (parser.allocate(kMaxEnvelopeBytes) != simdjson::SUCCESS)
            throw std::bad_alloc();
    }

    Result reject(RejectReason reason, std::string detail, std::string_view topic, std::string_view envelope)
    {
        Rejected r;
        r.reason = reason;
        r.detail = std::move(detail);
        r.topic.assign(topic.substr(0, kRejectedTopicCap));
        r.raw.assign(envelope.substr(0, kRejectedRawCap));
        r.size = static_cast<std::int64_t>(envelope.size());
        r.atMs = wallClockMs();
        return r;
    }

    Result rejectChecked(std::string_view topic, std::string_view envelope)
    {
        return reject(check.reason(), check.takeDetail(), topic, envelope);
    }

    Result decode(std::string_view topic, std::string_view envelope);
    Result decodeHeartbeat(const EnvelopeFields &f, std::string_view topic, std::string_view envelope);
};

EventDecoder::Result EventDecoder::Impl::decode(std::string_view topic, std::string_view envelope)
{
    if (envelope.size() > kMaxEnvelopeBytes)
        return reject(RejectReason::Oversize, "envelope: " + std::to_string(envelope.size()) + " bytes, limit "
                          + std::to_string(kMaxEnvelopeBytes), topic, envelope);
    std::memcpy(padded.get(), envelope.data(), envelope.size());
    std::memset(padded.get() + envelope.size(), 0, simdjson::SIMDJSON_PADDING);

    element doc;
    // The DOM parser validates the whole document (UTF-8, structure, numbers, depth),
    // which ondemand would only do for the parts we touch.
    if (auto err = parser.parse(padded.get(), envelope.size(), false).get(doc); err != simdjson::SUCCESS)
        return reject(RejectReason::MalformedJson, std::string("envelope: ") + simdjson::error_message(err), topic,
                      envelope);
    object root;
    if (doc.get_object().get(root) != simdjson::SUCCESS)
        return reject(RejectReason::MalformedJson, "envelope: not a JSON object", topic, envelope);

    EnvelopeFields f;
    for (auto field : root)
        f.take(field.key, field.value);
    using B = EnvelopeFields;

    // v first: a console must not interpret a version it does not know.
    std::int64_t version = 0;
    if (!check.integer(f.field(f.v, B::V, "v"), Need::Required, &version, std::numeric_limits<std::int64_t>::min()))
        return rejectChecked(topic, envelope);
    if (version != 1)
        return reject(RejectReason::BadVersion, "v: unsupported protocol version " + std::to_string(version), topic,
                      envelope);

    std::string_view type;
    if (!check.text(f.field(f.type, B::Type, "type"), Need::Required, nullptr, false, &type))
        return rejectChecked(topic, envelope);

    const bool heartbeatTopic = topic == kHeartbeatTopic;
    if (type == "heartbeat" || heartbeatTopic) {
        if (!heartbeatTopic || type != "heartbeat")
            return reject(RejectReason::TopicMismatch, "topic: heartbeats travel on $hb and only there", topic,
                          envelope);
        return decodeHeartbeat(f, topic, envelope);
    }
    const EventKind kind = eventKindFromType(type);
    if (kind == EventKind::Unknown)
        return reject(RejectReason::UnknownType, "type: unknown event type", topic, envelope);

    const bool snapshotTopic = topic == kSnapshotTopic;
    Event ev;
    ev.kind = kind;
    std::string_view depot;
    object data;
    if (!(check.text(f.field(f.epoch, B::Epoch, "epoch"), Need::Required, &ev.epoch, true)
          && check.text(f.field(f.depot, B::Depot, "depot"), Need::Required, &ev.depot, true, &depot)
          // Snapshot records carry the depot's current seq, which is 0 for a depot without events yet.
          && check.integer(f.field(f.seq, B::Seq, "seq"), Need::Required, &ev.seq, snapshotTopic ? 0 : 1)
          && check.text(f.field(f.id, B::Id, "id"), snapshotTopic ? Need::Optional : Need::Required, &ev.id, true)
          && check.timestamp(f.field(f.ts, B::Ts, "ts"), Need::Required, &ev.tsMs)
          && check.child(f.field(f.data, B::Data, "data"), Need::Required, &data)))
        return rejectChecked(topic, envelope);

    if (snapshotTopic != isSnapshotRecord(kind))
        return reject(RejectReason::TopicMismatch,
                      snapshotTopic ? "type: only snapshot records travel on SNAP"
                                    : "type: snapshot records travel only on SNAP",
                      topic, envelope);
    if (!snapshotTopic
        && (topic.size() != depot.size() + 1 + type.size() || topic.substr(0, depot.size()) != depot
            || topic[depot.size()] != '/' || topic.substr(depot.size() + 1) != type))
        return reject(RejectReason::TopicMismatch, "topic: expected <depot>/<type> of the envelope", topic, envelope);

    if (!decodeData(check, kind, data, ev))
        return rejectChecked(topic, envelope);
    ev.raw.assign(envelope);
    return ev;
}

EventDecoder::Result EventDecoder::Impl::decodeHeartbeat(const EnvelopeFields &f, std::string_view topic,
                                                         std::string_view envelope)
{
    using B = EnvelopeFields;
    Heartbeat hb;
    object seqs;
    if (!(check.text(f.field(f.epoch, B::Epoch, "epoch"), Need::Required, &hb.epoch, true)
          && check.timestamp(f.field(f.ts, B::Ts, "ts"), Need::Required, &hb.tsMs)
          && check.child(f.field(f.seqs, B::Seqs, "seqs"), Need::Required, &seqs)))
        return rejectChecked(topic, envelope);
    hb.seqs.reserve(seqs.size());
    for (auto field : seqs) {
        std::int64_t seq = 0;
        if (!check.integer(Field{"seqs.", field.key, field.value, true}, Need::Required, &seq))
            return rejectChecked(topic, envelope);
        hb.seqs.emplace_back(std::string(field.key), seq);
    }
    return hb;
}

EventDecoder::EventDecoder()
    : m_impl(std::make_unique<Impl>())
{
}

EventDecoder::~EventDecoder() = default;

EventDecoder::Result EventDecoder::decode(std::string_view topic, std::string_view envelope)
{
    // simdjson's DOM API reports errors by code; the try guards allocation failures so
    // nothing ever escapes to the feed thread.
    try {
        return m_impl->decode(topic, envelope);
    } catch (const std::exception &e) {
        return m_impl->reject(RejectReason::MalformedJson, std::string("envelope: ") + e.what(), topic, envelope);
    }
}

} // namespace opsdeck::core
