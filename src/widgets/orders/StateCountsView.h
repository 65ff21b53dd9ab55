#pragma once

#include "widgets/WidgetsExport.h"

#include <QHash>
#include <QString>
#include <QWidget>

namespace opsdeck::widgets {

// Orders per state as horizontal bars, custom painted: one repaint per update, no
// child widgets to lay out at 30 updates a second.
class OPSDECK_WIDGETS_EXPORT StateCountsView final : public QWidget
{
    Q_OBJECT
public:
    explicit StateCountsView(QWidget *parent = nullptr);

    void setCounts(const QHash<QString, int> &counts);
    int count(const QString &state) const { return m_counts.value(state); }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QHash<QString, int> m_counts;
};

} // namespace opsdeck::widgets
