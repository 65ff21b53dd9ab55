// opsdeck-bench board: the order board at 200k orders.
//  - batch_ms: one 100 ms batch of state changes at 5k changes/s (500 changes) applied to
//    BoardModel and its twelve column models, each shown in a QListView (offscreen) with
//    the real card delegate (the baselines paint plain text rows: cheaper),
//    including the views' reaction (the event loop is run until idle inside the timing);
//  - naive_batch_ms: the same board built from stock parts: one QStandardItemModel over
//    all orders (one row per order, one item per field) and one QSortFilterProxyModel
//    per state column, in the same views, updated with setData;
//  - also printed (not in RESULT): twelve QStandardItemModels moving items between them.
//  These three are component figures: the board's models and views, no console.
//  - search_ms: p95 latency of a keystroke through the assembled console's OrderSearch
//    (app::ConsoleAssembly with every feature, the 200k orders loaded from its file at
//    start-up) while a scripted gateway feeds it 5k order changes a second over real
//    sockets (BenchBoardSearch.cpp). Also printed: the index alone (component figure).
#include "BenchBoard.h"
#include "sdk/Rows.h"
#include "widgets/board/BoardColumnModel.h"
#include "widgets/board/BoardModel.h"
#include "widgets/board/OrderCardDelegate.h"

#include <QApplication>
#include <QListView>
#include <QHash>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <random>
#include <vector>

using namespace opsdeck;
using namespace opsdeck::bench::board;
using BenchClock = std::chrono::steady_clock;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

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

} // namespace

namespace opsdeck::bench::board {

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

} // namespace opsdeck::bench::board

int runBoardBench(int argc, char **argv)
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // figures appear as they are measured
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    std::printf("opsdeck-bench board: %d orders, %d changes per 100 ms batch (5k/s), %d batches\n", kOrders,
                kChangesPerBatch, kBatches);
    const Data d = makeData();
    std::printf("  component figures (the board's models and views alone, no console):\n");
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
    std::printf("  component: FTS5 trigram index alone, %lld orders: %.2f ms p95 per keystroke\n",
                static_cast<long long>(indexed), indexOnly);
    std::printf("  the assembled console (every feature), fed 5k order changes/s by a scripted gateway:\n");
    const double search = roundTripP95Ms(d);
    std::printf("  keystroke -> OrderSearch -> store thread -> GUI: %.2f ms p95\n", search);
    std::printf("RESULT board orders=%d batch_ms=%.2f search_ms=%.2f naive_batch_ms=%.2f ratio=%.1f\n", kOrders,
                board.updateMs, search, stock.updateMs, board.updateMs > 0 ? stock.updateMs / board.updateMs : 0.0);
    return 0;
}
