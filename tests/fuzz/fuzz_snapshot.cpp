// Snapshot replies (protocol.md, "Resync"): a SNAP record through the decoder and the
// projections, the SNAPEND body, and the request body a gateway (or relay) parses.
// Input: "<frame>\n<body>", frame one of SNAP, SNAPEND, SNAPSHOT (anything else: SNAP).
#include "FuzzInput.h"

#include "core/model/EventDecoder.h"
#include "core/pipeline/Projections.h"
#include "feed/wire/WireProtocol.h"

#include <variant>

using namespace opsdeck;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static core::EventDecoder decoder;
    const auto [frame, body] = fuzz::splitAtNewline(fuzz::view(data, size));
    if (frame == feed::wire::kSnapshotEnd) {
        if (const auto end = feed::wire::parseSnapshotEnd(body))
            (void)feed::wire::snapshotEndBody(*end); // what a relay forwards
        return 0;
    }
    if (frame == feed::wire::kSnapshotCommand) {
        if (const auto depots = feed::wire::parseSnapshotRequestBody(body))
            (void)feed::wire::snapshotRequestBody(*depots);
        return 0;
    }
    const auto result = decoder.decode(feed::wire::kSnapshotRecord, body);
    if (const auto *event = std::get_if<core::Event>(&result)) {
        core::Projections projections;
        projections.apply(*event);
    }
    return 0;
}
