// opsdeck-bench board: the order board at 200k orders.
//  - batch_ms: one 100 ms batch of state changes at 5k changes/s (500 changes) applied to
//    BoardModel and its twelve column models, each shown in a QListView (offscreen) with
//    the real card delegate (the baselines paint plain text rows: cheaper),
//    including the views' reaction (the event loop is run until idle inside the timing);
//  - naive_batch_ms: the same board built from stock parts: one QStandardItemModel over
//    all orders (one row per order, one item per field) and one QSortFilterProxyModel
//    per state column, in the same views, updated with setData;
//  - also printed (not in RESULT): twelve QStandardItemModels moving items between them.
//  - search_ms: p95 latency of a keystroke through StoreOrderSearch: posted to the store
//    thread, answered from the FTS5 trigram index (attached in-memory database on a real
//    encrypted SQLite file) and delivered back to the GUI thread, while the store thread
//    also writes 5k order changes a second. Also printed: the index alone.
#include "app/features/board/BoardStoreIndexes.h"
#include "app/features/board/StoreOrderSearch.h"
#include "core/model/Records.h"
#include "sdk/Rows.h"
#include "store/log/EventStore.h"
#include "store/db/StoreWorker.h"
#include "store/board/OrderSearchIndex.h"
#include "store/db/Sqlite.h"
#include "widgets/board/BoardColumnModel.h"
#include "widgets/board/BoardModel.h"
#include "widgets/board/OrderCardDelegate.h"

#include <QApplication>
#include <QEventLoop>
#include <QTimer>
#include <QListView>
#include <QHash>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <random>
#include <vector>

using namespace opsdeck;
using BenchClock = std::chrono::steady_clock;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

constexpr int kOrders = 200000;
constexpr int kChangesPerBatch = 500; // 5k changes/s, one batch per 100 ms
constexpr int kBatches = 40;
constexpr qint64 kNow = 1'800'000'000'000;

