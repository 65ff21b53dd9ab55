#include "PaletteModel.h"

#include "sdk/CodeLabels.h"
#include "sdk/Rows.h"

#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSet>

namespace opsdeck::app {

Q_LOGGING_CATEGORY(lcPalette, "opsdeck.app.palette")

namespace {

// "&Reset layout…" -> "Reset layout"
QString plainText(QString text)
{
    text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    while (text.endsWith(QChar(0x2026)) || text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text.trimmed();
}

bool runnable(const QAction *action)
{
    return action && !action->isSeparator() && action->isEnabled() && action->isVisible() && !action->menu()
        && !action->text().isEmpty() && !action->objectName().startsWith(QLatin1String("_q_"))
        && action->objectName() != QLatin1String("commandPaletteAction");
}

void addMenu(const QMenu &menu, const QString &path, QList<PaletteModel::Entry> &out, QSet<const QAction *> &seen)
{
    for (QAction *action : menu.actions()) {
        if (QMenu *sub = action->menu()) {
            addMenu(*sub, path + QStringLiteral(" › ") + plainText(sub->title()), out, seen);
            continue;
        }
        if (!runnable(action) || seen.contains(action))
            continue;
        seen.insert(action);
        out.append({PaletteModel::Kind::Action, path + QStringLiteral(" › ") + plainText(action->text()),
                    action->shortcut().toString(QKeySequence::NativeText), plainText(action->text()), action});
    }
}

} // namespace

PaletteModel::PaletteModel(QObject *parent) : QAbstractListModel(parent) {}

PaletteModel::~PaletteModel() = default;

void PaletteModel::setEntries(QList<Entry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    m_search.clear();
    m_search.reserve(m_entries.size());
    for (const Entry &e : m_entries) // once, not per keystroke
        m_search.append((e.title + QLatin1Char(' ') + e.detail + QLatin1Char(' ') + e.key).toLower());
    endResetModel();
}

const PaletteModel::Entry *PaletteModel::entry(int row) const
{
    return row >= 0 && row < m_entries.size() ? &m_entries[row] : nullptr;
}

int PaletteModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

QVariant PaletteModel::data(const QModelIndex &index, int role) const
{
    const Entry *e = index.isValid() && index.model() == this ? entry(index.row()) : nullptr;
    if (!e)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return e->detail.isEmpty() ? e->title : e->title + QStringLiteral("   ·   ") + e->detail;
    case Qt::ToolTipRole:
        return e->title;
    case KindRole:
        return static_cast<int>(e->kind);
    case KeyRole:
        return e->key;
    case SearchRole:
        return m_search.at(index.row());
    default:
        return {};
    }
}

QList<PaletteModel::Entry> PaletteModel::actionEntries(const QWidget &window)
{
    QList<Entry> out;
    QSet<const QAction *> seen;
    if (const auto *main = qobject_cast<const QMainWindow *>(&window); main && main->menuWidget()) {
        for (QAction *top : main->menuBar()->actions())
            if (QMenu *menu = top->menu())
                addMenu(*menu, plainText(menu->title()), out, seen);
    }
    // Toolbars and the panels' own buttons: actions that live on widgets, not in a menu.
    for (QAction *action : window.findChildren<QAction *>()) {
        if (!runnable(action) || seen.contains(action) || action->associatedObjects().isEmpty())
            continue;
        seen.insert(action);
        out.append({Kind::Action, plainText(action->text()), action->shortcut().toString(QKeySequence::NativeText),
                    plainText(action->text()), action});
    }
    return out;
}

QList<PaletteModel::Entry> PaletteModel::orderEntries(const QList<sdk::OrderRow> &orders)
{
    QList<Entry> out;
    out.reserve(orders.size());
    for (const sdk::OrderRow &o : orders) {
        QString detail = sdk::codeLabel(sdk::CodeFamily::OrderState, o.state) + QStringLiteral(" · ") + o.depot;
        if (!o.riderId.isEmpty())
            detail += QStringLiteral(" · ") + o.riderId;
        out.append({Kind::Order, tr("Order %1").arg(o.orderId), detail, o.orderId, {}});
    }
    return out;
}

QList<PaletteModel::Entry> PaletteModel::riderEntries(const QList<sdk::RiderRow> &riders)
{
    QList<Entry> out;
    out.reserve(riders.size());
    for (const sdk::RiderRow &r : riders) {
        const QString detail = r.name + QStringLiteral(" · ") + sdk::codeLabel(sdk::CodeFamily::RiderStatus, r.status)
            + QStringLiteral(" · ") + r.depot;
        out.append({Kind::Rider, tr("Rider %1").arg(r.riderId), detail, r.riderId, {}});
    }
    return out;
}

PaletteFilterModel::PaletteFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    sort(0);
}

void PaletteFilterModel::setQuery(const QString &text)
{
    const QStringList words = text.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words == m_words)
        return;
    m_words = words;
    invalidate(); // the ranking follows the first word as well as the filter
}

bool PaletteFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QString text = sourceModel()->index(sourceRow, 0, sourceParent).data(PaletteModel::SearchRole).toString();
    for (const QString &word : m_words)
        if (!text.contains(word))
            return false;
    return true;
}

int PaletteFilterModel::rank(const QModelIndex &index) const
{
    if (m_words.isEmpty())
        return 1;
    const QString key = index.data(PaletteModel::KeyRole).toString().toLower();
    const QString title = index.data(Qt::ToolTipRole).toString().toLower();
    return key.startsWith(m_words.first()) || title.startsWith(m_words.first()) ? 0 : 1;
}

bool PaletteFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const int a = rank(left), b = rank(right);
    if (a != b)
        return a < b;
    const int ka = left.data(PaletteModel::KindRole).toInt(), kb = right.data(PaletteModel::KindRole).toInt();
    if (ka != kb)
        return ka < kb;
    return left.data(Qt::ToolTipRole).toString().compare(right.data(Qt::ToolTipRole).toString(), Qt::CaseInsensitive) < 0;
}

} // namespace opsdeck::app
