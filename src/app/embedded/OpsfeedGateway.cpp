#include "OpsfeedGateway.h"

#include "app/runtime/ConsoleRuntime.h"
#include "feed/curve/CurveKeys.h"
#include "sim/Gateway.h"

#include <stdexcept>

namespace opsdeck::app {

namespace {

class OpsfeedGateway final : public EmbeddedGateway
{
public:
    OpsfeedGateway(const sim::GatewayOptions &options, feed::CurveKeys clientKeys)
        : m_gateway(options)
        , m_clientKeys(std::move(clientKeys))
    {
    }
    void start() override { m_gateway.start(); }
    void stop() override { m_gateway.stop(); }
    std::string feedEndpoint() const override { return m_gateway.feedEndpoint(); }
    std::string snapshotEndpoint() const override { return m_gateway.snapshotEndpoint(); }
    std::string controlEndpoint() const override { return m_gateway.controlEndpoint(); }
    feed::CurveKeys clientKeys() const override { return m_clientKeys; }

private:
    sim::Gateway m_gateway;
    feed::CurveKeys m_clientKeys;
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
        feed::CurveKeys client;
        // A demo of the encrypted transport: a fresh pair for each side, never on disk.
        if (o.embeddedCurve) {
            const auto server = feed::curve::generateKeyPair();
            const auto console = feed::curve::generateKeyPair();
            if (!server || !console)
                throw std::runtime_error("this libzmq has no CURVE support");
            g.curveSecret = server->secretKey;
            g.allowedClientKeys = {console->publicKey};
            client = {server->publicKey, console->publicKey, console->secretKey};
        }
        return std::make_unique<OpsfeedGateway>(g, std::move(client));
    };
}

} // namespace opsdeck::app
