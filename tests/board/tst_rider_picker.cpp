// Picking a rider for an order (issue 14): the Ctrl+E picker and the board's riders list
// as a drop target, on a small city whose roads make the rider nearest as the crow flies
// the farthest along them. The order's depot comes first, then the nearest along the
// roads to the pickup; each row says name, status and load (active orders); nothing is
// chosen on open; one Enter picks the highlighted rider, Esc cancels. Dragging a card
// shows a small label held off above the pointer, and the rider row under it is filled.
#include "BoardFixtures.h"
#include "BoardUiHelpers.h"
#include "widgets/board/BoardColumnModel.h"
#include "widgets/board/BoardModel.h"
#include "widgets/board/CardListView.h"
#include "widgets/board/OrderKanbanBoard.h"
#include "widgets/board/RiderDropList.h"
#include "widgets/board/RiderDropModel.h"
#include "widgets/board/RiderPickerDialog.h"
#include "widgets/board/RiderRanking.h"
#include "widgets/map/CityBaseMap.h"

#include <QAbstractItemModelTester>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QListView>
#include <QMimeData>
#include <QPushButton>
#include <QTableView>
#include <QtTest>

#include <memory>

using namespace opsdeck;
using widgets::RiderDropModel;

namespace {

// A U of roads: from the depot (D1, where merchant M-1 is) east 1.7 km, north 1.1 km, and
// back west. A rider at the top-left corner is 1.1 km from the pickup as the crow flies
// but 4.5 km along the roads; one on the bottom road 1.3 km away is 1.3 km by road.
QByteArray uCity()
{
    return R"({"type":"FeatureCollection","features":[
 {"type":"Feature","geometry":{"type":"LineString","coordinates":[[116.400,39.900],[116.420,39.900]]},
  "properties":{"kind":"road","class":"street","name":"South St"}},
 {"type":"Feature","geometry":{"type":"LineString","coordinates":[[116.420,39.900],[116.420,39.910]]},
  "properties":{"kind":"road","class":"street","name":"East St"}},
 {"type":"Feature","geometry":{"type":"LineString","coordinates":[[116.420,39.910],[116.400,39.910]]},
  "properties":{"kind":"road","class":"street","name":"North St"}},
 {"type":"Feature","geometry":{"type":"Point","coordinates":[116.400,39.900]},
  "properties":{"kind":"depot","id":"D1","name":"Depot one"}},
 {"type":"Feature","geometry":{"type":"Point","coordinates":[116.420,39.910]},
  "properties":{"kind":"depot","id":"D2","name":"Depot two"}},
 {"type":"Feature","geometry":{"type":"Point","coordinates":[116.400,39.900]},
  "properties":{"kind":"merchant","id":"M-1","name":"Shop","channel":"fresh","depot":"D1"}}
]})";
}

sdk::RiderRow rider(const char *id, const char *name, const char *depot, const char *status, double lat, double lng)
{
    sdk::RiderRow r;
    r.riderId = QString::fromLatin1(id);
    r.name = QString::fromUtf8(name);
    r.depot = QString::fromLatin1(depot);
    r.status = QString::fromLatin1(status);
    r.lat = lat;
    r.lng = lng;
    return r;
}

sdk::OrderRow orderFor(int n, const char *state, const char *riderId)
{
    sdk::OrderRow o = boardtest::order(n, QString::fromLatin1(state));
    o.depot = QStringLiteral("D1");
    o.merchantId = QStringLiteral("M-1");
    o.riderId = QString::fromLatin1(riderId);
    return o;
}

} // namespace

