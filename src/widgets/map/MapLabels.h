#pragma once

#include "widgets/WidgetsExport.h"

#include <QRectF>
#include <QString>

#include <initializer_list>
#include <vector>

namespace opsdeck::widgets {

// One label the map drew, where it drew it (widget pixels). Public so a test can check
// that no two placed labels overlap.
struct MapLabel {
    enum class Kind : quint8 { SelectedRider, AlertedRider, Depot, Rider };
    Kind kind = Kind::Rider;
    QString id;   // rider or depot id
    QString text;
    QRectF rect;  // the box the label's ink (and plate) stays in
};

// Greedy label placement: labels are offered in priority order (selected rider, alerted
// riders, depots, other riders), each takes the first of its candidate boxes that
// overlaps no box placed before it and no obstacle, and a label that fits nowhere is
// left out. Greedy is enough for a map whose labels change every second; the grid keeps
// a frame of 400 rider names at a few hundred rectangle tests.
class OPSDECK_WIDGETS_EXPORT LabelPlacer final
{
public:
    void reset(const QRectF &bounds);
    // A box no label may cover (the selected rider's marker and ring).
    void addObstacle(const QRectF &box);
    // Tries each candidate in turn; returns the index of the one taken, or -1.
    int place(MapLabel::Kind kind, const QString &id, const QString &text, std::initializer_list<QRectF> candidates);
    bool isFree(const QRectF &box) const;
    const std::vector<MapLabel> &labels() const { return m_labels; }

private:
    void insert(const QRectF &box);

    static constexpr double kCell = 64.0;
    QRectF m_bounds;
    int m_cols = 0;
    int m_rows = 0;
    std::vector<QRectF> m_boxes;                 // every label box and obstacle
    std::vector<std::vector<int>> m_cells;       // indices into m_boxes per grid cell
    std::vector<MapLabel> m_labels;
};

} // namespace opsdeck::widgets
