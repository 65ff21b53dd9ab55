#include "ConsoleContextAdapter.h"
#include "core/access/AccessPolicy.h"

#include "app/runtime/ConsoleBridge.h"
#include "core/model/Masking.h"
#include "core/model/OrderState.h"

#include <QMetaObject>

#include <algorithm>
#include <ctime>

namespace opsdeck::app {

Q_LOGGING_CATEGORY(lcContext, "opsdeck.app.context")

namespace {

QString qs(const std::string &s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

// What a fix changes in a rider's row (a new row and an updated one alike).
std::int64_t threadCpuNs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

void copyMotion(const core::RiderRecord &rider, sdk::RiderRow &row)
{
    row.lat = rider.lat;
    row.lng = rider.lng;
    row.speedMps = rider.speedMps;
    row.headingDeg = rider.headingDeg;
    row.batteryPct = rider.batteryPct;
    row.capacity = rider.capacity;
    row.fixAtMs = rider.fixAtMs;
    row.updatedAtMs = rider.updatedAtMs;
}

} // namespace

ConsoleContextAdapter::ConsoleContextAdapter(Identity identity, QObject *parent)
    : sdk::ConsoleContext(parent)
    , m_identity(std::move(identity))
{
}

ConsoleContextAdapter::~ConsoleContextAdapter() = default;

bool ConsoleContextAdapter::roleSeesPersonalData(const QString &role)
{
    return core::access::roleHas(role.toStdString(), core::access::Permission::ViewPersonalData);
}

void ConsoleContextAdapter::attach(ConsoleBridge &bridge)
{
    connect(&bridge, &ConsoleBridge::deltaReady, this,
            [this](const std::shared_ptr<const core::ConsoleDelta> &delta) {
                if (delta)
                    followDelta(delta);
            });
}

sdk::OrderRow ConsoleContextAdapter::toRow(const core::OrderRecord &order, bool mask)
{
    sdk::OrderRow row;
    row.orderId = qs(order.orderId);
    row.depot = qs(order.depot);
    const auto state = core::toString(order.state);
    // A retired order leaves every open view: to them it is final (sdk::isFinalState).
    row.state = order.retiredAtMs != 0 ? QString::fromLatin1(sdk::kRetiredState)
                                       : QString::fromLatin1(state.data(), static_cast<qsizetype>(state.size()));
    row.riderId = qs(order.riderId);
    row.merchantId = qs(order.merchantId);
    row.channel = qs(order.channel);
    const QString name = qs(order.customerName);
    const QString phone = qs(order.customerPhone);
    const QString address = qs(order.addressText);
    row.customerName = mask ? core::maskName(name) : name;
    row.customerPhone = mask ? core::maskPhone(phone) : phone;
    row.address = mask ? core::maskAddress(address) : address;
    // A note is free text that may hold anything personal, so a masked role sees only
    // that there is one (the card's flag), never a partly masked copy.
    row.hasCustomerNote = !order.customerNote.empty();
    if (!mask)
        row.customerNote = qs(order.customerNote);
    row.priority = static_cast<int>(order.priority);
    row.lastReason = qs(order.lastReason);
    row.promisedAtMs = order.promisedAtMs;
    row.etaMs = order.etaMs;
    row.createdAtMs = order.createdAtMs;
    row.updatedAtMs = order.updatedAtMs;
    const auto stateIndex = static_cast<std::size_t>(order.state);
    row.stateSinceMs = order.retiredAtMs != 0 ? order.retiredAtMs
        : stateIndex < order.enteredAtMs.size() ? order.enteredAtMs[stateIndex] : 0;
    if (row.stateSinceMs == 0)
        row.stateSinceMs = order.updatedAtMs;
    row.amount = order.amount;
    // The destination is where the customer lives: about 1 km for a masked role.
    row.lat = mask ? core::maskCoordinate(order.lat) : order.lat;
    row.lng = mask ? core::maskCoordinate(order.lng) : order.lng;
    return row;
}

sdk::RiderRow ConsoleContextAdapter::toRow(const core::RiderRecord &rider)
{
    sdk::RiderRow row;
    row.riderId = qs(rider.riderId);
    row.name = qs(rider.name);
    row.depot = qs(rider.depot);
    row.status = qs(rider.status);
    copyMotion(rider, row);
    return row;
}

void ConsoleContextAdapter::beginDelta(const core::ConsoleDelta &delta)
{
    m_applied = delta.applied;
    ++m_deltas;
    if (!delta.orders.empty()) {
        QList<sdk::OrderRow> changed;
        changed.reserve(static_cast<qsizetype>(delta.orders.size()));
        for (const auto &order : delta.orders) {
            if (m_identity.sees && !m_identity.sees(order.depot, order.merchantId))
                continue; // out of the principal's scope: no view of the console shows it
            auto row = toRow(order, m_identity.maskPersonalData);
            const auto it = m_orderIndex.constFind(row.orderId);
            if (it != m_orderIndex.constEnd()) {
                m_orders[*it] = row;
            } else {
                m_orderIndex.insert(row.orderId, m_orders.size());
                m_orders.push_back(row);
            }
            changed.append(std::move(row));
        }
        if (!changed.isEmpty())
            emit ordersChanged(changed);
    }
    qCDebug(lcContext) << "delta:" << delta.orders.size() << "orders," << delta.riders.size() << "riders";
}

namespace {

// A rider's name, depot and status repeat with every fix: the stored strings are kept
// (no allocation, and the views' "shared with" checks stay cheap) unless they changed.
void keepOrSet(QString &stored, std::string &storedWire, const std::string &now)
{
    if (storedWire == now)
        return;
    storedWire = now;
    stored = qs(now);
}

} // namespace

const sdk::RiderRow &ConsoleContextAdapter::storeRider(const core::RiderRecord &rider)
{
    const auto it = m_riderIndex.find(rider.riderId);
    if (it == m_riderIndex.end()) {
        m_riderIndex.emplace(rider.riderId, m_riders.size());
        m_riders.push_back(toRow(rider));
        m_riderWire.push_back({rider.name, rider.depot, rider.status});
        return m_riders.back();
    }
    sdk::RiderRow &row = m_riders[it->second];
    RiderWire &wire = m_riderWire[it->second];
    keepOrSet(row.name, wire.name, rider.name);
    keepOrSet(row.depot, wire.depot, rider.depot);
    keepOrSet(row.status, wire.status, rider.status);
    copyMotion(rider, row);
    return row;
}

void ConsoleContextAdapter::completeDelta(const core::ConsoleDelta &delta)
{
    m_receipts = delta.receipts;
    m_emittedNs = delta.emittedNs;
    m_deliveredNs = delta.deliveredNs;
    emit deltaApplied();
}

void ConsoleContextAdapter::applyDelta(const core::ConsoleDelta &delta)
{
    while (!m_riderQueue.empty()) // a later delta's riders never go before an earlier one's
        applyRiderSlice();
    beginDelta(delta);
    if (!delta.riders.empty()) {
        QList<sdk::RiderRow> changed;
        changed.reserve(static_cast<qsizetype>(delta.riders.size()));
        for (const auto &rider : delta.riders)
            changed.append(storeRider(rider));
        emit ridersChanged(changed);
    }
    completeDelta(delta);
}

void ConsoleContextAdapter::queueRiders(const core::ConsoleDelta &delta)
{
    std::uint64_t end = m_waiting.empty() ? 0 : m_waiting.back().end; // deltas complete in order
    for (const auto &rider : delta.riders) {
        const auto [at, added] = m_queuedAt.try_emplace(std::string_view(rider.riderId), m_ridersApplied + m_riderQueue.size());
        if (added)
            m_riderQueue.push_back(&rider);
        else
            m_riderQueue[static_cast<std::size_t>(at->second - m_ridersApplied)] = &rider; // the newer fix, in the older's place
        end = std::max(end, at->second + 1);
    }
    m_waiting.push_back({nullptr, end});
}

void ConsoleContextAdapter::followDelta(std::shared_ptr<const core::ConsoleDelta> delta)
{
    beginDelta(*delta);
    if (delta->riders.empty() && m_waiting.empty()) {
        completeDelta(*delta);
        return;
    }
    if (m_riderQueue.empty() && m_waiting.empty() && !m_sliceScheduled
        && static_cast<qsizetype>(delta->riders.size()) <= sliceLimit()) {
        // Nothing waits and the delta fits one slice (a quiet GUI, 30 deltas a second):
        // applied now, without the queue's bookkeeping.
        applyNow(*delta);
        return;
    }
    queueRiders(*delta);
    m_waiting.back().delta = std::move(delta);
    if (!m_sliceScheduled)
        applyRiderSlice(); // the first slice now: a delta of a few riders is done in this turn
}

void ConsoleContextAdapter::completeWaiting()
{
    while (!m_waiting.empty() && m_waiting.front().end <= m_ridersApplied) {
        const std::shared_ptr<const core::ConsoleDelta> delta = std::move(m_waiting.front().delta);
        m_waiting.pop_front();
        if (delta)
            completeDelta(*delta);
    }
}

qsizetype ConsoleContextAdapter::sliceLimit() const
{
    std::size_t riders = static_cast<std::size_t>(m_riderSlice);
    if (m_sliceBudgetMs > 0 && m_nsPerRider > 0) // as many as the last slices say fit the budget
        riders = std::clamp<std::size_t>(static_cast<std::size_t>(m_sliceBudgetMs * 1e6 / m_nsPerRider),
                                         kMinBudgetSlice, riders);
    return static_cast<qsizetype>(riders);
}

qsizetype ConsoleContextAdapter::nextSliceSize() const
{
    return std::min(sliceLimit(), static_cast<qsizetype>(m_riderQueue.size()));
}

void ConsoleContextAdapter::applyNow(const core::ConsoleDelta &delta)
{
    const std::int64_t startNs = threadCpuNs();
    QList<sdk::RiderRow> changed;
    changed.reserve(static_cast<qsizetype>(delta.riders.size()));
    for (const auto &rider : delta.riders)
        changed.append(storeRider(rider));
    emit ridersChanged(changed);
    noteCost(threadCpuNs() - startNs, changed.size());
    completeDelta(delta);
}

void ConsoleContextAdapter::noteCost(std::int64_t ns, qsizetype riders)
{
    // The slice's whole cost, the views' share included, per rider, in this thread's CPU
    // time: on a busy machine the wall time also holds the time others had the core, and
    // slices sized by it shrink until the fleet no longer fits a second. Averaged, and
    // only over slices large enough to say something.
    if (riders < static_cast<qsizetype>(kMinBudgetSlice))
        return;
    const double perRider = static_cast<double>(ns) / static_cast<double>(riders);
    m_nsPerRider = m_nsPerRider > 0 ? 0.7 * m_nsPerRider + 0.3 * perRider : perRider;
}

void ConsoleContextAdapter::applyRiderSlice()
{
    m_sliceScheduled = false;
    const qsizetype slice = nextSliceSize();
    const std::int64_t startNs = threadCpuNs();
    QList<sdk::RiderRow> changed;
    changed.reserve(slice);
    while (changed.size() < slice) {
        const core::RiderRecord &rider = *m_riderQueue.front();
        m_queuedAt.erase(std::string_view(rider.riderId));
        changed.append(storeRider(rider));
        m_riderQueue.pop_front();
        ++m_ridersApplied;
    }
    if (!changed.isEmpty()) {
        emit ridersChanged(changed);
        noteCost(threadCpuNs() - startNs, changed.size());
    }
    completeWaiting();
    if (!m_riderQueue.empty() && !m_sliceScheduled) {
        // Posted, not a zero timer: it runs in the next loop turn, after input and paint.
        m_sliceScheduled = true;
        QMetaObject::invokeMethod(this, [this] { applyRiderSlice(); }, Qt::QueuedConnection);
    }
}

bool ConsoleContextAdapter::seesAlert(const QString &orderId, const QString &depot) const
{
    if (!m_identity.sees)
        return true;
    if (!orderId.isEmpty())
        return m_orderIndex.contains(orderId); // only orders in scope are ever held
    return m_identity.sees(depot.toStdString(), std::string());
}

QList<sdk::OrderRow> ConsoleContextAdapter::currentOrders() const
{
    return QList<sdk::OrderRow>(m_orders.begin(), m_orders.end());
}

QList<sdk::RiderRow> ConsoleContextAdapter::currentRiders() const
{
    return QList<sdk::RiderRow>(m_riders.begin(), m_riders.end());
}

} // namespace opsdeck::app
