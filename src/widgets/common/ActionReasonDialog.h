#pragma once

#include "widgets/WidgetsExport.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ActionReasonDialog;
}

namespace opsdeck::widgets {

// Asks why an order is held or cancelled (the reason goes on the wire and the timeline).
class OPSDECK_WIDGETS_EXPORT ActionReasonDialog final : public QDialog
{
    Q_OBJECT
public:
    ActionReasonDialog(const QString &prompt, const QStringList &suggestions, const QStringList &orderIds,
                       QWidget *parent = nullptr);
    ~ActionReasonDialog() override;

    QString reason() const;
    void setReason(const QString &reason);

private:
    std::unique_ptr<Ui::ActionReasonDialog> m_ui;
};

} // namespace opsdeck::widgets
