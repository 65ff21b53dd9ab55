#pragma once

#include <QAbstractListModel>
#include <QAction>
#include <QList>
#include <QLoggingCategory>
#include <QPointer>
#include <QSortFilterProxyModel>

class QWidget;

namespace opsdeck::sdk {
struct OrderRow;
struct RiderRow;
} // namespace opsdeck::sdk

namespace opsdeck::app {

Q_DECLARE_LOGGING_CATEGORY(lcPalette)

// What the command palette finds: the window's actions (menus, toolbars, the plugins'
// panels), and the orders and riders the console holds. Filled when the palette opens
// from what the window already has in memory; nothing here reads a file or the store.
class PaletteModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    enum class Kind { Action, Order, Rider };
    enum Role { KindRole = Qt::UserRole + 1, KeyRole, SearchRole };
    struct Entry {
        Kind kind = Kind::Action;
        QString title;  // "View › Reset layout", "Order DD2612…", "Rider R-CY-001"
        QString detail; // shortcut, state and depot, name and status
        QString key;    // order or rider id; the action's text for actions
        QPointer<QAction> action;
    };

    explicit PaletteModel(QObject *parent = nullptr);
    ~PaletteModel() override;

    void setEntries(QList<Entry> entries);
    const Entry *entry(int row) const;
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // Every enabled, visible action the window can run, menus first with their path;
    // the palette's own action left out.
    static QList<Entry> actionEntries(const QWidget &window);
    static QList<Entry> orderEntries(const QList<sdk::OrderRow> &orders);
    static QList<Entry> riderEntries(const QList<sdk::RiderRow> &riders);

private:
    QList<Entry> m_entries;
    QStringList m_search; // per entry: title, detail and key in lower case
};

// The palette's results: every word typed must occur in the entry (case ignored); an
// entry whose id or title starts with the first word comes first, then actions, orders,
// riders, each by title.
class PaletteFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit PaletteFilterModel(QObject *parent = nullptr);
    void setQuery(const QString &text);
    QString query() const { return m_words.join(QLatin1Char(' ')); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    int rank(const QModelIndex &index) const;

    QStringList m_words; // lower case
};

} // namespace opsdeck::app
