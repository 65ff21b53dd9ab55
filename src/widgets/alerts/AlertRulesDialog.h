#pragma once

#include "widgets/WidgetsExport.h"

#include <QDialog>

#include <memory>

class QTimer;
namespace Ui {
class AlertRulesDialog;
}
namespace opsdeck::sdk {
class AlertService;
}

namespace opsdeck::widgets {

// Edits the alert rules file: validated as you type (every problem listed with its
// rule and reason); Save is enabled only for a valid file and hands it to the service,
// which applies it on the core thread and writes the installation's override.
class OPSDECK_WIDGETS_EXPORT AlertRulesDialog final : public QDialog
{
    Q_OBJECT
public:
    AlertRulesDialog(sdk::AlertService *service, QWidget *parent = nullptr);
    ~AlertRulesDialog() override;

    void setText(const QString &json);
    QStringList problems() const { return m_problems; }
    bool canSave() const;

public slots:
    void validate();
    void accept() override;

private:
    std::unique_ptr<Ui::AlertRulesDialog> m_ui;
    sdk::AlertService *m_service;
    QTimer *m_debounce;
    QStringList m_problems;
};

} // namespace opsdeck::widgets
