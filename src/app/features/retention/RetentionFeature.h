#pragma once

#include "app/features/Feature.h"
#include "core/pipeline/CoreObserver.h"
#include "store/log/EventRetention.h"
#include "store/privacy/PersonalDataRetention.h"

#include <QJsonObject>

#include <atomic>
#include <cstdint>
#include <functional>

namespace opsdeck::store {
class StoreWorker;
}

namespace opsdeck::app {

// Event-log retention in every assembly: from the core thread's tick, about 60 times per
// retention (every second at most, every 10 minutes at least) a purge pass starts on the
// store thread (store::EventRetention: small steps between write batches). "Now" is the
// feed clock, and no pass starts before the feed has told its time: a console that has
// not heard its gateway yet never purges by a wall clock a replayed shift is far from.
class RetentionFeature final : public Feature, private core::CoreObserver
{
public:
    explicit RetentionFeature(const FeatureOptions &options);

    std::string_view name() const override { return "retention"; }
    void assemble(ConsoleRuntime &runtime) override;

    store::EventRetention &retention() { return m_retention; }
    const store::EventRetention &retention() const { return m_retention; }
    // Personal data older than its own retention (90 days by default), purged the same
    // way, on the same feed clock (docs/security.md "Privacy requests").
    store::PersonalDataRetention &personalData() { return m_personal; }
    // Thread-safe (the settings dialog): the next pass uses it.
    void setEventRetentionMs(std::int64_t ms) { m_retention.setRetentionMs(ms); }
    // The headless stats line's "retention" part.
    QJsonObject statsJson() const;

private:
    void onEvent(const core::Event &, bool, const core::Projections &) override {}
    void onTick(const core::Projections &projections, std::int64_t wallMs) override;

    store::EventRetention m_retention;
    store::PersonalDataRetention m_personal;
    std::int64_t m_lastPersonalPassAtMs = 0;
    std::function<std::int64_t()> m_clockMs;
    std::function<bool()> m_clockHeard;
    store::StoreWorker *m_store = nullptr;
    std::int64_t m_lastPassAtMs = 0;
};

} // namespace opsdeck::app