class TestRiderPicker final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        m_city = widgets::CityBaseMap::fromGeoJson(uCity());
        QVERIFY(m_city);
        m_riders.setCity(m_city);
        // First seen: another depot's rider nearest of all, then the crow's nearest.
        m_riders.update({rider("r-c", "Chen", "D2", "idle", 39.900, 116.405),
                         rider("r-a", "An", "D1", "delivering", 39.910, 116.400),
                         rider("r-e", "Er", "D1", "offline", 39.900, 116.401),
                         rider("r-b", "Bao", "D1", "idle", 39.900, 116.415),
                         rider("r-f", "Fang", "D1", "idle", 0.0, 0.0)}); // no fix yet
        m_board.setClock([] { return boardtest::kNow; });
        m_order = orderFor(1, "CREATED", "");
        m_board.reset({m_order, orderFor(2, "DELIVERING", "r-b"), orderFor(3, "PICKING", "r-b"),
                       orderFor(4, "DELIVERING", "r-a"), orderFor(5, "SIGNED", "r-a")});
        m_board.flush();
        m_riders.aimAt(m_order, widgets::activeLoads(m_board));
    }

    // Rows of the picker: D1's working riders, nearest along the roads first (Bao 1.3 km
    // by road before An, the crow's nearest, 4.5 km), Fang without a fix after them, then
    // D2's Chen though she is the nearest of all; Er is offline and not offered.
    void pickerRanksTheDepotsRidersByRoadWithNameStatusAndLoad()
    {
        widgets::RiderPickerDialog picker(&m_riders, m_order, 1);
        QAbstractItemModelTester tester(picker.table()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(rows(picker.table()->model()),
                 (QStringList{"Bao (r-b)|idle|2|1.3 km", "An (r-a)|delivering|1|4.5 km", "Fang (r-f)|idle|0|—",
                              "Chen (r-c)|idle|0|430 m"}));
        const QAbstractItemModel *model = picker.table()->model();
        QCOMPARE(model->headerData(RiderDropModel::StatusColumn, Qt::Horizontal).toString(), QStringLiteral("Status"));
        QCOMPARE(model->headerData(RiderDropModel::LoadColumn, Qt::Horizontal).toString(), QStringLiteral("Load"));
    }

    void nothingIsChosenOnOpenAndEnterThenDoesNothing()
    {
        widgets::RiderPickerDialog picker(&m_riders, m_order, 1);
        picker.show();
        QVERIFY(QTest::qWaitForWindowActive(&picker));
        QVERIFY(picker.table()->selectionModel()->selectedRows().isEmpty());
        QVERIFY(picker.riderId().isEmpty());
        QVERIFY(!okButton(picker)->isEnabled());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QVERIFY(picker.isVisible());
        QCOMPARE(picker.result(), int(QDialog::Rejected));
    }

    // Type, Enter: the first match is highlighted as one types and one Enter takes it.
    void oneEnterPicksTheFirstMatchAfterTyping()
    {
        widgets::RiderPickerDialog picker(&m_riders, m_order, 1);
        picker.show();
        QVERIFY(QTest::qWaitForWindowActive(&picker));
        auto *search = picker.findChild<QLineEdit *>(QStringLiteral("searchEdit"));
        QCOMPARE(QApplication::focusWidget(), search);
        QTest::keyClicks(search, QStringLiteral("an")); // An, Fang (Bao does not contain "an")
        QCOMPARE(rows(picker.table()->model()).size(), 2);
        QCOMPARE(picker.riderId(), QStringLiteral("r-a"));
        QTest::keyClick(search, Qt::Key_Return);
        QVERIFY(!picker.isVisible());
        QCOMPARE(picker.result(), int(QDialog::Accepted));
        QCOMPARE(picker.riderId(), QStringLiteral("r-a"));
    }

    void arrowDownThenEnterPicksTheNearest()
    {
        widgets::RiderPickerDialog picker(&m_riders, m_order, 1);
        picker.show();
        QVERIFY(QTest::qWaitForWindowActive(&picker));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Down);
        QCOMPARE(picker.riderId(), QStringLiteral("r-b"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QCOMPARE(picker.result(), int(QDialog::Accepted));
        QCOMPARE(picker.riderId(), QStringLiteral("r-b"));
    }

    void doubleClickPicksEscCancels()
    {
        {
            widgets::RiderPickerDialog picker(&m_riders, m_order, 1);
            picker.show();
            QVERIFY(QTest::qWaitForWindowActive(&picker));
            QTableView *table = picker.table();
            const QRect row = table->visualRect(table->model()->index(1, 0));
            QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, row.center());
            QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, row.center());
            QCOMPARE(picker.result(), int(QDialog::Accepted));
            QCOMPARE(picker.riderId(), QStringLiteral("r-a"));
        }
        widgets::RiderPickerDialog picker(&m_riders, m_order, 1);
        picker.show();
        QVERIFY(QTest::qWaitForWindowActive(&picker));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Down);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QVERIFY(!picker.isVisible());
        QCOMPARE(picker.result(), int(QDialog::Rejected));
    }

    // The board's riders list ranks riders the same way (offline ones greyed at the end
    // of their depot) and is searchable from its own box.
    void ridersListIsRankedAndSearchable()
    {
        widgets::OrderKanbanBoard board(&m_board, &m_riders, nullptr, QStringLiteral("disp1"));
        auto *list = board.findChild<QListView *>(QStringLiteral("ridersView"));
        QVERIFY(list);
        QAbstractItemModelTester tester(list->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(ids(list->model()), (QStringList{"r-b", "r-a", "r-f", "r-e", "r-c"}));
        const QString detail = widgets::RiderRowDelegate::detailText(list->model()->index(0, 0));
        QVERIFY2(detail.startsWith(QStringLiteral("idle · 2 order")) && detail.endsWith(QStringLiteral(" · 1.3 km")),
                 qPrintable(detail));
        auto *search = board.findChild<QLineEdit *>(QStringLiteral("ridersSearchEdit"));
        QVERIFY(search);
        search->setText(QStringLiteral("R-C"));
        QCOMPARE(ids(list->model()), QStringList{"r-c"});
        search->clear();
        QCOMPARE(list->model()->rowCount(), 5);
    }

    // A drag entering the list ranks the riders for the dragged order and fills the row
    // under the pointer; leaving clears it.
    void dropTargetRowIsHighlighted()
    {
        widgets::BoardModel other;
        RiderDropModel riders;
        riders.setCity(m_city);
        riders.update({rider("r-0c", "Chen", "D2", "idle", 39.900, 116.405),
                       rider("r-b", "Bao", "D1", "idle", 39.900, 116.415)});
        other.reset({m_order});
        other.flush();
        widgets::OrderKanbanBoard board(&other, &riders, nullptr, QStringLiteral("disp1"));
        board.resize(1600, 600);
        board.show();
        QVERIFY(QTest::qWaitForWindowExposed(&board));
        auto *list = board.findChild<QListView *>(QStringLiteral("ridersView"));
        auto *delegate = board.findChild<widgets::RiderRowDelegate *>();
        QVERIFY(list && delegate);
        QCOMPARE(ids(list->model()), (QStringList{"r-0c", "r-b"})); // no order aimed at yet: by id
        widgets::BoardColumnModel created(&other, QStringLiteral("CREATED"));
        std::unique_ptr<QMimeData> mime(created.mimeData({created.index(0)}));
        const QPoint at = list->visualRect(list->model()->index(0, 0)).center();
        QDragEnterEvent enter(at, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
        QApplication::sendEvent(list->viewport(), &enter);
        QCOMPARE(riders.targetOrder(), m_order.orderId);
        QCOMPARE(ids(list->model()), (QStringList{"r-b", "r-0c"})); // D1's Bao first, though farther
        QDragMoveEvent move(at, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
        QApplication::sendEvent(list->viewport(), &move);
        QVERIFY(move.isAccepted()); // a drop there would land
        QCOMPARE(QModelIndex(delegate->dropRow()), list->model()->index(0, 0));
        const QImage image = list->viewport()->grab().toImage();
        QCOMPARE(image.pixelColor(QPoint(at.x(), list->visualRect(list->model()->index(0, 0)).top() + 4)),
                 QColor(0xd6, 0xe6, 0xfb));
        QDragLeaveEvent leave;
        QApplication::sendEvent(list->viewport(), &leave);
        QVERIFY(!delegate->dropRow().isValid());
    }

    // The drag label is small and lies wholly above the pointer, clear of the row aimed at.
    void dragLabelLeavesTheAimedRowInSight()
    {
        const auto image = widgets::CardListView::dragImage({QStringLiteral("DD26120700059"), QStringLiteral("x")},
                                                           QApplication::font());
        const QRect label(-image.hotSpot, image.pixmap.size()); // relative to the pointer
        const int half = widgets::RiderRowDelegate::kRowHeight / 2;
        const QRect aimedRow(-400, -half, 800, 2 * half);
        QVERIFY2(!label.intersects(aimedRow), qPrintable(QStringLiteral("label %1,%2 %3x%4")
                                                             .arg(label.x()).arg(label.y())
                                                             .arg(label.width()).arg(label.height())));
        QVERIFY(image.pixmap.height() <= 32);
        QVERIFY(image.pixmap.width() <= 200);
    }

private:
    static QStringList rows(const QAbstractItemModel *model)
    {
        QStringList out;
        for (int r = 0; r < model->rowCount(); ++r) {
            QStringList cells;
            for (int c = 0; c < RiderDropModel::ColumnCount; ++c)
                cells << model->index(r, c).data().toString();
            out << cells.join(QLatin1Char('|'));
        }
        return out;
    }
    static QStringList ids(const QAbstractItemModel *model)
    {
        QStringList out;
        for (int r = 0; r < model->rowCount(); ++r)
            out << model->index(r, 0).data(RiderDropModel::RiderIdRole).toString();
        return out;
    }
    static QPushButton *okButton(const QDialog &dialog)
    {
        return dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    }

    std::shared_ptr<const widgets::CityBaseMap> m_city;
    RiderDropModel m_riders;
    widgets::BoardModel m_board;
    sdk::OrderRow m_order;
};

QTEST_MAIN(TestRiderPicker)
#include "tst_rider_picker.moc"
