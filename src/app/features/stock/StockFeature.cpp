#include "StockFeature.h"

#include "app/access/AccessText.h"
#include "app/cli/ExportCommand.h"
#include "app/runtime/ConsoleRuntime.h"
#include "core/access/AccessGuard.h"
#include "core/access/AccessPolicy.h"
#include "core/model/EventDecoder.h"
#include "core/pipeline/ConsoleCore.h"
#include "sdk/ConsoleContext.h"
#include "store/db/StoreError.h"
#include "store/db/StoreWorker.h"
#include "store/log/EventStore.h"

#include <QCoreApplication>
#include <QPointer>
#include <QSaveFile>
#include <QSettings>
#include <QThreadPool>

namespace opsdeck::app {

Q_LOGGING_CATEGORY(lcStock, "opsdeck.app.stock")

namespace {
// Consumption and cover change with time even when no level arrives: refresh that often.
constexpr std::int64_t kRepublishMs = 5000;
} // namespace

StockServiceHost::StockServiceHost(QObject *parent) : sdk::StockService(parent)
{
    m_reader.setMaxThreadCount(1);
}

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

void StockServiceHost::loadHistory(store::StoreWorker &store, std::shared_ptr<store::KeyVault> keyVault,
                                   std::function<bool(const std::string &, const std::string &)> sees)
{
    // The store thread only says which file and key it uses; the read itself runs on a
    // connection of its own (WAL: it never blocks the writer), because the log has no
    // index by type and a month of it would hold ingest up for the whole scan.
    const bool posted =
        store.post([this, keyVault = std::move(keyVault), sees = std::move(sees)](store::EventStore &s) {
            const QString db = s.path();
            const QString key = s.keyPath();
            {
                const std::lock_guard lock(m_historyMutex);
                if (m_dbPath.isEmpty()) {
                    m_dbPath = db;
                    m_keyPath = key;
                }
            }
            m_reader.start([this, db, key, keyVault, sees] { readHistory(db, key, keyVault, sees); });
        });
    if (!posted)
        qCWarning(lcStock) << "store stopped: the stock view starts without its history";
}

StockServiceHost::~StockServiceHost()
{
    m_closing = true;
    m_reader.waitForDone();
}

void StockServiceHost::readHistory(const QString &db, const QString &key,
                                   const std::shared_ptr<store::KeyVault> &keyVault,
                                   const std::function<bool(const std::string &, const std::string &)> &sees)
{
    // Two windows back from the latest level: the window itself, and before it the level
    // each item's first drop inside the window is measured from.
    const std::int64_t spanMs = 2 * core::stock::StockSettings{}.windowMs;
    core::EventDecoder decoder;
    std::vector<core::Event> events;
    std::int64_t dropped = 0;
    try {
        store::EventStore reader;
        store::EventStore::Options options;
        options.readOnly = true;
        options.keyPath = key;
        options.keyVault = keyVault;
        reader.open(db, options);
        reader.forEachRecentEvent("inventory.level", spanMs, [&](const store::LoggedEvent &e) {
            auto decoded = decoder.decode(e.depot + "/" + e.type, e.body);
            const auto *event = std::get_if<core::Event>(&decoded);
            if (!event)
                ++dropped; // logged once as valid; one that no longer decodes is left out
            else if (!sees || sees(event->depot, event->merchantId))
                events.push_back(*event);
            return !m_closing.load(std::memory_order_relaxed);
        });
    } catch (const store::StoreError &e) {
        qCWarning(lcStock) << "the stock view starts without its history:" << e.what();
        return;
    }
    if (dropped > 0)
        qCWarning(lcStock) << dropped << "logged stock levels no longer decode; left out of the history";
    {
        const std::lock_guard lock(m_historyMutex);
        m_history = std::move(events);
    }
    m_historyWaiting = true;
    m_historyRead = true;
}

void StockServiceHost::takePending()
{
    if (m_settingsWaiting.exchange(false)) {
        const std::lock_guard lock(m_historyMutex);
        m_book.setSettings(m_pendingSettings);
        m_dirty = true;
    }
    if (!m_historyWaiting.exchange(false))
        return;
    std::vector<core::Event> events;
    {
        const std::lock_guard lock(m_historyMutex);
        events.swap(m_history);
    }
    qCInfo(lcStock) << m_book.seed(events) << "stock levels taken from the log";
    m_dirty = true;
}

core::stock::StockSettings StockServiceHost::toCore(const sdk::StockSettingsValues &values)
{
    core::stock::StockSettings out;
    out.targetCoverHours = values.targetCoverHours;
    out.lowCoverHours = values.lowCoverHours;
    out.slotMinutesOfDay.assign(values.slotMinutes.begin(), values.slotMinutes.end());
    return out;
}

void StockServiceHost::loadSettings(QSettings *settings)
{
    m_settings = settings;
    if (!settings)
        return;
    sdk::StockSettingsValues values;
    QString problem;
    const auto number = [&](const char *key, double &into) {
        const QVariant v = settings->value(QLatin1String(key));
        if (!v.isValid())
            return;
        bool ok = false;
        const double d = v.toString().toDouble(&ok);
        if (ok)
            into = d;
        else if (problem.isEmpty())
            problem = tr("%1 is not a number: \"%2\".").arg(QLatin1String(key), v.toString());
    };
    number("stock/targetCoverHours", values.targetCoverHours);
    number("stock/lowCoverHours", values.lowCoverHours);
    if (const QVariant slotValue = settings->value(QStringLiteral("stock/slots")); slotValue.isValid() && problem.isEmpty()) {
        // QSettings reads "06:00, 14:00" in an ini file back as a list.
        const QString text = slotValue.toStringList().join(QLatin1Char(','));
        values.slotMinutes = sdk::parseSlotList(text, &problem);
    }
    if (problem.isEmpty())
        problem = sdk::validateStockSettings(values);
    if (!problem.isEmpty()) {
        m_settingsProblem = tr("Stock settings in the settings file refused (%1); the defaults are used.").arg(problem);
        qCWarning(lcStock) << m_settingsProblem;
        return;
    }
    m_settingsProblem.clear();
    m_values = values;
    const std::lock_guard lock(m_historyMutex);
    m_pendingSettings = toCore(values);
    m_settingsWaiting = true;
}

QString StockServiceHost::applyStockSettings(const sdk::StockSettingsValues &values)
{
    if (const QString problem = sdk::validateStockSettings(values); !problem.isEmpty())
        return problem;
    m_values = values;
    m_settingsProblem.clear();
    if (m_settings) {
        m_settings->setValue(QStringLiteral("stock/targetCoverHours"), values.targetCoverHours);
        m_settings->setValue(QStringLiteral("stock/lowCoverHours"), values.lowCoverHours);
        m_settings->setValue(QStringLiteral("stock/slots"), sdk::slotListText(values.slotMinutes));
    }
    {
        const std::lock_guard lock(m_historyMutex);
        m_pendingSettings = toCore(values);
        m_settingsWaiting = true;
    }
    emit stockChanged();
    return {};
}

void StockServiceHost::setExport(const core::access::AccessGuard *access, const QString &dbPath)
{
    m_access = access;
    const std::lock_guard lock(m_historyMutex);
    if (!dbPath.isEmpty())
        m_dbPath = dbPath;
}

void StockServiceHost::exportCsv(const QString &path)
{
    QString db;
    QString key;
    {
        const std::lock_guard lock(m_historyMutex);
        db = m_dbPath;
        key = m_keyPath;
    }
    if (!m_access || db.isEmpty()) {
        emit exportFinished(path, false, 0, tr("This console has no database to export from."));
        return;
    }
    // The refusal is audited here, on the GUI thread, like every other refused action; the
    // export below checks again (allowed: nothing audited) and cuts the rows to the scope.
    const core::access::Decision decision =
        m_access->require(core::access::Permission::Export, m_access->ownScope(), "export", "stock");
    if (!decision.allowed()) {
        emit exportFinished(path, false, 0, accessRefusalText(m_access->principal(), decision));
        return;
    }
    QPointer<StockServiceHost> self(this);
    const core::access::AccessGuard *access = m_access;
    const core::stock::StockSettings settings = toCore(m_values);
    QThreadPool::globalInstance()->start([self, access, path, db, key, settings] {
        store::ExportOptions options;
        options.table = store::ExportTable::Stock;
        options.format = store::ExportFormat::Csv;
        options.keyPath = key;
        options.stockSettings = settings;
        QSaveFile file(path);
        store::ExportResult result;
        if (!file.open(QIODevice::WriteOnly))
            result.error = file.errorString();
        else if (result = runGuardedExport(*access, options, db, file); result.ok && !file.commit()) {
            result.ok = false;
            result.error = file.errorString();
        }
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, path, result] {
                if (self)
                    emit self->exportFinished(path, result.ok, result.rows, result.error);
            },
            Qt::QueuedConnection);
    });
}

void StockServiceHost::onEvent(const core::Event &event, bool applied, const core::Projections &projections)
{
    (void)applied;
    (void)projections;
    if (event.kind != core::EventKind::InventoryLevel)
        return; // every rider fix passes here: the history and settings wait for the tick
    takePending();
    if (m_book.apply(event))
        m_dirty = true;
}

void StockServiceHost::onTick(const core::Projections &projections, std::int64_t wallMs)
{
    (void)projections;
    takePending();
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
    m_host.setExport(access);
    m_host.loadSettings(&gui.settings);
    if (store::StoreWorker *worker = gui.runtime.storeWorker()) {
        const core::access::Principal who = access->principal();
        m_host.loadHistory(*worker, gui.runtime.options().keyVault, [who](const std::string &depot, const std::string &merchant) {
            return core::access::inScope(who, core::access::Scope{depot, merchant});
        });
    }
}

} // namespace opsdeck::app
