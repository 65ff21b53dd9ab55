// What a card says and paints (OrderCardDelegate): the SLA and age texts at their
// boundaries, the SLA levels' rule (docs/board.md), and real paintings of cards compared
// pixel by pixel: the left SLA strip in the level's colour, the SLA text in the same
// colour, the channel glyph's colour per channel, the rider (or "no rider") on line 2 and
// the exception reason (or the last action's refusal) on line 3.
#include "BoardFixtures.h"
#include "CardPainting.h"
#include "widgets/board/BoardFilter.h"
#include "widgets/board/BoardModel.h"
#include "widgets/board/OrderCardDelegate.h"

#include <QApplication>
#include <QImage>
#include <QtTest>

using namespace opsdeck;
using boardtest::countColour;
using boardtest::kNow;
using boardtest::nearColour;
using boardtest::order;
using widgets::BoardModel;
using widgets::OrderCardDelegate;
using widgets::SlaLevel;

namespace {

constexpr qint64 kMinute = 60'000;

// The palette of docs/board.md: a changed colour is a changed contract.
const QColor kGreen(0x2e, 0x9d, 0x5b), kAmber(0xe0, 0x9b, 0x16), kRed(0xd6, 0x3b, 0x3b), kGrey(0xa0, 0xa7, 0xb0);
const QColor kReasonBrown(0xb0, 0x4a, 0x2f);

// The card's lines as OrderCardDelegate lays them out in a card of kCardHeight (rows of
// the image): line 1 id and badges, line 2 merchant · rider, line 3 customer and reason,
// line 4 promise and SLA. The glyph is the channel's square left of the id.
constexpr int kLine2Top = 25, kLine3Top = 42, kLine4Top = 59, kLineHeight = 17;
const QRect kGlyph(16, 10, 13, 13);

QImage paintCard(const sdk::OrderRow &o, BoardModel::Mark mark = BoardModel::Mark::None, const QString &markText = {},
                 int width = 320)
{
    BoardModel model;
    model.setClock([] { return kNow; });
    model.reset({o});
    if (mark != BoardModel::Mark::None)
        model.setMark(o.orderId, mark, markText);
    model.flush();
    OrderCardDelegate delegate(&model);
    return boardtest::paintFirstCard(model, delegate, o.state, width);
}

// Rows of the image where the two paintings differ, as [first, last]; {-1, -1} if none.
QPair<int, int> differingRows(const QImage &a, const QImage &b)
{
    int first = -1, last = -1;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            if (a.pixel(x, y) != b.pixel(x, y)) {
                if (first < 0)
                    first = y;
                last = y;
                break;
            }
    return {first, last};
}

QRect band(int top) { return QRect(30, top, 290, kLineHeight); } // right of the SLA strip

} // namespace

class TestBoardCards final : public QObject
{
    Q_OBJECT
private slots:
    void slaTextAtItsBoundaries()
    {
        const qint64 promised = kNow;
        QCOMPARE(OrderCardDelegate::slaText(0, kNow), QString()); // no promise, no text
        QCOMPARE(OrderCardDelegate::slaText(promised, promised), QStringLiteral("0 min left")); // due now: not late yet
        QCOMPARE(OrderCardDelegate::slaText(promised, promised - 12 * kMinute), QStringLiteral("12 min left"));
        // Minutes left are whole minutes still left (never promise more than there is).
        QCOMPARE(OrderCardDelegate::slaText(promised, promised - 13 * kMinute + 1), QStringLiteral("12 min left"));
        QCOMPARE(OrderCardDelegate::slaText(promised, promised - 13 * kMinute), QStringLiteral("13 min left"));
        // Late is rounded up: one millisecond late is "1 min late", not "0 min late".
        QCOMPARE(OrderCardDelegate::slaText(promised, promised + 1), QStringLiteral("1 min late"));
        QCOMPARE(OrderCardDelegate::slaText(promised, promised + kMinute), QStringLiteral("1 min late"));
        QCOMPARE(OrderCardDelegate::slaText(promised, promised + kMinute + 1), QStringLiteral("2 min late"));
        QCOMPARE(OrderCardDelegate::slaText(promised, promised + 6 * kMinute + 1), QStringLiteral("7 min late"));
        QCOMPARE(OrderCardDelegate::slaText(promised, promised + 7 * kMinute), QStringLiteral("7 min late"));
        QCOMPARE(OrderCardDelegate::slaText(promised, promised + 95 * kMinute), QStringLiteral("95 min late"));
    }

