#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace opsdeck::core {

// Why a message from the gateway was not accepted. Every rejection is counted by
// reason, kept (raw bytes capped) in the store and shown in the status bar.
enum class RejectReason : std::uint8_t {
    FrameCount,    // not exactly [topic, envelope]
    Oversize,      // envelope over 64 KiB
    MalformedJson, // not UTF-8 JSON, or not an object
    BadVersion,    // v missing is MissingField; v present but not 1
    MissingField,  // a required envelope or data field is absent
    WrongType,     // a field has the wrong JSON type
    BadValue,      // right type, impossible value (bad timestamp, seq < 1, unknown enum)
    UnknownType,   // type this console does not know
    TopicMismatch, // topic does not match depot/type of the envelope
    Count_
};

inline constexpr int kRejectReasonCount = static_cast<int>(RejectReason::Count_);

std::string_view toString(RejectReason reason); // snake_case, stable: used in the db and JSON stats

struct Rejected {
    RejectReason reason = RejectReason::MalformedJson;
    std::string detail;  // human-readable: which field, what was expected
    std::string topic;   // first frame, capped
    std::string raw;     // envelope bytes (or all frames joined), capped to kRejectedRawCap
    std::int64_t size = 0; // full size before capping
    std::int64_t atMs = 0; // console wall-clock time
};

inline constexpr std::size_t kRejectedRawCap = 4096;
inline constexpr std::size_t kMaxEnvelopeBytes = 64 * 1024;

} // namespace opsdeck::core
