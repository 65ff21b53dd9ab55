#pragma once

#include "widgets/WidgetsExport.h"

#include <QDialog>
#include <QPointer>

#include <memory>

namespace Ui {
class StockSettingsDialog;
}

namespace opsdeck::sdk {
class StockService;
}

namespace opsdeck::widgets {

// The stock view's target cover, low line and delivery slots. OK hands them to the
// service, which checks and keeps them; a refusal stays in the dialog with its reason.
class OPSDECK_WIDGETS_EXPORT StockSettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit StockSettingsDialog(sdk::StockService *stock, QWidget *parent = nullptr);
    ~StockSettingsDialog() override;

    QString errorText() const;

public slots:
    void accept() override;

private:
    std::unique_ptr<Ui::StockSettingsDialog> m_ui;
    QPointer<sdk::StockService> m_stock;
};

} // namespace opsdeck::widgets