    void ageTextAtItsBoundaries()
    {
        QCOMPARE(OrderCardDelegate::ageText(0), QStringLiteral("0m"));
        QCOMPARE(OrderCardDelegate::ageText(kMinute - 1), QStringLiteral("0m"));
        QCOMPARE(OrderCardDelegate::ageText(kMinute), QStringLiteral("1m"));
        QCOMPARE(OrderCardDelegate::ageText(60 * kMinute - 1), QStringLiteral("59m"));
        QCOMPARE(OrderCardDelegate::ageText(60 * kMinute), QStringLiteral("1h00m"));
        QCOMPARE(OrderCardDelegate::ageText(65 * kMinute), QStringLiteral("1h05m"));
        QCOMPARE(OrderCardDelegate::ageText(48 * 60 * kMinute - 1), QStringLiteral("47h59m"));
        QCOMPARE(OrderCardDelegate::ageText(48 * 60 * kMinute), QStringLiteral("2d"));
        QCOMPARE(OrderCardDelegate::ageText(73 * 60 * kMinute), QStringLiteral("3d"));
    }

    // docs/board.md: on time while now <= promised - 10 min, at risk until the promise,
    // late after it; no level for final states or orders without a promise.
    void slaLevelFollowsTheDocumentedRule()
    {
        auto o = order(1, "DELIVERING");
        o.promisedAtMs = kNow;
        QCOMPARE(widgets::slaLevel(o, kNow - 30 * kMinute), SlaLevel::OnTime);
        QCOMPARE(widgets::slaLevel(o, kNow - 10 * kMinute), SlaLevel::OnTime); // exactly 10 min left
        QCOMPARE(widgets::slaLevel(o, kNow - 10 * kMinute + 1), SlaLevel::AtRisk);
        QCOMPARE(widgets::slaLevel(o, kNow), SlaLevel::AtRisk);
        QCOMPARE(widgets::slaLevel(o, kNow + 1), SlaLevel::Late);
        o.state = QStringLiteral("SIGNED");
        QCOMPARE(widgets::slaLevel(o, kNow + 60 * kMinute), SlaLevel::None);
        o.state = QStringLiteral("PAID");
        o.promisedAtMs = 0;
        QCOMPARE(widgets::slaLevel(o, kNow), SlaLevel::None);
    }

    void slaStripAndTextInTheLevelsColour_data()
    {
        QTest::addColumn<QString>("state");
        QTest::addColumn<qint64>("promisedAt");
        QTest::addColumn<QColor>("colour");
        QTest::addColumn<QString>("text");
        QTest::newRow("on time") << "DELIVERING" << kNow + 30 * kMinute << kGreen << "30 min left";
        QTest::newRow("at risk") << "DELIVERING" << kNow + 5 * kMinute << kAmber << "5 min left";
        QTest::newRow("late") << "DELIVERING" << kNow - 7 * kMinute << kRed << "7 min late";
        QTest::newRow("final: no ramp") << "SIGNED" << kNow - 7 * kMinute << kGrey << "";
    }

