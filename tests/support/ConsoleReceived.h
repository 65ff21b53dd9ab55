#pragma once

#include "app/runtime/ConsoleRuntime.h"
#include "sim/Gateway.h"

#include <algorithm>
#include <utility>

namespace opsdeck::test {

// True once the console's feed has received every seq the gateway has published so far:
// after Gateway::step, what a test waits for before it reads what the console made of
// that step (the core and the store may still be on it; wait for their result too).
inline bool consoleReceivedEverySeq(const app::ConsoleRuntime &runtime, const sim::Gateway &gateway)
{
    const auto seen = runtime.feedStats().lastSeqs();
    for (const auto &[depot, seq] : gateway.currentSeqs())
        if (seq > 0 && std::find(seen.begin(), seen.end(), std::make_pair(depot, seq)) == seen.end())
            return false;
    return true;
}

} // namespace opsdeck::test
