#pragma once

#include "widgets/WidgetsExport.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>

class QSortFilterProxyModel;

namespace Ui {
class MerchantStockPanel;
}

namespace opsdeck::sdk {
class StockService;
}

namespace opsdeck::widgets {

class StockModel;

// The merchant desk's stock view: every item of the signed-in merchant with its level,
// use per hour, cover, state and restock suggestion, worst first. Read-only.
class OPSDECK_WIDGETS_EXPORT MerchantStockPanel final : public QWidget
{
    Q_OBJECT
public:
    // `stock` may be null (a host without stock figures): the panel says so.
    explicit MerchantStockPanel(sdk::StockService *stock, QWidget *parent = nullptr);
    ~MerchantStockPanel() override;

    StockModel *model() const { return m_model; }
    QString summaryText() const;
    QString exportText() const;
    QString ruleText() const; // the rules in force (the settings) and a refused settings file
    // Asks where the CSV goes (a file dialog by default; tests give a path). Empty: cancel.
    void setFileChooser(std::function<QString(QWidget *parent)> choose) { m_chooseFile = std::move(choose); }

public slots:
    void refresh();
    void exportCsv();

signals:
    void exported(const QString &path, bool ok);

private:
    std::unique_ptr<Ui::MerchantStockPanel> m_ui;
    QPointer<sdk::StockService> m_stock;
    StockModel *m_model = nullptr;
    QSortFilterProxyModel *m_sorted = nullptr;
    std::function<QString(QWidget *)> m_chooseFile;
};

} // namespace opsdeck::widgets