    void slaStripAndTextInTheLevelsColour()
    {
        QFETCH(QString, state);
        QFETCH(qint64, promisedAt);
        QFETCH(QColor, colour);
        QFETCH(QString, text);
        auto o = order(1, state);
        o.promisedAtMs = promisedAt;
        if (!text.isEmpty())
            QCOMPARE(OrderCardDelegate::slaText(promisedAt, kNow), text);
        const QImage card = paintCard(o);
        // The strip: 4 px at the card's left edge, the whole card high.
        for (int y = 12; y < OrderCardDelegate::kCardHeight - 12; y += 6)
            QVERIFY2(nearColour(card.pixelColor(6, y), colour),
                     qPrintable(QStringLiteral("y %1: %2").arg(y).arg(card.pixelColor(6, y).name())));
        // The SLA text on line 4 is in the strip's colour; the other levels' colours are not there.
        const int inText = countColour(card, band(kLine4Top), colour);
        if (text.isEmpty()) {
            for (const QColor &c : {kGreen, kAmber, kRed})
                QCOMPARE(countColour(card, band(kLine4Top), c), 0);
        } else {
            QVERIFY2(inText >= 8, qPrintable(QString::number(inText)));
            for (const QColor &c : {kGreen, kAmber, kRed})
                if (c != colour)
                    QCOMPARE(countColour(card, band(kLine4Top), c), 0);
        }
    }

    void channelGlyphColourPerChannel_data()
    {
        QTest::addColumn<QString>("channel");
        QTest::addColumn<QColor>("colour");
        QTest::newRow("fresh") << "fresh" << QColor(0x3a, 0xa8, 0x5f);
        QTest::newRow("campus") << "campus" << QColor(0x3b, 0x7d, 0xd8);
        QTest::newRow("errand") << "errand" << QColor(0xe0, 0x7b, 0x2c);
        QTest::newRow("unknown") << "drone" << QColor(0x7a, 0x84, 0x90);
    }

    void channelGlyphColourPerChannel()
    {
        QFETCH(QString, channel);
        QFETCH(QColor, colour);
        const QList<QColor> all{QColor(0x3a, 0xa8, 0x5f), QColor(0x3b, 0x7d, 0xd8), QColor(0xe0, 0x7b, 0x2c),
                                QColor(0x7a, 0x84, 0x90)};
        auto o = order(1, "PAID");
        o.channel = channel;
        const QImage card = paintCard(o);
        // Most of the 13 x 13 square is its colour (the white letter takes the rest).
        const int own = countColour(card, kGlyph, colour);
        QVERIFY2(own > 80, qPrintable(QString::number(own)));
        for (const QColor &other : all)
            if (other != colour)
                QCOMPARE(countColour(card, kGlyph, other), 0);
    }

    // Line 2 names the rider, or says "no rider": an order without one paints exactly
    // as if its rider were called "no rider", and a real rider changes line 2 only.
    void riderOrNoRiderOnLineTwo()
    {
        auto none = order(1, "PICKING");
        none.riderId.clear();
        auto literal = none;
        literal.riderId = QStringLiteral("no rider");
        auto rider = none;
        rider.riderId = QStringLiteral("r-7");
        const QImage withoutRider = paintCard(none);
        QCOMPARE(withoutRider, paintCard(literal));
        const auto rows = differingRows(withoutRider, paintCard(rider));
        QVERIFY2(rows.first >= kLine2Top && rows.second < kLine3Top && rows.first >= 0,
                 qPrintable(QStringLiteral("%1..%2").arg(rows.first).arg(rows.second)));
    }

    // Line 3 shows the exception reason (brown), or why the last action failed (red)
    // instead; a card without either has neither colour there.
    void exceptionReasonAndRefusalOnLineThree()
    {
        auto plain = order(1, "EXCEPTION");
        plain.riderId = QStringLiteral("r-3");
        auto reason = plain;
        reason.lastReason = QStringLiteral("traffic_accident");
        const QImage without = paintCard(plain);
        const QImage with = paintCard(reason);
        const auto rows = differingRows(without, with);
        QVERIFY2(rows.first >= kLine3Top && rows.second < kLine4Top,
                 qPrintable(QStringLiteral("%1..%2").arg(rows.first).arg(rows.second)));
        QCOMPARE(countColour(without, band(kLine3Top), kReasonBrown), 0);
        QVERIFY(countColour(with, band(kLine3Top), kReasonBrown) >= 8);

        const QImage refused = paintCard(reason, BoardModel::Mark::Refused, QStringLiteral("illegal_transition"));
        QCOMPARE(countColour(refused, band(kLine3Top), kReasonBrown), 0); // the refusal replaces the reason
        QVERIFY(countColour(refused, band(kLine3Top), kRed) >= 8);
    }

