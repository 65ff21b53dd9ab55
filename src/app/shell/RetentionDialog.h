#pragma once

#include "app/runtime/RetentionSettings.h"

#include <QDialog>

#include <functional>
#include <memory>
#include <optional>

class QSettings;

namespace Ui {
class RetentionDialog;
}

namespace opsdeck::app {

// Settings → Data retention: the event log (days) and rider position history (hours).
// Shows the settings file's values; a bad entry (not a number, 0 or less, absurdly long)
// disables OK and says why below the fields. OK writes the settings and hands the new
// values to `apply` (the running console takes the event log's at once).
class RetentionDialog final : public QDialog
{
    Q_OBJECT
public:
    using Apply = std::function<void(const RetentionSettings &)>;
    RetentionDialog(QSettings &settings, Apply apply, QWidget *parent = nullptr);
    ~RetentionDialog() override;

    void accept() override;
    // The reason shown, empty when both fields are good (tests).
    QString problem() const;

private:
    // Parses both fields: the settings they stand for, or std::nullopt with the reason shown.
    std::optional<RetentionSettings> validate();

    std::unique_ptr<Ui::RetentionDialog> m_ui;
    QSettings &m_settings;
    Apply m_apply;
};

} // namespace opsdeck::app
