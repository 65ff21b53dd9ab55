#pragma once

// Small multipart helpers shared by the relay's router files.

#include <zmq.hpp>

#include <chrono>
#include <cstdint>
#include <string_view>
#include <vector>

namespace opsdeck::relay::frames {

inline std::int64_t steadyMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

inline std::string_view view(const zmq::message_t &m)
{
    return {static_cast<const char *>(m.data()), m.size()};
}

// One whole multipart message, without waiting; false when none is queued.
inline bool receiveAll(zmq::socket_t &socket, std::vector<zmq::message_t> &frames)
{
    frames.clear();
    for (;;) {
        zmq::message_t part;
        if (!socket.recv(part, zmq::recv_flags::dontwait))
            return !frames.empty();
        const bool more = part.more();
        frames.push_back(std::move(part));
        if (!more)
            return true;
    }
}

// ROUTER input: the identity, then an empty delimiter if the peer is REQ-like.
inline std::size_t envelopeSize(const std::vector<zmq::message_t> &frames)
{
    return frames.size() > 2 && frames[1].size() == 0 ? 2 : 1;
}

// A gateway's answer on a DEALER: an echoed empty delimiter, if any, is skipped.
inline std::size_t replyStart(const std::vector<zmq::message_t> &frames)
{
    return frames.size() > 1 && frames[0].size() == 0 ? 1 : 0;
}

} // namespace opsdeck::relay::frames
