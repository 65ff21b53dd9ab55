#include "BoardColumnView.h"

#include "BoardColumnModel.h"
#include "CardListView.h"
#include "OrderCardDelegate.h"
#include "widgets/common/OrderStateStyle.h"
#include "widgets/common/ThemeColors.h"

#include <QHBoxLayout>
#include <QEvent>
#include <QLabel>
#include <QPainter>
#include <QListView>
#include <QScrollBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace opsdeck::widgets {

BoardColumnView::BoardColumnView(BoardColumnModel *model, OrderCardDelegate *delegate, const QString &title,
                                 bool collapsible, QWidget *parent)
    : QFrame(parent), m_model(model), m_title(title), m_header(new QLabel(this)), m_headerRow(new QHBoxLayout),
      m_list(new CardListView(this))
{
    setObjectName(QStringLiteral("boardColumn_") + model->state());
    setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 6, 4, 4);
    layout->setSpacing(4);
    auto *headerRow = m_headerRow;
    headerRow->setContentsMargins(6, 0, 2, 0);
    m_header->setTextFormat(Qt::RichText);
    m_header->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    headerRow->addWidget(m_header, 1);
    if (collapsible) {
        m_toggle = new QToolButton(this);
        m_toggle->setAutoRaise(true);
        m_toggle->setToolTip(tr("Collapse or expand this done-today column"));
        connect(m_toggle, &QToolButton::clicked, this, [this] {
            setCollapsed(!m_collapsed);
            emit collapseToggled(m_collapsed);
        });
        headerRow->addWidget(m_toggle, 0, Qt::AlignTop);
    }
    layout->addLayout(headerRow);

    m_list->setModel(model);
    m_list->setItemDelegate(delegate);
    m_list->setUniformItemSizes(true); // 100k cards: layout without measuring each one
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setDragDropMode(QAbstractItemView::DragDrop);
    m_list->setDefaultDropAction(Qt::CopyAction);
    m_list->setDragEnabled(true);
    m_list->setAcceptDrops(true);
    m_list->setDropIndicatorShown(true);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // cards fit the column
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    m_list->viewport()->setAutoFillBackground(false); // the cards on the lane
    m_list->setAutoFillBackground(false);
    layout->addWidget(m_list, 1);
    setMinimumWidth(kMinWidth);
    setMaximumWidth(kMaxWidth);
    // Ignored: open columns share the width evenly whatever their cards ask for; a
    // collapsed one keeps its strip's width (setCollapsed()).
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    connect(model, &BoardColumnModel::countChanged, this, &BoardColumnView::updateHeader);
    // Scrolled to the end of what is listed: list the next cards (every card is reachable).
    connect(m_list->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (value == m_list->verticalScrollBar()->maximum() && m_model->canListMore())
            m_model->listMore();
    });
    updateHeader();
}

void BoardColumnView::setCollapsed(bool collapsed)
{
    m_collapsed = collapsed;
    m_list->setVisible(!collapsed);
    // Collapsed: the toggle over the name and count, wrapped into a narrow strip.
    m_headerRow->setDirection(collapsed ? QBoxLayout::BottomToTop : QBoxLayout::LeftToRight);
    m_header->setWordWrap(collapsed);
    if (collapsed) {
        setFixedWidth(kCollapsedWidth);
    } else {
        setMinimumWidth(kMinWidth);
        setMaximumWidth(kMaxWidth);
    }
    setSizePolicy(collapsed ? QSizePolicy::Fixed : QSizePolicy::Ignored, QSizePolicy::Preferred);
    if (auto *row = parentWidget() ? qobject_cast<QBoxLayout *>(parentWidget()->layout()) : nullptr)
        row->setStretchFactor(this, collapsed ? 0 : 1);
    if (auto *column = qobject_cast<QVBoxLayout *>(layout()))
        column->setStretch(0, collapsed ? 1 : 0); // the strip's header takes the height
    updateHeader();
}

void BoardColumnView::updateHeader()
{
    const QColor c = stateColor(m_model->state());
    const int total = m_model->totalCount();
    QString count = QLocale().toString(total);
    if (total > m_model->rowCount())
        count = tr("%1, oldest %2 listed").arg(count, QLocale().toString(m_model->rowCount()));
    m_header->setText(QStringLiteral("<span style='color:%1'>●</span> <b>%2</b> "
                                     "<span style='color:%4'>%3</span>")
                          .arg(c.name(), m_title.toHtmlEscaped(), count, mutedTextColor(palette()).name()));
    m_header->setToolTip(total > m_model->rowCount()
                             ? tr("The oldest cards are listed first; scroll to the end for more. A card you act on "
                                  "or select elsewhere is always listed.")
                             : QString());
    if (m_toggle)
        m_toggle->setText(m_collapsed ? QStringLiteral("▸") : QStringLiteral("▾"));
}

void BoardColumnView::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event);
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(laneColor(palette()));
    p.drawRoundedRect(QRectF(rect()), 6, 6);
}

void BoardColumnView::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateHeader(); // the count's muted colour
}

} // namespace opsdeck::widgets
