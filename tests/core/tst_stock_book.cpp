// Issue 18: the merchant's stock projection from inventory.level events as the decoder
// reads them off the wire: level, consumption per hour, cover, state, restock suggestion.
#include "core/model/EventDecoder.h"
#include "core/stock/StockBook.h"

#include <QTest>

#include <cmath>

using namespace opsdeck::core;
using namespace opsdeck::core::stock;

namespace {

constexpr std::int64_t kHour = 3600LL * 1000;
// 2026-12-07T02:00:00Z = 10:00 in Beijing (UTC+8): the slots are 06:00 and 14:00 local.
const std::int64_t kT0 = *parseTimestampMs("2026-12-07T02:00:00.000Z");

class Feed
{
public:
    // One inventory.level as the gateway would send it; the decoder must accept it.
    Event level(std::int64_t atMs, const char *merchant, const char *sku, double qty, const char *extra = "")
    {
        ++m_seq;
        const std::string merchantField = merchant ? std::string(R"("merchant_id":")") + merchant + "\"," : "";
        const std::string json = R"({"v":1,"epoch":"e1","depot":"BJ-CY-01","id":"i)" + std::to_string(m_seq)
            + R"(","seq":)" + std::to_string(m_seq) + R"(,"ts":")" + formatTimestampMs(atMs)
            + R"(","type":"inventory.level","data":{)" + merchantField + R"("sku":")" + sku
            + R"(","name":"Milk","unit":"box","qty":)" + std::to_string(qty) + extra + "}}";
        auto result = m_decoder.decode("BJ-CY-01/inventory.level", json);
        if (auto *event = std::get_if<Event>(&result))
            return *event;
        qFatal("rejected: %s", std::get<Rejected>(result).detail.c_str());
    }
    EventDecoder::Result raw(const std::string &data)
    {
        ++m_seq;
        return m_decoder.decode("BJ-CY-01/inventory.level",
                                R"({"v":1,"epoch":"e1","depot":"BJ-CY-01","id":"x)" + std::to_string(m_seq) + R"(","seq":)"
                                    + std::to_string(m_seq) + R"(,"ts":"2026-12-07T02:00:00.000Z","type":"inventory.level","data":)"
                                    + data + "}");
    }

private:
    EventDecoder m_decoder;
    int m_seq = 0;
};

} // namespace

class TestStockBook final : public QObject
{
    Q_OBJECT
private slots:
    // The example of docs/merchant.md, computed by hand:
    // 100 -> 90 -> 80 over two hours, a delivery to 150, then 140 an hour after the first
    // reading's third hour: 30 boxes in 3 h = 10/h; 140 boxes = 14 h of cover (above the
    // 12 h "low" line). Next slot 14:00 local, 4 h away: 140 - 40 = 100 left then; two
    // days' cover = 480, so order 380.
    void restockSuggestionMatchesHandComputedExample()
    {
        Feed feed;
        StockBook book;
        QVERIFY(book.apply(feed.level(kT0 - 3 * kHour, "M-1", "s1", 100, R"(,"reorder_point":15)")));
        QVERIFY(book.apply(feed.level(kT0 - 2 * kHour, "M-1", "s1", 90, R"(,"reorder_point":15)")));
        QVERIFY(book.apply(feed.level(kT0 - 1 * kHour, "M-1", "s1", 80, R"(,"reorder_point":15)")));
        QVERIFY(book.apply(feed.level(kT0 - kHour / 2, "M-1", "s1", 150, R"(,"reorder_point":15)")));
        QVERIFY(book.apply(feed.level(kT0, "M-1", "s1", 140, R"(,"reorder_point":15)")));
        const auto f = book.item(StockKey{"M-1", "BJ-CY-01", "s1"}, kT0);
        QVERIFY(f);
        QCOMPARE(f->level, 140.0);
        QCOMPARE(f->perHour, 10.0);
        QVERIFY(f->coverHours);
        QCOMPARE(*f->coverHours, 14.0);
        QCOMPARE(toString(f->state), std::string_view("ok"));
        QCOMPARE(f->nextSlotMs, kT0 + 4 * kHour);
        QCOMPARE(f->suggestQty, 380.0);
        QCOMPARE(f->name, std::string("Milk"));
    }

    void nextSlotWrapsToTomorrow()
    {
        StockSettings s;
        // 15:00 local: the next slot is 06:00 tomorrow, 15 h away.
        QCOMPARE(nextSlotMs(kT0 + 5 * kHour, s), kT0 + 20 * kHour);
        s.slotMinutesOfDay.clear();
        QCOMPARE(nextSlotMs(kT0, s), kT0);
    }

