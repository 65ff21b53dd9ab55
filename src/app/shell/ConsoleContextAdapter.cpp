#include "ConsoleContextAdapter.h"
#include "core/access/AccessPolicy.h"

#include "app/runtime/ConsoleBridge.h"
#include "core/model/Masking.h"
#include "core/model/OrderState.h"

#include <QMetaObject>

#include <algorithm>

namespace opsdeck::app {

Q_LOGGING_CATEGORY(lcContext, "opsdeck.app.context")

namespace {

QString qs(const std::string &s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

// What a fix changes in a rider's row (a new row and an updated one alike).
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
void keepOrSet(QString &stored, const std::string &now)
{
    const QUtf8StringView view(now.data(), static_cast<qsizetype>(now.size()));
    if (!QAnyStringView::equal(stored, view))
        stored = qs(now);
}

} // namespace

const sdk::RiderRow &ConsoleContextAdapter::storeRider(const core::RiderRecord &rider)
{
    const QString id = qs(rider.riderId);
    const auto it = m_riderIndex.constFind(id);
    if (it == m_riderIndex.constEnd()) {
        m_riderIndex.insert(id, m_riders.size());
        m_riders.push_back(toRow(rider));
        return m_riders.back();
    }
    sdk::RiderRow &row = m_riders[*it];
    keepOrSet(row.name, rider.name);
    keepOrSet(row.depot, rider.depot);
    keepOrSet(row.status, rider.status);
    copyMotion(rider, row);
    return row;
}

void ConsoleContextAdapter::completeDelta(const core::ConsoleDelta &delta)
{
    m_receipts = delta.receipts;
    m_emittedNs = delta.emittedNs;
    emit deltaApplied();
}

void ConsoleContextAdapter::applyDelta(const core::ConsoleDelta &delta)
{
    while (!m_pendingRiders.empty()) // a later delta's riders never go before an earlier one's
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

void ConsoleContextAdapter::followDelta(std::shared_ptr<const core::ConsoleDelta> delta)
{
    beginDelta(*delta);
    if (delta->riders.empty() && m_pendingRiders.empty()) {
        completeDelta(*delta);
        return;
    }
    m_pendingRiders.push_back({std::move(delta), 0});
    if (!m_sliceScheduled)
        applyRiderSlice(); // the first slice now: a delta of a few riders is done in this turn
}

void ConsoleContextAdapter::applyRiderSlice()
{
    m_sliceScheduled = false;
    const auto slice = static_cast<qsizetype>(m_riderSlice);
    QList<sdk::RiderRow> changed;
    changed.reserve(slice);
    std::vector<std::shared_ptr<const core::ConsoleDelta>> done;
    while (!m_pendingRiders.empty() && changed.size() < slice) {
        PendingRiders &p = m_pendingRiders.front();
        const auto &riders = p.delta->riders;
        const std::size_t end = std::min(riders.size(), p.next + static_cast<std::size_t>(slice - changed.size()));
        for (; p.next < end; ++p.next)
            changed.append(storeRider(riders[p.next]));
        if (p.next < riders.size())
            break;
        done.push_back(std::move(p.delta));
        m_pendingRiders.pop_front();
    }
    if (!changed.isEmpty())
        emit ridersChanged(changed);
    for (const auto &delta : done)
        completeDelta(*delta);
    if (!m_pendingRiders.empty() && !m_sliceScheduled) {
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
