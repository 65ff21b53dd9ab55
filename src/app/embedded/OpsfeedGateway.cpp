#include "OpsfeedGateway.h"

#include "app/runtime/ConsoleRuntime.h"
#include "sim/Gateway.h"

namespace opsdeck::app {

namespace {

class OpsfeedGateway final : public EmbeddedGateway
{
public:
    explicit OpsfeedGateway(const sim::GatewayOptions &options)
        : m_gateway(options)
    {
    }
    void start() override { m_gateway.start(); }
    void stop() override { m_gateway.stop(); }
    std::string feedEndpoint() const override { return m_gateway.feedEndpoint(); }
    std::string snapshotEndpoint() const override { return m_gateway.snapshotEndpoint(); }
    std::string controlEndpoint() const override { return m_gateway.controlEndpoint(); }

private:
    sim::Gateway m_gateway;
};

} // namespace

EmbeddedGatewayFactory opsfeedGateway()
{
    return [](const RuntimeOptions &o) -> std::unique_ptr<EmbeddedGateway> {
        sim::GatewayOptions g;
        g.seed = o.embeddedSeed;
        g.riders = o.embeddedRiders;
        g.ordersPerMin = o.embeddedOrdersPerMin;
        g.timeScale = o.embeddedTimeScale;
        g.prerollMs = o.embeddedPrerollMs;
        g.replayMs = o.embeddedReplayMs;
        // Free loopback ports: an embedded gateway must never clash with a real one.
        g.feedBind = "tcp://127.0.0.1:*";
        g.snapshotBind = "tcp://127.0.0.1:*";
        g.controlBind = "tcp://127.0.0.1:*";
        return std::make_unique<OpsfeedGateway>(g);
    };
}

} // namespace opsdeck::app
