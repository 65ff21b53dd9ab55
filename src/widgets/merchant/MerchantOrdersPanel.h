#pragma once

#include "sdk/Rows.h"
#include "widgets/WidgetsExport.h"

#include <QSet>
#include <QWidget>

#include <functional>
#include <memory>

class QSettings;

namespace Ui {
class MerchantOrdersPanel;
}

namespace opsdeck::sdk {
class OrderSearch;
}

namespace opsdeck::widgets {

class BoardModel;
class OrderKanbanBoard;
class RiderDropModel;

// A merchant's desk: the order board holding one merchant's orders and nothing else (the
// rows are filtered before they reach the model, so no filter bar can widen it), chosen
// once per user and remembered. Read-only: a merchant does not reassign riders or hold
// orders, so there is no action controller and no rider list to drop on.
class OPSDECK_WIDGETS_EXPORT MerchantOrdersPanel final : public QWidget
{
    Q_OBJECT
public:
    using CurrentOrders = std::function<QList<sdk::OrderRow>()>;

    // `currentOrders` gives every order the console holds (used when the merchant changes).
    MerchantOrdersPanel(CurrentOrders currentOrders, QSettings *settings, QString userName, bool masked,
                        QWidget *parent = nullptr);
    ~MerchantOrdersPanel() override;

    // Changed orders, as ConsoleContext::ordersChanged delivers them.
    void enqueue(const QList<sdk::OrderRow> &rows);
    void setSearch(sdk::OrderSearch *search);

    QString merchant() const { return m_merchant; }
    void setMerchant(const QString &merchantId);
    // The merchant of the signed-in merchant user: shown, never chosen (no picker of
    // every merchant). Empty: no merchant's orders at all.
    void setSignedInMerchant(const QString &merchantId);
    QStringList knownMerchants() const;

    BoardModel *boardModel() const { return m_model; }
    OrderKanbanBoard *board() const { return m_board; }

signals:
    void orderActivated(const QString &orderId);

private:
    void noteMerchants(const QList<sdk::OrderRow> &rows);
    QList<sdk::OrderRow> ofMerchant(const QList<sdk::OrderRow> &rows) const;
    void updateSummary();
    QString settingsKey() const;

    std::unique_ptr<Ui::MerchantOrdersPanel> m_ui;
    CurrentOrders m_currentOrders;
    QSettings *m_settings = nullptr;
    QString m_userName;
    QString m_merchant;
    QSet<QString> m_known;
    qsizetype m_orders = 0;
    BoardModel *m_model = nullptr;
    RiderDropModel *m_riders = nullptr;
    OrderKanbanBoard *m_board = nullptr;
};

} // namespace opsdeck::widgets
