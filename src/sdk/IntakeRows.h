#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QVariantMap>

namespace opsdeck::sdk {

// What a plugin sees of gateway.stats (protocol.md): one depot's intake per second and
// the intake policy that applies to it. Plain Qt values, decoupled from the core.
struct IntakeLimitRow {
    QString scope; // global | depot:<id> | merchant:<id>
    double perMin = 0;
    double burst = 0;
};
struct IntakeBreakerRow {
    QString scope;
    QString state; // closed | open | half_open
    QString mode;  // auto | forced_open | forced_closed
    double errorRate = 0;
};
struct IntakeDiversionRow {
    QString from;
    QString to;
    double share = 0;
};
struct DepotIntakeRow {
    QString depot;
    qint64 tsMs = 0;      // gateway time of the stats
    double windowS = 1;
    qint64 offered = 0;   // in the window
    qint64 accepted = 0;
    qint64 rateLimited = 0;
    qint64 breakerOpen = 0;
    QList<IntakeLimitRow> limits;
    QList<IntakeBreakerRow> breakers;
    QList<IntakeDiversionRow> diversions;
    // Running sums since the console started watching: rates between two samples are
    // Δtotal / Δts, whatever the sampling pace.
    qint64 totalOffered = 0;
    qint64 totalAccepted = 0;
    qint64 totalRateLimited = 0;
    qint64 totalBreakerOpen = 0;
};

// One control command as the user sees it, from issue to outcome.
struct ControlRequest {
    QString cmd;          // set_rate_limit, clear_rate_limit, set_breaker, divert, clear_divert
    QVariantMap args;     // scope, per_min, burst, mode, from, to, share
    QString reason;       // required
    qint64 expiresAtMs = 0; // "for 30 minutes" / "until 06:00": resets itself then; 0 = never
};
struct ControlStatus {
    enum class State { Pending, Confirmed, Refused, Unconfirmed };
    QString commandId;
    QString cmd;
    QVariantMap args;
    QString reason;
    QString origin;       // console | timer | playbook | playbook_revert
    State state = State::Pending;
    QString error;        // e.g. forbidden, bad_request, timeout, no_effect
    QString message;
    qint64 issuedAtMs = 0;
    qint64 expiresAtMs = 0;
};

} // namespace opsdeck::sdk

Q_DECLARE_METATYPE(opsdeck::sdk::DepotIntakeRow)
Q_DECLARE_METATYPE(opsdeck::sdk::ControlStatus)
