// Control replies (protocol.md, "Commands") as the ControlClient reads them: once for
// the id the reply claims, once for another command's id (a late reply).
#include "FuzzInput.h"

#include "feed/control/ControlClient.h"

#include <simdjson.h>

using namespace opsdeck;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static simdjson::dom::parser parser;
    const std::string reply(fuzz::view(data, size));
    std::string claimed;
    simdjson::dom::element doc;
    std::string_view id;
    if (parser.parse(reply).get(doc) == simdjson::SUCCESS && doc.is_object()
        && doc["id"].get_string().get(id) == simdjson::SUCCESS)
        claimed.assign(id);
    feed::ControlClient::Result result;
    feed::acceptControlReply(parser, reply, claimed, result);
    feed::ControlClient::Result other;
    feed::acceptControlReply(parser, reply, "fuzz-other", other);
    return 0;
}