    // A crowded card in a real column (236 px): an unconfirmed action and every flag. The
    // order id keeps its room (no badge paints over it), the flags shrink to glyphs; on a
    // wider card they are words.
    void crowdedCardKeepsRoomForTheId()
    {
        auto crowded = order(7, "HELD");
        crowded.lastReason = QStringLiteral("suspicious_burst");
        crowded.priority = 2;
        crowded.hasCustomerNote = true;
        const QImage narrow = paintCard(crowded, BoardModel::Mark::Unconfirmed, {}, 236);
        const QImage wide = paintCard(crowded, BoardModel::Mark::None, {}, 480);
        const auto flags = OrderCardDelegate::flags(crowded);
        QCOMPARE(flags.size(), 3);
        // Card content starts at x = 4 + 12; the id owns 18 + kMinIdWidth px from there.
        const QRect idRoom(20, 0, 16 + 18 + OrderCardDelegate::kMinIdWidth - 20, kLine2Top);
        const QColor amber(0xe0, 0x9b, 0x16); // the unconfirmed badge
        const QRect line1(20, 0, 480, kLine2Top);
        QCOMPARE(countColour(narrow, idRoom, amber), 0);
        for (const auto &flag : flags) {
            QCOMPARE(countColour(narrow, idRoom, flag.colour), 0);
            const int small = countColour(narrow, line1, flag.colour);
            const int full = countColour(wide, line1, flag.colour);
            QVERIFY2(small > 0, qPrintable(flag.text)); // still shown, as a glyph
            QVERIFY2(full > small, qPrintable(QStringLiteral("%1: %2 vs %3").arg(flag.text).arg(full).arg(small)));
        }
        QVERIFY(countColour(narrow, line1, amber) > 40); // the action's state comes first
    }

    // Issue 14: a crowded card at the default column width (236 px) shows the whole order
    // id; the badges give
    // way (glyphs, then dropped into the tooltip), never the id.
    void crowdedCardShowsTheWholeIdAtTheDefaultWidth()
    {
        auto crowded = order(7, "HELD");
        crowded.orderId = QStringLiteral("DD2612074832000059"); // as the simulator writes them
        crowded.lastReason = QStringLiteral("suspicious_burst");
        crowded.priority = 2;
        crowded.hasCustomerNote = true;
        for (const BoardModel::Mark mark : {BoardModel::Mark::None, BoardModel::Mark::Pending,
                                            BoardModel::Mark::Unconfirmed, BoardModel::Mark::Refused}) {
            BoardModel::Card card;
            card.row = crowded;
            card.mark = mark;
            const OrderCardDelegate::IdLine line = OrderCardDelegate::layoutIdLine(bold(), small(), kIdRoom, card, kNow);
            QCOMPARE(line.id, crowded.orderId);
            qreal used = QFontMetricsF(line.font).horizontalAdvance(line.id);
            for (const OrderCardDelegate::Badge &badge : line.badges)
                used += QFontMetricsF(small()).horizontalAdvance(badge.text) + 6 + 4;
            QVERIFY2(used <= kIdRoom, qPrintable(QString::number(used)));
        }
        // With room, the mark and the flags are words again.
        BoardModel::Card card;
        card.row = crowded;
        card.mark = BoardModel::Mark::Pending;
        const OrderCardDelegate::IdLine wide = OrderCardDelegate::layoutIdLine(bold(), small(), 480, card, kNow);
        QCOMPARE(wide.badges.size(), 4);
        QCOMPARE(wide.badges.first().text, OrderCardDelegate::tr("pending"));
    }

