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

std::string_view toString(FeedSecurity security)
{
    switch (security) {
    case FeedSecurity::Plain: return "plain";
    case FeedSecurity::Handshaking: return "handshaking";
    case FeedSecurity::Encrypted: return "encrypted";
    case FeedSecurity::KeyRefused: return "key_refused";
    case FeedSecurity::GatewayKeyMismatch: return "gateway_key_mismatch";
    case FeedSecurity::GatewayPlain: return "gateway_plain";
    case FeedSecurity::GatewayEncrypted: return "gateway_encrypted";
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
