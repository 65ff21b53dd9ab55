// The windowed half of AlertEngine: counts kept per minute / per sliding window and
// judged once per tick (storms, bursts, depot out-of-stock rate, resyncs).
#include "AlertEngine.h"

#include <QMessageAuthenticationCode>

#include <cmath>

namespace opsdeck::core {

namespace {
constexpr std::int64_t kMinuteMs = 60000;

std::int64_t minutesMs(double minutes)
{
    return static_cast<std::int64_t>(minutes * 60000.0);
}

// "DD1, DD2, DD3": the orders behind a burst, the latest ones when there are many (a
// message stays short; the count says how many there are).
std::string burstOrderList(const std::deque<std::string> &orders)
{
    constexpr std::size_t kMost = 12;
    std::string list;
    for (std::size_t i = orders.size() > kMost ? orders.size() - kMost : 0; i < orders.size(); ++i)
        list += (list.empty() ? "" : ", ") + orders[i];
    return list;
}

// 0 = Monday 00:00-01:00 ... 167 = Sunday 23:00-24:00, in the depot's local time.
int weekdayHourSlot(std::int64_t ms, double utcOffsetHours)
{
    const std::int64_t local = ms + static_cast<std::int64_t>(utcOffsetHours * 3600000.0);
    const std::int64_t days = local >= 0 ? local / 86400000 : (local - 86399999) / 86400000;
    const int weekday = static_cast<int>(((days + 3) % 7 + 7) % 7); // 1970-01-01 was a Thursday
    const int hour = static_cast<int>(((local / 3600000) % 24 + 24) % 24);
    return weekday * 24 + hour;
}
} // namespace

// A stable, non-reversible subject for personal data (phone, address): alerts and the
// store never hold the value itself. Keyed with the installation's secret, so a guessed
// phone number hashed by someone holding the database file does not confirm a subject.
std::string AlertEngine::burstSubject(bool byAccount, const std::string &value) const
{
    const QByteArray h = QMessageAuthenticationCode::hash(QByteArray::fromStdString(value), m_burstKey,
                                                          QCryptographicHash::Sha256);
    return std::string(byAccount ? "account:" : "address:") + h.toHex().left(12).toStdString();
}

void AlertEngine::countCreated(const Event &event)
{
    if (!rulesOf(AlertRuleKind::OrderStorm).empty()) {
        const std::int64_t minute = event.tsMs / kMinuteMs;
        auto &perMinute = m_createdPerMinute[event.depot];
        ++perMinute[minute];
        m_stormEvaluatedMinute.try_emplace(event.depot, minute - 1);
    }
    for (int i : rulesOf(AlertRuleKind::SuspiciousBurst)) {
        const AlertRule &rule = m_rules[i];
        const bool byAccount = rule.by == "account";
        const std::string &value = byAccount ? event.customerPhone : event.addressText;
        if (value.empty())
            continue;
        BurstWindow &w = m_bursts[i];
        std::string key = burstSubject(byAccount, value);
        std::deque<std::string> &orders = w.orders[key];
        orders.push_back(event.orderId);
        const int n = static_cast<int>(orders.size());
        w.arrivals.emplace_back(event.tsMs, key);
        if (n >= static_cast<int>(rule.threshold("count")))
            m_book.raise(rule,
                         {byAccount ? AlertSubjectKind::Account : AlertSubjectKind::Address, key, event.orderId, {},
                          event.depot},
                         event.tsMs, event.tsMs,
                         alertMessage(byAccount ? AlertCode::BurstAccount : AlertCode::BurstAddress, n,
                                      static_cast<int>(rule.threshold("window_minutes")), burstOrderList(orders)));
    }
}

void AlertEngine::countStockCheck(const Event &event)
{
    if (rulesOf(AlertRuleKind::DepotOutOfStockRate).empty())
        return;
    DepotChecks &d = m_stockChecks[event.depot];
    d.checks.emplace_back(event.tsMs, event.stockOk);
    if (!event.stockOk)
        ++d.failed;
}

void AlertEngine::evaluateStorms(std::int64_t wallMs)
{
    const auto &rules = rulesOf(AlertRuleKind::OrderStorm);
    if (rules.empty())
        return;
    const std::int64_t current = wallMs / kMinuteMs;
    for (auto &[depot, perMinute] : m_createdPerMinute) {
        std::int64_t &judged = m_stormEvaluatedMinute[depot];
        // Only whole minutes are judged; a console that slept judges at most the last hour.
        judged = std::max(judged, current - 61);
        for (std::int64_t minute = judged + 1; minute < current; ++minute) {
            const auto it = perMinute.find(minute);
            const int count = it == perMinute.end() ? 0 : it->second;
            bool storming = false;
            for (int i : rules) {
                const AlertRule &rule = m_rules[i];
                const int slot = weekdayHourSlot(minute * kMinuteMs, rule.threshold("utc_offset_hours", 8));
                const auto h = m_stormHistory.find({depot, slot});
                const std::int64_t n = h == m_stormHistory.end() ? 0 : h->second.n;
                const double mean = n > 0 ? h->second.mean : 0.0;
                const double sd = n > 1 ? std::sqrt(h->second.m2 / static_cast<double>(n - 1)) : 0.0;
                // A quiet hour has sd near 0; one order more must not be a storm.
                const double z = (count - mean) / std::max(sd, 1.0);
                const AlertSubject subject{AlertSubjectKind::Depot, depot, {}, {}, depot};
                if (n >= static_cast<std::int64_t>(rule.threshold("min_samples", 4)) && count >= rule.threshold("min_orders", 10)
                    && z >= rule.threshold("z")) {
                    storming = true;
                    m_book.raise(rule, subject, minute * kMinuteMs, wallMs, alertMessage(AlertCode::OrderStorm, count, mean, z));
                } else {
                    m_book.clear(rule, depot, wallMs, alertMessage(AlertCode::ClearedStorm, count, mean));
                }
            }
            // A storm minute does not teach the history what normal is.
            if (!storming) {
                const int slot = weekdayHourSlot(minute * kMinuteMs, m_rules[rules.front()].threshold("utc_offset_hours", 8));
                StormSample &s = m_stormHistory[{depot, slot}];
                s.depot = depot;
                s.slot = slot;
                ++s.n;
                const double delta = count - s.mean;
                s.mean += delta / static_cast<double>(s.n);
                s.m2 += delta * (count - s.mean);
                m_stormChanged.push_back(s);
            }
            if (it != perMinute.end())
                perMinute.erase(it);
            judged = minute;
        }
        // Late events for minutes already judged are dropped.
        while (!perMinute.empty() && perMinute.begin()->first <= judged)
            perMinute.erase(perMinute.begin());
    }
}

void AlertEngine::evaluateBursts(std::int64_t wallMs)
{
    for (int i : rulesOf(AlertRuleKind::SuspiciousBurst)) {
        const AlertRule &rule = m_rules[i];
        BurstWindow &w = m_bursts[i];
        const std::int64_t window = minutesMs(rule.threshold("window_minutes"));
        const int threshold = static_cast<int>(rule.threshold("count"));
        while (!w.arrivals.empty() && wallMs - w.arrivals.front().first > window) {
            const std::string &key = w.arrivals.front().second;
            const auto c = w.orders.find(key);
            if (c != w.orders.end()) {
                if (!c->second.empty())
                    c->second.pop_front();
                const int left = static_cast<int>(c->second.size());
                if (left < threshold)
                    m_book.clear(rule, key, wallMs,
                                 alertMessage(AlertCode::ClearedBurst, left, static_cast<int>(rule.threshold("window_minutes"))));
                if (left <= 0)
                    w.orders.erase(c);
            }
            w.arrivals.pop_front();
        }
    }
}

void AlertEngine::evaluateStockRates(std::int64_t wallMs)
{
    for (int i : rulesOf(AlertRuleKind::DepotOutOfStockRate)) {
        const AlertRule &rule = m_rules[i];
        const std::int64_t window = minutesMs(rule.threshold("window_minutes"));
        for (auto &[depot, d] : m_stockChecks) {
            while (!d.checks.empty() && wallMs - d.checks.front().first > window) {
                if (!d.checks.front().second)
                    --d.failed;
                d.checks.pop_front();
            }
            const auto total = static_cast<double>(d.checks.size());
            const double rate = total > 0 ? d.failed / total : 0.0;
            const double pct = rate * 100;
            if (total >= rule.threshold("min_checks", 20) && rate > rule.threshold("rate"))
                m_book.raise(rule, {AlertSubjectKind::Depot, depot, {}, {}, depot}, wallMs, wallMs,
                             alertMessage(AlertCode::StockOutRate, pct, d.checks.size(),
                                          static_cast<int>(rule.threshold("window_minutes"))));
            else
                m_book.clear(rule, depot, wallMs, alertMessage(AlertCode::ClearedStockOutRate, pct));
        }
    }
}

void AlertEngine::evaluateResyncs(std::int64_t wallMs)
{
    const auto &rules = rulesOf(AlertRuleKind::RepeatedResyncs);
    if (rules.empty() || !m_options.resyncCount)
        return;
    const std::int64_t total = m_options.resyncCount();
    if (m_resyncsSeen < 0)
        m_resyncsSeen = 0; // resyncs before the first tick (the join) count as well
    for (std::int64_t k = m_resyncsSeen; k < total; ++k)
        m_resyncTimes.push_back(wallMs);
    m_resyncsSeen = std::max(m_resyncsSeen, total);
    for (int i : rules) {
        const AlertRule &rule = m_rules[i];
        const std::int64_t window = minutesMs(rule.threshold("window_minutes"));
        while (!m_resyncTimes.empty() && wallMs - m_resyncTimes.front() > window)
            m_resyncTimes.pop_front();
        const auto n = static_cast<std::int64_t>(m_resyncTimes.size());
        if (n >= static_cast<std::int64_t>(rule.threshold("count")))
            m_book.raise(rule, {AlertSubjectKind::Feed, "feed", {}, {}, {}}, wallMs, wallMs,
                         alertMessage(AlertCode::RepeatedResyncs, n, static_cast<int>(rule.threshold("window_minutes"))));
        else
            m_book.clear(rule, "feed", wallMs, alertMessage(AlertCode::ClearedResyncs, n));
    }
}

// One alert per degraded depot, not one per failing frame: raised when the depot degrades,
// its count brought up to date at most every update_seconds, resolved once it reads cleanly.
void AlertEngine::evaluateFeedDegraded(std::int64_t wallMs)
{
    const auto &rules = rulesOf(AlertRuleKind::FeedDegraded);
    if (rules.empty() || !m_options.feedDegraded)
        return;
    const std::vector<FeedDegradation> degraded = m_options.feedDegraded();
    for (int i : rules) {
        const AlertRule &rule = m_rules[i];
        const auto every = static_cast<std::int64_t>(rule.threshold("update_seconds", 10) * 1000);
        for (const auto &d : degraded) {
            const std::string key = "feed:" + d.depot;
            const std::int64_t count = std::max<std::int64_t>(d.failures, d.holes);
            AlertMessage message = alertMessage(AlertCode::FeedDegraded, d.depot, d.eventType.empty() ? "?" : d.eventType,
                                                d.reason, count);
            auto &seen = m_degradedAlerts[d.depot];
            if (!m_book.isOpen(rule, key)) {
                m_book.raise(rule, {AlertSubjectKind::Depot, key, {}, {}, d.depot}, wallMs, wallMs, std::move(message));
                seen = {count, wallMs};
            } else if (count != seen.failures && wallMs - seen.updatedMs >= every) {
                m_book.recount(rule, key, count, wallMs, std::move(message));
                seen = {count, wallMs};
            }
        }
        for (auto it = m_degradedAlerts.begin(); it != m_degradedAlerts.end();) {
            const bool still = std::any_of(degraded.begin(), degraded.end(),
                                           [&](const FeedDegradation &d) { return d.depot == it->first; });
            if (still) {
                ++it;
                continue;
            }
            m_book.clear(rule, "feed:" + it->first, wallMs, alertMessage(AlertCode::ClearedFeedClean, it->first));
            it = m_degradedAlerts.erase(it);
        }
    }
}

} // namespace opsdeck::core