    // Issue 14 at 1920x1080: twelve columns leave a card ~110 px for its id; the id's
    // font gives way (smaller, then narrower) and the whole id is drawn, never elided.
    void narrowColumnsShrinkTheIdNotCutIt()
    {
        const QString id = QStringLiteral("DD2612074832000059");
        QVERIFY(QFontMetricsF(bold()).horizontalAdvance(id) > 110); // does not fit as it is
        for (qreal room = 100; room <= 170; room += 10) {
            BoardModel::Card card;
            card.row = order(7, "PAID");
            card.row.orderId = id;
            const OrderCardDelegate::IdLine line = OrderCardDelegate::layoutIdLine(bold(), small(), room, card, kNow);
            QCOMPARE(line.id, id);
            QVERIFY2(QFontMetricsF(line.font).horizontalAdvance(line.id) <= room, qPrintable(QString::number(room)));
            QVERIFY(line.font.pixelSize() >= 8);
        }
        // With room, the card's own bold.
        BoardModel::Card card;
        card.row = order(7, "PAID");
        card.row.orderId = id;
        QCOMPARE(OrderCardDelegate::layoutIdLine(bold(), small(), 400, card, kNow).font.pixelSize(), 12);
    }

    // The time left is never cut ("29 min l"): the promised time gives way first.
    void narrowCardsKeepTheTimeLeft()
    {
        const QString sla = OrderCardDelegate::slaText(kNow + 29 * 60000, kNow);
        const qreal slaWidth = QFontMetricsF(small()).horizontalAdvance(sla) + 8;
        QCOMPARE(OrderCardDelegate::promisedText(small(), small(), 400, QStringLiteral("11:23"), sla),
                 OrderCardDelegate::tr("due %1").arg(QStringLiteral("11:23")));
        for (qreal width = slaWidth; width < 200; width += 5) {
            const QString promised = OrderCardDelegate::promisedText(small(), small(), width, QStringLiteral("11:23"), sla);
            QVERIFY2(QFontMetricsF(small()).horizontalAdvance(promised) + slaWidth <= width + 0.01,
                     qPrintable(QString::number(width)));
        }
        QVERIFY(OrderCardDelegate::promisedText(small(), small(), slaWidth + 1, QStringLiteral("11:23"), sla).isEmpty());
    }

    // In the customer-service view the phone's last four digits are what the agent
    // searched by: a long name gives way, then the reason; the phone is whole.
    void customerLineKeepsTheWholePhone()
    {
        const QString phone = QStringLiteral("138****5678");
        for (const QString &name : {QStringLiteral("欧阳娜娜娜娜娜娜"), QStringLiteral("Alexandra Konstantinopoulou")}) {
            const auto line = OrderCardDelegate::layoutCustomerLine(base(), small(), kIdRoom + 18, name, phone,
                                                                    QStringLiteral("traffic_accident"));
            QVERIFY2(line.customer.endsWith(phone), qPrintable(line.customer));
            QVERIFY(QFontMetricsF(base()).horizontalAdvance(line.customer) <= line.customerWidth + 1);
            QVERIFY(line.customerWidth + 8 <= kIdRoom + 18);
        }
        const auto plain = OrderCardDelegate::layoutCustomerLine(base(), small(), kIdRoom + 18, QStringLiteral("张*"),
                                                                 phone, {});
        QCOMPARE(plain.customer, QStringLiteral("张*  138****5678"));
        // Without a reason beside it the whole line is the customer's: an unmasked name
        // and a whole number both fit.
        const auto unmasked = OrderCardDelegate::layoutCustomerLine(base(), small(), kIdRoom + 18, QStringLiteral("韩梅梅"),
                                                                    QStringLiteral("19997575876"), {});
        QCOMPARE(unmasked.customer, QStringLiteral("韩梅梅  19997575876"));
    }

private:
    // A column of BoardColumnView::kWidth (236) with its scroll bar: a 213 px viewport, a
    // 205 px card, its id line 166 px right of the channel glyph.
    static constexpr qreal kIdRoom = 166;
    static QFont base()
    {
        QFont f = QApplication::font();
        f.setPixelSize(12);
        return f;
    }
    static QFont bold()
    {
        QFont f = base();
        f.setBold(true);
        return f;
    }
    static QFont small()
    {
        QFont f = base();
        f.setPixelSize(11);
        return f;
    }
};

QTEST_MAIN(TestBoardCards)
#include "tst_board_cards.moc"