    // Drops older than the window no longer count; the sample just before it is the base.
    void consumptionWindowSlides()
    {
        Feed feed;
        StockBook book;
        book.apply(feed.level(kT0 - 10 * kHour, "M-1", "s1", 200));
        book.apply(feed.level(kT0 - 8 * kHour, "M-1", "s1", 100)); // outside the 6 h window
        book.apply(feed.level(kT0 - 1 * kHour, "M-1", "s1", 88));
        const auto f = book.item(StockKey{"M-1", "BJ-CY-01", "s1"}, kT0);
        QVERIFY(f);
        QCOMPARE(f->perHour, 2.0); // 12 over 6 h
        QCOMPARE(*f->coverHours, 44.0);
    }

    void statesLowAndOut()
    {
        Feed feed;
        StockBook book;
        book.apply(feed.level(kT0 - kHour, "M-1", "low-rp", 20, R"(,"reorder_point":15)"));
        book.apply(feed.level(kT0, "M-1", "low-rp", 12, R"(,"reorder_point":15)"));
        book.apply(feed.level(kT0 - kHour, "M-1", "low-cover", 100));
        book.apply(feed.level(kT0, "M-1", "low-cover", 90)); // 10/h: 9 h of cover < 12 h
        book.apply(feed.level(kT0, "M-1", "out", 0, R"(,"reorder_point":15)"));
        QCOMPARE(toString(book.item({"M-1", "BJ-CY-01", "low-rp"}, kT0)->state), std::string_view("low"));
        QCOMPARE(toString(book.item({"M-1", "BJ-CY-01", "low-cover"}, kT0)->state), std::string_view("low"));
        const auto out = book.item({"M-1", "BJ-CY-01", "out"}, kT0);
        QCOMPARE(toString(out->state), std::string_view("out"));
        QVERIFY(!out->coverHours);
        QCOMPARE(out->suggestQty, 16.0); // nothing consumed lately: back above the reorder point
    }

    // Another merchant's shelf never shows in a merchant's figures.
    void scopedToMerchant()
    {
        Feed feed;
        StockBook book;
        book.apply(feed.level(kT0, "M-1", "s1", 10));
        book.apply(feed.level(kT0, "M-2", "s1", 20));
        book.apply(feed.level(kT0, "M-2", "s2", 30));
        book.apply(feed.level(kT0, nullptr, "s3", 40)); // a gateway without the extension
        QCOMPARE(book.size(), std::size_t(4));
        const auto mine = book.figures(kT0, std::string("M-1"));
        QCOMPARE(mine.size(), std::size_t(1));
        QCOMPARE(mine[0].level, 10.0);
        for (const auto &f : book.figures(kT0, std::string("M-2")))
            QCOMPARE(f.key.merchant, std::string("M-2"));
        QCOMPARE(book.figures(kT0, std::nullopt).size(), std::size_t(4));
    }

    // Bad stock events never reach the book: the decoder rejects them with a reason.
    void badStockEventsRejectedWithReason_data()
    {
        QTest::addColumn<QString>("data");
        QTest::addColumn<int>("reason");
        QTest::addColumn<QString>("detail");
        const int value = int(RejectReason::BadValue);
        QTest::newRow("negative level") << R"({"sku":"s1","qty":-4})" << value << "data.qty";
        QTest::newRow("negative reorder point") << R"({"sku":"s1","qty":4,"reorder_point":-1})" << value << "data.reorder_point";
        QTest::newRow("merchant not text") << R"({"sku":"s1","qty":4,"merchant_id":12})" << int(RejectReason::WrongType)
                                           << "data.merchant_id";
        QTest::newRow("no sku") << R"({"qty":4})" << int(RejectReason::MissingField) << "data.sku";
        QTest::newRow("level as text") << R"({"sku":"s1","qty":"4"})" << int(RejectReason::WrongType) << "data.qty";
    }
    void badStockEventsRejectedWithReason()
    {
        QFETCH(QString, data);
        QFETCH(int, reason);
        QFETCH(QString, detail);
        Feed feed;
        const auto result = feed.raw(data.toStdString());
        const auto *rejected = std::get_if<Rejected>(&result);
        QVERIFY(rejected);
        QCOMPARE(int(rejected->reason), reason);
        QVERIFY2(QString::fromStdString(rejected->detail).contains(detail), rejected->detail.c_str());
    }

    void otherEventsIgnored()
    {
        StockBook book;
        Event e;
        e.kind = EventKind::OrderCreated;
        QVERIFY(!book.apply(e));
        e.kind = EventKind::InventoryLevel; // built by hand without a payload
        QVERIFY(!book.apply(e));
        QCOMPARE(book.size(), std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestStockBook)
#include "tst_stock_book.moc"
