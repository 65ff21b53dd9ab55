#pragma once

#include "core/model/Event.h"
#include "core/model/OrderState.h"
#include "core/model/Records.h"
#include "core/model/Rejection.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace opsdeck::store {

// How values that have no SQL column of their own are laid out in a row.

// Customer name, phone, address text, note and the destination packed before
// encryption: a version byte, then u32-length-prefixed strings (version 1, written
// before the note existed, has three; version 2 has four; version 3 adds the
// destination as two little-endian IEEE doubles, so an exact coordinate never sits in a
// clear column). Binary, not JSON, because it is sealed anyway and this runs once per
// changed order per batch.
struct PersonalFields {
    std::string name;
    std::string phone;
    std::string address;
    std::string note;
    double lat = 0.0; // destination; 0/0: none (versions 1 and 2 kept it in clear columns)
    double lng = 0.0;
    bool hasDestination() const { return lat != 0.0 || lng != 0.0; }
    bool empty() const
    {
        return name.empty() && phone.empty() && address.empty() && note.empty() && !hasDestination();
    }
};
std::string packPersonal(const PersonalFields &fields);
std::optional<PersonalFields> unpackPersonal(std::string_view packed);
// Into a record read from a row: the destination only when the blob holds one (older
// blobs leave the clear columns' values).
void applyPersonal(PersonalFields &&fields, core::OrderRecord &order);

// OrderRecord::enteredAtMs as a JSON array ("[0,1732270500123,...]") so that
// json_extract(state_times, '$[5]') works in ad-hoc SQL.
using StateTimes = std::array<std::int64_t, core::kOrderStateCount>;
std::string stateTimesToJson(const StateTimes &times);
void appendStateTimesJson(std::string &out, const StateTimes &times); // into a reused buffer
StateTimes stateTimesFromJson(std::string_view json); // tolerant: missing entries stay 0

// The event types whose body carries customer data (protocol.md: order.created and
// order.snapshot; also order.signed, whose signed_by is a person's name), and so is sealed.
bool carriesPersonalData(const core::Event &event);

// Associated data for each sealed column: binds a ciphertext to its row.
std::string eventBodyAd(std::string_view epoch, std::string_view depot, std::int64_t seq);
std::string orderPiiAd(std::string_view orderId);
inline constexpr std::string_view kRejectedRawAd = "rejected.raw";

std::optional<core::RejectReason> rejectReasonFromString(std::string_view text);

} // namespace opsdeck::store
