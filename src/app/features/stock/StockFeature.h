#pragma once

#include "app/features/Feature.h"
#include "core/pipeline/CoreObserver.h"
#include "core/stock/StockBook.h"
#include "sdk/StockService.h"

#include <QLoggingCategory>
#include <QThreadPool>

class QSettings;

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace opsdeck::store {
class KeyVault;
class StoreWorker;
}
namespace opsdeck::core::access {
class AccessGuard;
}

namespace opsdeck::app {

Q_DECLARE_LOGGING_CATEGORY(lcStock)

// The host side of sdk::StockService. The stock projection (core::stock::StockBook)
// follows inventory.level on the core thread; about every 5 s of the core's tick, and
// after a change, its figures go to the GUI thread in one queued call. stockRows()
// gives the signed-in user's scope only (a merchant: its own items).
class StockServiceHost final : public sdk::StockService, public core::CoreObserver
{
    Q_OBJECT
public:
    explicit StockServiceHost(QObject *parent = nullptr);
    ~StockServiceHost() override; // waits for the history read, which it stops first

    // GUI thread: who may see which item (AccessGuard::sees over depot and merchant).
    void setScope(std::function<bool(const std::string &depot, const std::string &merchant)> sees);
    QList<sdk::StockRow> stockRows() const override;
    // GUI thread, when the desk opens: reads the recent levels of the items `sees` allows
    // on the store thread (docs/merchant.md "At start"); the core thread takes them in at
    // its next event or tick, so a restarted console shows the same figures.
    void loadHistory(store::StoreWorker &store, std::shared_ptr<store::KeyVault> keyVault,
                     std::function<bool(const std::string &depot, const std::string &merchant)> sees);
    // GUI thread: exports go through this guard, from the database loadHistory() read
    // (or `dbPath` when set here, for a host without a store worker).
    void setExport(const core::access::AccessGuard *access, const QString &dbPath = {});
    void exportCsv(const QString &path) override;

    // GUI thread: the settings of the settings file ("stock/..."); bad ones are refused
    // (defaults kept) and said in settingsProblem(). Null: defaults, nothing kept.
    void loadSettings(QSettings *settings);
    sdk::StockSettingsValues stockSettings() const override { return m_values; }
    QString applyStockSettings(const sdk::StockSettingsValues &values) override;
    QString settingsProblem() const override { return m_settingsProblem; }
    static core::stock::StockSettings toCore(const sdk::StockSettingsValues &values);

    // Any thread: the store's levels were read (and wait for the core thread, or were taken).
    bool historyRead() const { return m_historyRead.load(); }

    // Core thread.
    void onEvent(const core::Event &event, bool applied, const core::Projections &projections) override;
    void onTick(const core::Projections &projections, std::int64_t wallMs) override;

    static sdk::StockRow toRow(const core::stock::StockFigures &figures);

private:
    void publish(std::int64_t nowMs);
    void takePending(); // core thread: history and settings from the other threads

    void readHistory(const QString &db, const QString &key, const std::shared_ptr<store::KeyVault> &keyVault,
                     const std::function<bool(const std::string &, const std::string &)> &sees);

    QThreadPool m_reader; // one thread: the history read, on a read-only connection of its own
    std::atomic<bool> m_closing{false};
    std::mutex m_historyMutex;
    std::vector<core::Event> m_history; // store thread -> core thread, under m_historyMutex
    std::atomic<bool> m_historyWaiting{false};
    std::atomic<bool> m_historyRead{false};
    const core::access::AccessGuard *m_access = nullptr; // GUI thread
    QString m_dbPath;  // under m_historyMutex: learnt on the store thread
    QString m_keyPath; // under m_historyMutex
    core::stock::StockSettings m_pendingSettings; // GUI -> core thread, under m_historyMutex
    std::atomic<bool> m_settingsWaiting{false};
    sdk::StockSettingsValues m_values; // GUI thread
    QString m_settingsProblem;         // GUI thread
    QSettings *m_settings = nullptr;   // GUI thread

    core::stock::StockBook m_book;      // core thread only
    bool m_dirty = false;               // core thread only
    std::int64_t m_lastPublishMs = 0;   // core thread only
    QList<sdk::StockRow> m_rows;        // GUI thread: every item, unscoped
    std::function<bool(const std::string &, const std::string &)> m_sees;
};

// Stock figures for the window (the merchant desk's stock view). Only in the window:
// the headless console and the benchmarks do not build the figures nobody reads.
class StockFeature final : public Feature
{
public:
    explicit StockFeature(const FeatureOptions &options) : m_withGui(options.withGui) {}
    std::string_view name() const override { return "stock"; }
    void assemble(ConsoleRuntime &runtime) override;
    void attachGui(const GuiAttach &gui) override;

    StockServiceHost &host() { return m_host; }

private:
    bool m_withGui = false;
    StockServiceHost m_host;
};

} // namespace opsdeck::app
