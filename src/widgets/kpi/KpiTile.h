#pragma once

#include "KpiFormat.h"
#include "widgets/WidgetsExport.h"

#include <QFont>
#include <QPixmap>
#include <QWidget>

namespace opsdeck::widgets {

// One KPI tile: caption, big value coloured by its target with a small secondary figure
// after it (what the value counts, e.g. "34 % utilised" after "55" riders: never one
// run of text that reads as one number), a trend line underneath and an accent bar on the
// left. Custom painted; clicking it emits clicked().
class OPSDECK_WIDGETS_EXPORT KpiTile final : public QWidget
{
    Q_OBJECT
public:
    explicit KpiTile(const QString &kpiId, const QString &caption, QWidget *parent = nullptr);

    QString kpiId() const { return m_kpiId; }
    QString caption() const { return m_caption; }
    QString valueText() const { return m_value; }
    QString trendText() const { return m_trend; }
    QString detailText() const { return m_detail; }
    KpiGrade grade() const { return m_grade; }

    // trend: +1 up, -1 down, 0 flat or unknown; `improving` colours the arrow.
    void setValue(const QString &value, KpiGrade grade, const QString &trend, int direction, bool improving);
    // The small figure after the value, with its label ("3 of 6 delivered").
    void setDetail(const QString &detail);
    // False: the grade colours the accent bar only (a count judged by another figure).
    void setGradeOnValue(bool on) { m_gradeOnValue = on; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void clicked(const QString &kpiId);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void enterEvent(QEnterEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    // The parts that change with hover, focus or grade only (card, border, accent bar,
    // caption), drawn once into a pixmap: a live tick repaints the texts over it.
    const QPixmap &card();

    QString m_kpiId;
    QString m_caption;
    QString m_value = QStringLiteral("—");
    QString m_trend;
    QString m_detail;
    KpiGrade m_grade = KpiGrade::Unknown;
    int m_direction = 0;
    bool m_improving = true;
    bool m_hover = false;
    bool m_gradeOnValue = true;
    // Resolved once: a live tile repaints every second.
    QFont m_captionFont;
    QFont m_valueFont;
    QFont m_trendFont;
    QFont m_detailFont;
    // What the cached card was drawn for.
    struct CardKey {
        QSize size;
        qreal dpr = 0;
        bool hover = false;
        bool focus = false;
        KpiGrade grade = KpiGrade::Unknown;
        QRgb window = 0;
        bool operator==(const CardKey &) const = default;
    };
    QPixmap m_card;
    CardKey m_cardKey;
};

} // namespace opsdeck::widgets
