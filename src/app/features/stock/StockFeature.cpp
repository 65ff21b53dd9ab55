#include "StockFeature.h"

#include "app/runtime/ConsoleRuntime.h"
#include "core/access/AccessGuard.h"
#include "core/pipeline/ConsoleCore.h"
#include "sdk/ConsoleContext.h"

namespace opsdeck::app {

Q_LOGGING_CATEGORY(lcStock, "opsdeck.app.stock")

namespace {
// Consumption and cover change with time even when no level arrives: refresh that often.
constexpr std::int64_t kRepublishMs = 5000;
} // namespace

StockServiceHost::StockServiceHost(QObject *parent) : sdk::StockService(parent) {}

void StockServiceHost::setScope(std::function<bool(const std::string &, const std::string &)> sees)
{
    m_sees = std::move(sees);
    emit stockChanged();
}

QList<sdk::StockRow> StockServiceHost::stockRows() const
{
    QList<sdk::StockRow> out;
    for (const sdk::StockRow &row : m_rows)
        if (!m_sees || m_sees(row.depot.toStdString(), row.merchant.toStdString()))
            out.append(row);
    return out;
}

void StockServiceHost::onEvent(const core::Event &event, bool applied, const core::Projections &projections)
{
    (void)applied;
    (void)projections;
    if (event.kind == core::EventKind::InventoryLevel && m_book.apply(event))
        m_dirty = true;
}

void StockServiceHost::onTick(const core::Projections &projections, std::int64_t wallMs)
{
    (void)projections;
    if (m_dirty || wallMs - m_lastPublishMs >= kRepublishMs)
        publish(wallMs);
}

sdk::StockRow StockServiceHost::toRow(const core::stock::StockFigures &f)
{
    sdk::StockRow r;
    r.merchant = QString::fromStdString(f.key.merchant);
    r.depot = QString::fromStdString(f.key.depot);
    r.sku = QString::fromStdString(f.key.sku);
    r.name = QString::fromStdString(f.name);
    r.unit = QString::fromStdString(f.unit);
    r.state = QString::fromLatin1(core::stock::toString(f.state));
    r.level = f.level;
    r.perHour = f.perHour;
    r.coverHours = f.coverHours ? *f.coverHours : -1.0;
    r.suggestQty = f.suggestQty;
    r.atMs = f.atMs;
    r.nextSlotMs = f.nextSlotMs;
    return r;
}

void StockServiceHost::publish(std::int64_t nowMs)
{
    m_dirty = false;
    m_lastPublishMs = nowMs;
    QList<sdk::StockRow> rows;
    for (const auto &f : m_book.figures(nowMs, std::nullopt))
        rows.append(toRow(f));
    QMetaObject::invokeMethod(
        this,
        [this, rows = std::move(rows)] {
            m_rows = rows;
            emit stockChanged();
        },
        Qt::QueuedConnection);
}

void StockFeature::assemble(ConsoleRuntime &runtime)
{
    if (!m_withGui)
        return;
    runtime.addAssembleHook([this](core::ConsoleCore &core, store::StoreWorker &) { core.addObserver(&m_host); });
}

void StockFeature::attachGui(const GuiAttach &gui)
{
    const core::access::AccessGuard *access = &gui.access;
    m_host.setScope([access](const std::string &depot, const std::string &merchant) {
        return access->sees(core::access::Scope{depot, merchant});
    });
    gui.context.provide<sdk::StockService>(&m_host);
}

} // namespace opsdeck::app
