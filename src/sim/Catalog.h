#pragma once

#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <vector>

namespace opsdeck::sim {

enum class Channel : std::uint8_t { Fresh, Campus, Errand };
std::string_view toString(Channel channel);
Channel channelFromString(std::string_view text); // unknown -> Errand

struct Sku {
    const char *sku;
    const char *name;
    const char *unit;
    double price;
    Channel channel;
    bool stocked; // errands are services: nothing on a shelf to run out of
};

// The goods and services sold in each channel, in catalogue order.
std::span<const Sku> catalog();

// Deterministic people: Chinese names, mainland mobile numbers, postal addresses.
// All draws come from the caller's engine so the same seed yields the same city.
class Population final
{
public:
    static std::string personName(std::mt19937_64 &rng);
    static std::string mobileNumber(std::mt19937_64 &rng);
    // "朝阳区团结湖路88号3单元502"
    static std::string address(std::mt19937_64 &rng, const std::string &district, const std::string &street);
};

} // namespace opsdeck::sim
