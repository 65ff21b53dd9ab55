#include "WireProtocol.h"

#include <simdjson.h>

#include <cstdio>

namespace opsdeck::feed::wire {


std::string snapshotRequestBody(const std::vector<std::string> &depots)
{
    std::string out = "{\"depots\":[";
    for (std::size_t i = 0; i < depots.size(); ++i) {
        if (i)
            out.push_back(',');
        out.append(jsonQuote(depots[i]));
    }
    out.append("]}");
    return out;
}

std::optional<std::vector<std::string>> parseSnapshotRequestBody(std::string_view body)
{
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    simdjson::dom::array depots;
    if (parser.parse(body.data(), body.size(), true).get(doc) != simdjson::SUCCESS
        || doc["depots"].get_array().get(depots) != simdjson::SUCCESS)
        return std::nullopt;
    std::vector<std::string> out;
    for (auto d : depots) {
        std::string_view s;
        if (d.get_string().get(s) != simdjson::SUCCESS)
            return std::nullopt;
        out.emplace_back(s);
    }
    return out;
}

std::optional<SnapshotEnd> parseSnapshotEnd(std::string_view body)
{
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    std::string_view epoch;
    simdjson::dom::object seqs;
    if (parser.parse(body.data(), body.size(), true).get(doc) != simdjson::SUCCESS
        || doc["epoch"].get_string().get(epoch) != simdjson::SUCCESS || epoch.empty()
        || doc["seqs"].get_object().get(seqs) != simdjson::SUCCESS)
        return std::nullopt;
    SnapshotEnd end;
    end.epoch.assign(epoch);
    for (auto field : seqs) {
        std::int64_t seq = 0;
        if (field.value.get_int64().get(seq) != simdjson::SUCCESS || seq < 0)
            return std::nullopt;
        end.seqs.emplace_back(std::string(field.key), seq);
    }
    simdjson::dom::object epochs;
    if (doc["epochs"].get_object().get(epochs) == simdjson::SUCCESS) {
        for (auto field : epochs) {
            std::string_view e;
            if (field.value.get_string().get(e) != simdjson::SUCCESS || e.empty())
                return std::nullopt;
            end.epochs.emplace_back(std::string(field.key), std::string(e));
        }
    }
    return end;
}

const std::string &SnapshotEnd::epochOf(std::string_view depot) const
{
    for (const auto &[d, e] : epochs) {
        if (d == depot)
            return e;
    }
    return epoch;
}

std::string snapshotEndBody(const SnapshotEnd &end)
{
    std::string out = "{\"epoch\":" + jsonQuote(end.epoch) + ",\"seqs\":{";
    for (std::size_t i = 0; i < end.seqs.size(); ++i) {
        if (i)
            out.push_back(',');
        out.append(jsonQuote(end.seqs[i].first)).append(":").append(std::to_string(end.seqs[i].second));
    }
    out.append("}");
    if (!end.epochs.empty()) {
        out.append(",\"epochs\":{");
        for (std::size_t i = 0; i < end.epochs.size(); ++i) {
            if (i)
                out.push_back(',');
            out.append(jsonQuote(end.epochs[i].first)).append(":").append(jsonQuote(end.epochs[i].second));
        }
        out.append("}");
    }
    out.append("}");
    return out;
}

} // namespace opsdeck::feed::wire
