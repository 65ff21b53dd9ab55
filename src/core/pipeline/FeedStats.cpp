#include "FeedStats.h"

namespace opsdeck::core {

std::string_view toString(FeedState state)
{
    switch (state) {
    case FeedState::Connecting: return "connecting";
    case FeedState::Connected: return "connected";
    case FeedState::Stale: return "stale";
    case FeedState::Resyncing: return "resyncing";
    case FeedState::Stopped: return "stopped";
    }
    return "unknown";
}

} // namespace opsdeck::core
