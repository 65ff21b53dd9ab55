// The feed decoder: one live message (topic frame + envelope frame) as the subscriber
// hands it over, then applied to the projections as the core would.
// Input: "<topic>\n<envelope>".
#include "FuzzInput.h"

#include "core/model/EventDecoder.h"
#include "core/pipeline/Projections.h"

#include <variant>

using namespace opsdeck;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static core::EventDecoder decoder; // reused, as the subscriber thread reuses its own
    const auto [topic, envelope] = fuzz::splitAtNewline(fuzz::view(data, size));
    const auto result = decoder.decode(topic, envelope);
    if (const auto *event = std::get_if<core::Event>(&result)) {
        core::Projections projections;
        projections.apply(*event);
    }
    return 0;
}
