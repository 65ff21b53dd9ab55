#include "MapLabels.h"

#include <algorithm>
#include <cmath>

namespace opsdeck::widgets {

void LabelPlacer::reset(const QRectF &bounds)
{
    m_bounds = bounds;
    m_cols = std::max(1, static_cast<int>(std::ceil(bounds.width() / kCell)));
    m_rows = std::max(1, static_cast<int>(std::ceil(bounds.height() / kCell)));
    m_boxes.clear();
    m_labels.clear();
    // Keep the cells' buffers between frames: a frame then allocates nothing.
    m_cells.resize(static_cast<std::size_t>(m_cols) * static_cast<std::size_t>(m_rows));
    for (auto &c : m_cells)
        c.clear();
}

void LabelPlacer::addObstacle(const QRectF &box)
{
    insert(box);
}

bool LabelPlacer::isFree(const QRectF &box) const
{
    // A label reaching out of the view is cut off: it does not count as placed.
    if (!m_bounds.contains(box))
        return false;
    const int x0 = std::clamp(static_cast<int>((box.left() - m_bounds.left()) / kCell), 0, m_cols - 1);
    const int x1 = std::clamp(static_cast<int>((box.right() - m_bounds.left()) / kCell), 0, m_cols - 1);
    const int y0 = std::clamp(static_cast<int>((box.top() - m_bounds.top()) / kCell), 0, m_rows - 1);
    const int y1 = std::clamp(static_cast<int>((box.bottom() - m_bounds.top()) / kCell), 0, m_rows - 1);
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x)
            for (int k : m_cells[static_cast<std::size_t>(y * m_cols + x)])
                if (m_boxes[static_cast<std::size_t>(k)].intersects(box))
                    return false;
    return true;
}

void LabelPlacer::insert(const QRectF &box)
{
    const int k = static_cast<int>(m_boxes.size());
    m_boxes.push_back(box);
    const int x0 = std::clamp(static_cast<int>(std::floor((box.left() - m_bounds.left()) / kCell)), 0, m_cols - 1);
    const int x1 = std::clamp(static_cast<int>(std::floor((box.right() - m_bounds.left()) / kCell)), 0, m_cols - 1);
    const int y0 = std::clamp(static_cast<int>(std::floor((box.top() - m_bounds.top()) / kCell)), 0, m_rows - 1);
    const int y1 = std::clamp(static_cast<int>(std::floor((box.bottom() - m_bounds.top()) / kCell)), 0, m_rows - 1);
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x)
            m_cells[static_cast<std::size_t>(y * m_cols + x)].push_back(k);
}

int LabelPlacer::place(MapLabel::Kind kind, const QString &id, const QString &text, std::initializer_list<QRectF> candidates)
{
    int index = 0;
    for (const QRectF &box : candidates) {
        if (isFree(box)) {
            insert(box);
            m_labels.push_back({kind, id, text, box});
            return index;
        }
        ++index;
    }
    return -1;
}

} // namespace opsdeck::widgets
