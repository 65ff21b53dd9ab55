#pragma once

// Internal to EventDecoder (EventDecoder.cpp, EventDataDecoder.cpp): field lookup and the
// checks every typed field goes through. Not for use outside src/core/model.

#include "Event.h"
#include "Rejection.h"

#include <simdjson.h>

#include <span>
#include <string>
#include <string_view>

namespace opsdeck::core::decode {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

enum class Need : bool { Optional, Required };

inline constexpr std::string_view kData = "data.";

// One looked-up field: where it is (for the detail) and its value when present.
// A JSON null counts as absent so optional fields may be sent as null.
// The path is prefix + list + "[index]" + "." + key, each part only when set, so
// "data.amount", "data.items[2].qty" and "data.short_skus[1]" need no string until a
// field fails.
struct Field {
    std::string_view prefix;
    std::string_view key;
    element value;
    bool present = false;
    std::string_view list;
    int index = -1;
};

inline Field fieldOf(object obj, std::string_view prefix, std::string_view key)
{
    Field f{prefix, key, {}, false, {}, -1};
    f.present = obj.at_key(key).get(f.value) == simdjson::SUCCESS && !f.value.is_null();
    return f;
}

// A member of the index-th object of the list `list` (under `prefix`).
inline Field entryFieldOf(object entry, std::string_view prefix, std::string_view list, int index, std::string_view key)
{
    Field f{prefix, key, {}, false, list, index};
    f.present = entry.at_key(key).get(f.value) == simdjson::SUCCESS && !f.value.is_null();
    return f;
}

inline std::string pathOf(const Field &f)
{
    std::string path;
    path.reserve(f.prefix.size() + f.list.size() + f.key.size() + 8);
    path.append(f.prefix).append(f.list);
    if (f.index >= 0)
        path.append("[").append(std::to_string(f.index)).append("]");
    if (!f.list.empty() && !f.key.empty())
        path.push_back('.');
    path.append(f.key);
    return path;
}

// Collects the first problem found. Accessors return false once something is wrong, so a
// chain of `a && b && c` stops at the first failure and the detail names that field.
// Strings are built only on the failure path.
class Checker final
{
public:
    bool fail(RejectReason reason, const Field &f, std::string_view problem)
    {
        m_reason = reason;
        m_detail = pathOf(f);
        m_detail.append(": ").append(problem);
        return false;
    }
    bool fail(RejectReason reason, std::string_view prefix, std::string_view key, std::string_view problem)
    {
        return fail(reason, Field{prefix, key, {}, false, {}, -1}, problem);
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

    // One of `allowed`; `index` (when given) receives the position of the value in it.
    bool oneOf(const Field &f, Need need, std::span<const std::string_view> allowed, std::string *out,
               std::size_t *index = nullptr)
    {
        if (!f.present)
            return absent(f, need);
        std::string_view s;
        if (!text(f, need, nullptr, false, &s))
            return false;
        for (std::size_t i = 0; i < allowed.size(); ++i) {
            if (allowed[i] == s) {
                if (out)
                    out->assign(s);
                if (index)
                    *index = i;
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

    // An optional number kept as "sent or not".
    bool number(const Field &f, std::optional<double> *out, double lo = -1e300, double hi = 1e300)
    {
        double v = 0;
        if (!number(f, Need::Optional, &v, lo, hi))
            return false;
        if (f.present)
            *out = v;
        return true;
    }

    // A count of things: a whole number >= 0. A gateway may write it as 10.0 (JSON does
    // not tell integers from reals), never as 10.5.
    bool count(const Field &f, Need need, std::int64_t *out)
    {
        double v = 0;
        if (!number(f, need, &v, 0.0, 9007199254740992.0)) // 2^53: every count a double holds exactly
            return false;
        if (!f.present)
            return true;
        const auto whole = static_cast<std::int64_t>(v);
        if (static_cast<double>(whole) != v)
            return fail(RejectReason::BadValue, f, "expected a whole number");
        *out = whole;
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

    // A list; `out` stays empty when an optional list is absent.
    bool list(const Field &f, Need need, array *out, bool *wasPresent)
    {
        *wasPresent = false;
        if (!f.present)
            return absent(f, need);
        if (f.value.get_array().get(*out) != simdjson::SUCCESS)
            return fail(RejectReason::WrongType, f, "expected array");
        *wasPresent = true;
        return true;
    }

    // Every entry of list `f` must be an object; each(entry, prefix, list, index) checks
    // and keeps its fields, naming them with entryFieldOf(entry, prefix, list, index, key).
    template<typename Each>
    bool objects(const Field &f, Need need, Each &&each)
    {
        array a;
        bool present = false;
        if (!list(f, need, &a, &present))
            return false;
        if (!present)
            return true;
        int index = 0;
        for (element e : a) {
            object entry;
            if (e.get_object().get(entry) != simdjson::SUCCESS)
                return fail(RejectReason::WrongType, Field{f.prefix, {}, e, true, f.key, index}, "expected object");
            if (!each(entry, f.prefix, f.key, index))
                return false;
            ++index;
        }
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

// Checks `data` of an event of `kind` and fills the flat fields and the payload of `ev`.
// False with the first problem in `check`.
bool decodeData(Checker &check, EventKind kind, object data, Event &ev);

} // namespace opsdeck::core::decode
