#include "EventDecoder.h"

#include "DecodeCheck.h"

#include <chrono>
#include <cstring>
#include <limits>

namespace opsdeck::core {

namespace {

using namespace decode;

constexpr std::string_view kHeartbeatTopic = "$hb";
constexpr std::string_view kSnapshotTopic = "SNAP";
constexpr std::size_t kRejectedTopicCap = 256;

std::int64_t wallClockMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
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
        return Field{"", key, slot, has(b) && !slot.is_null(), {}, -1};
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

    Rejected rejected(RejectReason reason, std::string detail, std::string_view topic, std::string_view envelope) const
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

    void reject(Result &out, RejectReason reason, std::string detail, std::string_view topic, std::string_view envelope)
    {
        out = rejected(reason, std::move(detail), topic, envelope);
    }

    void rejectChecked(Result &out, std::string_view topic, std::string_view envelope)
    {
        out = rejected(check.reason(), check.takeDetail(), topic, envelope);
    }

    // Fills `out`, which holds a default Event: the event is decoded in place, so an
    // accepted envelope costs no move of the (large) Event.
    void decode(Result &out, std::string_view topic, std::string_view envelope);
    void decodeHeartbeat(Result &out, const EnvelopeFields &f, std::string_view topic, std::string_view envelope);
};

void EventDecoder::Impl::decode(Result &out, std::string_view topic, std::string_view envelope)
{
    if (envelope.size() > kMaxEnvelopeBytes)
        return reject(out, RejectReason::Oversize, "envelope: " + std::to_string(envelope.size()) + " bytes, limit "
                          + std::to_string(kMaxEnvelopeBytes), topic, envelope);
    std::memcpy(padded.get(), envelope.data(), envelope.size());
    std::memset(padded.get() + envelope.size(), 0, simdjson::SIMDJSON_PADDING);

    element doc;
    // The DOM parser validates the whole document (UTF-8, structure, numbers, depth),
    // which ondemand would only do for the parts we touch.
    if (auto err = parser.parse(padded.get(), envelope.size(), false).get(doc); err != simdjson::SUCCESS)
        return reject(out, RejectReason::MalformedJson, std::string("envelope: ") + simdjson::error_message(err), topic,
                      envelope);
    object root;
    if (doc.get_object().get(root) != simdjson::SUCCESS)
        return reject(out, RejectReason::MalformedJson, "envelope: not a JSON object", topic, envelope);

    EnvelopeFields f;
    for (auto field : root)
        f.take(field.key, field.value);
    using B = EnvelopeFields;

    // v first: a console must not interpret a version it does not know.
    std::int64_t version = 0;
    if (!check.integer(f.field(f.v, B::V, "v"), Need::Required, &version, std::numeric_limits<std::int64_t>::min()))
        return rejectChecked(out, topic, envelope);
    if (version != 1)
        return reject(out, RejectReason::BadVersion, "v: unsupported protocol version " + std::to_string(version), topic,
                      envelope);

    std::string_view type;
    if (!check.text(f.field(f.type, B::Type, "type"), Need::Required, nullptr, false, &type))
        return rejectChecked(out, topic, envelope);

    const bool heartbeatTopic = topic == kHeartbeatTopic;
    if (type == "heartbeat" || heartbeatTopic) {
        if (!heartbeatTopic || type != "heartbeat")
            return reject(out, RejectReason::TopicMismatch, "topic: heartbeats travel on $hb and only there", topic,
                          envelope);
        return decodeHeartbeat(out, f, topic, envelope);
    }
    const EventKind kind = eventKindFromType(type);
    if (kind == EventKind::Unknown)
        return reject(out, RejectReason::UnknownType, "type: unknown event type", topic, envelope);

    const bool snapshotTopic = topic == kSnapshotTopic;
    Event &ev = std::get<Event>(out);
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
        return rejectChecked(out, topic, envelope);

    if (snapshotTopic != isSnapshotRecord(kind))
        return reject(out, RejectReason::TopicMismatch,
                      snapshotTopic ? "type: only snapshot records travel on SNAP"
                                    : "type: snapshot records travel only on SNAP",
                      topic, envelope);
    if (!snapshotTopic
        && (topic.size() != depot.size() + 1 + type.size() || topic.substr(0, depot.size()) != depot
            || topic[depot.size()] != '/' || topic.substr(depot.size() + 1) != type))
        return reject(out, RejectReason::TopicMismatch, "topic: expected <depot>/<type> of the envelope", topic, envelope);

    if (!decodeData(check, kind, data, ev))
        return rejectChecked(out, topic, envelope);
    // A positioned rider fix is stored from its decoded fields by the track store
    // (TrackStore::take), never in the event log: its envelope would only cost memory in
    // every queue between the threads, where a 100k-rider city's second of fixes waits.
    // Snapshot records are never logged either (ConsoleCore drops them from the store
    // batch): a 100k-rider join would hold every envelope twice, decoded and as text.
    if (!snapshotTopic && (kind != EventKind::RiderPosition || !ev.hasPosition || ev.riderId.empty()))
        ev.raw.assign(envelope);
}

void EventDecoder::Impl::decodeHeartbeat(Result &out, const EnvelopeFields &f, std::string_view topic,
                                         std::string_view envelope)
{
    using B = EnvelopeFields;
    Heartbeat hb;
    object seqs;
    if (!(check.text(f.field(f.epoch, B::Epoch, "epoch"), Need::Required, &hb.epoch, true)
          && check.timestamp(f.field(f.ts, B::Ts, "ts"), Need::Required, &hb.tsMs)
          && check.child(f.field(f.seqs, B::Seqs, "seqs"), Need::Required, &seqs)))
        return rejectChecked(out, topic, envelope);
    hb.seqs.reserve(seqs.size());
    for (auto field : seqs) {
        std::int64_t seq = 0;
        if (!check.integer(Field{"seqs.", field.key, field.value, true, {}, -1}, Need::Required, &seq))
            return rejectChecked(out, topic, envelope);
        hb.seqs.emplace_back(std::string(field.key), seq);
    }
    out = std::move(hb);
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
    Result out; // an empty Event (the first alternative), filled in place when accepted
    try {
        m_impl->decode(out, topic, envelope);
    } catch (const std::exception &e) {
        m_impl->reject(out, RejectReason::MalformedJson, std::string("envelope: ") + e.what(), topic, envelope);
    }
    return out;
}

} // namespace opsdeck::core