const char *const kSurnames[] = {"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴"};
const char *const kGiven[] = {"伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "强", "军"};
const char *const kLatin[] = {"Zhang Wei", "Li Na", "Wang Fang", "Chen Jie", "Anna Smith", "Liu Yang"};

QString nextState(const QString &state, std::mt19937 &rng)
{
    static const QHash<QString, QStringList> next{
        {QStringLiteral("CREATED"), {QStringLiteral("PAID"), QStringLiteral("HELD")}},
        {QStringLiteral("PAID"), {QStringLiteral("PICKING"), QStringLiteral("OUT_OF_STOCK")}},
        {QStringLiteral("HELD"), {QStringLiteral("PAID")}},
        {QStringLiteral("OUT_OF_STOCK"), {QStringLiteral("PICKING")}},
        {QStringLiteral("PICKING"), {QStringLiteral("DELIVERING")}},
        {QStringLiteral("DELIVERING"), {QStringLiteral("SIGNED"), QStringLiteral("EXCEPTION")}},
        {QStringLiteral("EXCEPTION"), {QStringLiteral("RETURNING"), QStringLiteral("DELIVERING")}},
        {QStringLiteral("RETURNING"), {QStringLiteral("CLOSED")}},
        {QStringLiteral("CLAIMING"), {QStringLiteral("CLOSED")}},
    };
    const QStringList options = next.value(state);
    if (options.isEmpty())
        return state;
    return options.at(static_cast<int>(rng() % static_cast<unsigned>(options.size())));
}

struct Data {
    QList<sdk::OrderRow> orders;
    std::vector<QList<sdk::OrderRow>> batches;
};

Data makeData()
{
    std::mt19937 rng(7);
    Data d;
    d.orders.reserve(kOrders);
    const QStringList states = sdk::orderStates();
    for (int i = 0; i < kOrders; ++i) {
        sdk::OrderRow o;
        o.orderId = QStringLiteral("o-%1").arg(i, 7, 10, QLatin1Char('0'));
        o.depot = QStringLiteral("BJ-%1").arg(i % 3);
        o.state = states.at(static_cast<int>(rng() % 9)); // live states
        o.merchantId = QStringLiteral("m-%1").arg(rng() % 400);
        o.channel = i % 3 == 0 ? QStringLiteral("fresh") : (i % 3 == 1 ? QStringLiteral("campus") : QStringLiteral("errand"));
        o.riderId = QStringLiteral("r-%1").arg(rng() % 2000);
        o.customerName = i % 10 == 0 ? QString::fromUtf8(kLatin[rng() % 6])
                                     : QString::fromUtf8(kSurnames[rng() % 10]) + QString::fromUtf8(kGiven[rng() % 12]);
        o.customerPhone = QStringLiteral("13%1").arg(rng() % 1000000000, 9, 10, QLatin1Char('0'));
        o.promisedAtMs = kNow + static_cast<qint64>(rng() % 3600000) - 1800000;
        o.stateSinceMs = kNow - static_cast<qint64>(rng() % 3600000);
        d.orders << o;
    }
    QList<sdk::OrderRow> current = d.orders;
    for (int b = 0; b < kBatches; ++b) {
        QList<sdk::OrderRow> batch;
        for (int c = 0; c < kChangesPerBatch; ++c) {
            sdk::OrderRow &o = current[static_cast<int>(rng() % kOrders)];
            o.state = nextState(o.state, rng);
            o.stateSinceMs = kNow + b * 100;
            o.updatedAtMs = kNow + b * 100;
            batch << o;
        }
        d.batches.push_back(batch);
    }
    return d;
}


double msSince(BenchClock::time_point start)
{
    return std::chrono::duration<double, std::milli>(BenchClock::now() - start).count();
}

// Per batch: the model update with the views attached (every signal delivered and
// handled by the views, synchronously) and, separately, the views' deferred layout and
// paint that follow on the event loop.
struct BatchTimes {
    std::vector<double> update;
    std::vector<double> updateAndPaint;
    template<typename Fn>
    void measure(Fn &&applyBatch)
    {
        const auto start = BenchClock::now();
        applyBatch();
        update.push_back(msSince(start));
        QCoreApplication::processEvents();
        updateAndPaint.push_back(msSince(start));
    }
};

struct Figures {
    double updateMs = 0;
    double paintedMs = 0;
};

Figures figures(const BatchTimes &t)
{
    return {median(t.update), median(t.updateAndPaint)};
}

// A column as the board shows it: uniform card sizes, a few cards tall, all twelve in
// one top-level window (one backing store), as on the board.
QWidget *boardWindow()
{
    static QWidget *window = [] {
        auto *w = new QWidget;
        w->resize(12 * 250, 700);
        w->show();
        return w;
    }();
    return window;
}

std::unique_ptr<QListView> showView(QAbstractItemModel *model, QAbstractItemDelegate *delegate = nullptr)
{
    static int slot = 0;
    auto view = std::make_unique<QListView>(boardWindow());
    if (delegate)
        view->setItemDelegate(delegate); // before the model: the cards' real height and paint
    view->setUniformItemSizes(true);
    view->setModel(model);
    view->setGeometry((slot++ % 12) * 250, 0, 250, 700);
    view->show();
    return view;
}

Figures ours(const Data &d)
{
    widgets::BoardModel model;
    model.setClock([] { return kNow; });
    model.reset(d.orders);
    std::vector<std::unique_ptr<widgets::BoardColumnModel>> columns;
    std::vector<std::unique_ptr<QListView>> views;
    widgets::OrderCardDelegate cards(&model);
    for (const QString &state : sdk::orderStates()) {
        columns.push_back(std::make_unique<widgets::BoardColumnModel>(&model, state));
        views.push_back(showView(columns.back().get(), &cards));
    }
    QCoreApplication::processEvents();
    BatchTimes times;
    for (const auto &batch : d.batches) {
        times.measure([&] {
            model.enqueue(batch);
            model.flush();
        });
    }
    return figures(times);
}

Figures movingItems(const Data &d)
{
    const QStringList states = sdk::orderStates();
    std::vector<std::unique_ptr<QStandardItemModel>> columns;
    for (int i = 0; i < states.size(); ++i)
        columns.push_back(std::make_unique<QStandardItemModel>());
    std::vector<std::unique_ptr<QListView>> views;
    QHash<QString, QStandardItem *> items;
    const auto setRoles = [](QStandardItem *item, const sdk::OrderRow &o) {
        item->setData(o.orderId, Qt::DisplayRole);
        item->setData(o.state, Qt::UserRole + 1);
        item->setData(o.merchantId, Qt::UserRole + 2);
        item->setData(o.riderId, Qt::UserRole + 3);
        item->setData(o.customerName, Qt::UserRole + 4);
        item->setData(o.customerPhone, Qt::UserRole + 5);
        item->setData(o.promisedAtMs, Qt::UserRole + 6);
        item->setData(o.stateSinceMs, Qt::UserRole + 7);
        item->setData(o.lastReason, Qt::UserRole + 8);
    };
    for (const sdk::OrderRow &o : d.orders) {
        auto *item = new QStandardItem;
        setRoles(item, o);
        items.insert(o.orderId, item);
        columns[static_cast<std::size_t>(states.indexOf(o.state))]->appendRow(item);
    }
    for (auto &column : columns)
        views.push_back(showView(column.get()));
    QCoreApplication::processEvents();
    BatchTimes times;
    for (const auto &batch : d.batches) {
        times.measure([&] {
        for (const sdk::OrderRow &o : batch) {
            QStandardItem *item = items.value(o.orderId);
            QStandardItemModel *from = item->model();
            QStandardItemModel *to = columns[static_cast<std::size_t>(states.indexOf(o.state))].get();
            if (from != to) {
                const QList<QStandardItem *> taken = from->takeRow(item->row());
                to->appendRow(taken);
            }
            setRoles(item, o);
        }
        });
    }
    return figures(times);
}

Figures stockProxies(const Data &d)
{
    enum { IdCol, StateCol, RiderCol, MerchantCol, SinceCol, ColCount };
    QStandardItemModel source(0, ColCount);
    QHash<QString, int> rowOf;
    for (const sdk::OrderRow &o : d.orders) {
        rowOf.insert(o.orderId, source.rowCount());
        source.appendRow({new QStandardItem(o.orderId), new QStandardItem(o.state), new QStandardItem(o.riderId),
                          new QStandardItem(o.merchantId), new QStandardItem(QString::number(o.stateSinceMs))});
    }
    std::vector<std::unique_ptr<QSortFilterProxyModel>> proxies;
    std::vector<std::unique_ptr<QListView>> views;
    for (const QString &state : sdk::orderStates()) {
        auto proxy = std::make_unique<QSortFilterProxyModel>();
        proxy->setSourceModel(&source);
        proxy->setFilterKeyColumn(StateCol);
        proxy->setFilterRegularExpression(QRegularExpression(QStringLiteral("^%1$").arg(state)));
        views.push_back(showView(proxy.get()));
        proxies.push_back(std::move(proxy));
    }
    QCoreApplication::processEvents();
    BatchTimes times;
    for (const auto &batch : d.batches) {
        times.measure([&] {
            for (const sdk::OrderRow &o : batch) {
                const int row = rowOf.value(o.orderId);
                source.item(row, StateCol)->setText(o.state);
                source.item(row, RiderCol)->setText(o.riderId);
                source.item(row, SinceCol)->setText(QString::number(o.stateSinceMs));
            }
        });
    }
    return figures(times);
}

// Keystroke sequences, as typed: names (Chinese, Latin, with a typo), ids, phone tails.
std::vector<std::string> keystrokes(const Data &d)
{
    std::vector<std::string> queries;
    const auto typed = [&queries](const QString &text) {
        for (qsizetype n = 1; n <= text.size(); ++n)
            queries.push_back(text.left(n).toStdString());
    };
    typed(QStringLiteral("张伟"));
    typed(QStringLiteral("王芳"));
    typed(QStringLiteral("欧阳那娜")); // one character wrong: the Han fuzzy pass
    typed(QStringLiteral("张为"));     // the same with a common surname: ~18k candidates
    typed(QStringLiteral("Zhang Wei"));
    typed(QStringLiteral("Zhnag Wei")); // typo: fuzzy pass
    typed(QStringLiteral("Anna"));
    typed(QStringLiteral("o-0123456"));
    typed(QStringLiteral("o-0199999"));
    for (int i = 0; i < 20; ++i)
        typed(d.orders.at(i * 997).customerPhone.right(4));
    typed(QStringLiteral("xyz")); // nothing matches
    return queries;
}

std::vector<store::OrderSearchIndex::Entry> searchEntries(const Data &d)
{
    std::vector<store::OrderSearchIndex::Entry> entries;
    entries.reserve(static_cast<std::size_t>(d.orders.size()));
    for (const sdk::OrderRow &o : d.orders)
        entries.push_back({o.orderId.toStdString(), o.customerName.toStdString(), o.customerPhone.toStdString()});
    return entries;
}

double p95(std::vector<double> times)
{
    std::sort(times.begin(), times.end());
    return times[static_cast<std::size_t>(static_cast<double>(times.size() - 1) * 0.95)];
}

// The index alone, on this thread: what the query itself costs.
double indexP95Ms(const Data &d, std::int64_t *indexed)
{
    QTemporaryDir dir;
    store::Database db((dir.path() + QStringLiteral("/board-bench.db")).toStdString(),
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    store::OrderSearchIndex index(db);
    index.add(searchEntries(d));
    *indexed = index.size();
    std::vector<double> times;
    for (const std::string &q : keystrokes(d)) {
        const auto start = BenchClock::now();
        const auto hits = index.find(q, 500);
        times.push_back(msSince(start));
        if (qEnvironmentVariableIsSet("OPSDECK_BENCH_VERBOSE"))
            std::printf("    %-12s %4zu hits %7.2f ms\n", q.c_str(), hits.size(), times.back());
    }
    return p95(std::move(times));
}

// What the user waits for: a keystroke through StoreOrderSearch to the store thread and
// back to the GUI thread, while that thread also writes the live feed (5k order changes
// a second, sealed personal data included) into a real encrypted SQLite file.
double roundTripP95Ms(const Data &d)
{
    QTemporaryDir dir;
    auto eventStore = std::make_unique<store::EventStore>();
    eventStore->open(dir.filePath(QStringLiteral("board-bench-live.db")));
    store::StoreWorker worker(std::move(eventStore));
    auto indexes = std::make_shared<app::BoardStoreIndexes>();
    worker.post([indexes, entries = searchEntries(d)](store::EventStore &s) {
        indexes->search = std::make_unique<store::OrderSearchIndex>(s.database());
        indexes->search->add(entries);
    });
    worker.waitUntilIdle(std::chrono::minutes(5));
    app::StoreOrderSearch search(worker, indexes);

    std::size_t next = 0;
    QTimer feed;
    feed.setInterval(100);
    QObject::connect(&feed, &QTimer::timeout, [&] {
        core::StoreBatch batch;
        for (int i = 0; i < kChangesPerBatch; ++i, ++next) {
            const sdk::OrderRow &o = d.orders.at(static_cast<qsizetype>(next % static_cast<std::size_t>(d.orders.size())));
            core::OrderRecord r;
            r.orderId = o.orderId.toStdString();
            r.depot = o.depot.toStdString();
            r.state = core::orderStateFromString(o.state.toStdString()).value_or(core::OrderState::Paid);
            r.customerName = o.customerName.toStdString();
            r.customerPhone = o.customerPhone.toStdString();
            r.updatedAtMs = o.updatedAtMs;
            batch.orders.push_back(std::move(r));
        }
        worker.submit(std::move(batch));
    });
    feed.start();

    std::vector<double> times;
    QEventLoop loop;
    QTimer wait; // one timer, restarted: a stale single shot must not cut a later wait short
    wait.setSingleShot(true);
    QObject::connect(&wait, &QTimer::timeout, &loop, &QEventLoop::quit);
    bool answered = false;
    QObject::connect(&search, &sdk::OrderSearch::resultsReady, &loop, [&] {
        answered = true;
        loop.quit();
    });
    int lost = 0;
    for (const std::string &q : keystrokes(d)) {
        // A typist's pause: the feed keeps writing between keystrokes.
        wait.start(120);
        loop.exec();
        answered = false;
        const auto start = BenchClock::now();
        search.search(QString::fromStdString(q), 500);
        wait.start(10000);
        while (!answered && wait.isActive())
            loop.exec();
        times.push_back(msSince(start)); // a lost answer counts as 10 s
        lost += answered ? 0 : 1;
    }
    if (lost > 0)
        std::printf("  %d keystrokes were never answered\n", lost);
    feed.stop();
    worker.stop();
    return p95(std::move(times));
}

} // namespace

int runBoardBench(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    std::printf("opsdeck-bench board: %d orders, %d changes per 100 ms batch (5k/s), %d batches\n", kOrders,
                kChangesPerBatch, kBatches);
    const Data d = makeData();
    std::printf("  per 100 ms batch, median; model update with views attached | plus the views' layout and paint\n");
    const Figures board = ours(d);
    std::printf("  BoardModel + 12 column models (ours)               %8.2f ms | %8.2f ms\n", board.updateMs,
                board.paintedMs);
    if (qEnvironmentVariableIsSet("OPSDECK_BENCH_ONLY_OURS"))
        return 0;
    const Figures stock = stockProxies(d);
    std::printf("  QStandardItemModel + 12 QSortFilterProxyModels     %8.2f ms | %8.2f ms\n", stock.updateMs,
                stock.paintedMs);
    const Figures moving = movingItems(d);
    std::printf("  12 QStandardItemModels, items moved between them   %8.2f ms | %8.2f ms\n", moving.updateMs,
                moving.paintedMs);
    std::int64_t indexed = 0;
    const double indexOnly = indexP95Ms(d, &indexed);
    std::printf("  FTS5 trigram index alone, %lld orders: %.2f ms p95 per keystroke\n", static_cast<long long>(indexed),
                indexOnly);
    const double search = roundTripP95Ms(d);
    std::printf("  keystroke -> store thread -> GUI, while the store writes 5k changes/s: %.2f ms p95\n", search);
    std::printf("RESULT board orders=%d batch_ms=%.2f search_ms=%.2f naive_batch_ms=%.2f ratio=%.1f\n", kOrders,
                board.updateMs, search, stock.updateMs, board.updateMs > 0 ? stock.updateMs / board.updateMs : 0.0);
    return 0;
}
