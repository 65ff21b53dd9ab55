#pragma once

#include "feed/wire/FeedEndpoints.h"

#include <cstdint>
#include <functional>
#include <memory>

namespace opsdeck::app {

struct RuntimeOptions;

// The gateway the console starts in-process when no feed is given (opsfeed, the
// simulator). The runtime sees only this, so it does not link the simulator: the
// executable, the benchmarks and the tests that want the embedded default hand in a
// factory (app/embedded).
class EmbeddedGateway
{
public:
    virtual ~EmbeddedGateway() = default;
    // Binds and starts; throws std::runtime_error when it cannot.
    virtual void start() = 0;
    virtual void stop() = 0;
    virtual std::string feedEndpoint() const = 0;
    virtual std::string snapshotEndpoint() const = 0;
    virtual std::string controlEndpoint() const = 0;
    // The keys a console inside this process connects with (all empty: plain).
    virtual feed::CurveKeys clientKeys() const { return {}; }
};

using EmbeddedGatewayFactory = std::function<std::unique_ptr<EmbeddedGateway>(const RuntimeOptions &)>;

} // namespace opsdeck::app
