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

std::string_view toString(ShedReason reason)
{
    switch (reason) {
    case ShedReason::QueueEvents: return "queue_events";
    case ShedReason::QueueBytes: return "queue_bytes";
    case ShedReason::ResyncBuffer: return "resync_buffer";
    }
    return "unknown";
}

} // namespace opsdeck::core
