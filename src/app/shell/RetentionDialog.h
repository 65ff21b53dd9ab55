#pragma once

#include "app/runtime/RetentionSettings.h"
#include "core/access/AccessGuard.h"

#include <QDialog>

#include <functional>
#include <memory>
#include <optional>

class QSettings;

namespace Ui {
class RetentionDialog;
}

namespace opsdeck::app {

// Who may change the personal-data retention (RetentionDialog).
struct RetentionPersonalAccess {
    const core::access::AccessGuard *guard = nullptr; // none: the field is hidden, never written
    core::audit::AuditSink *audit = nullptr;          // where a change is recorded
    std::function<std::int64_t()> nowMs;              // the audit row's time
};

// Settings → Data retention: the event log (days) and rider position history (hours).
// Shows the settings file's values; a bad entry (not a number, 0 or less, absurdly long)
// disables OK and says why below the fields. OK writes the settings and hands the new
// values to `apply` (the running console takes the event log's at once).
// The personal-data retention decides what the console erases: its field is shown and
// taken only with erase_personal_data, checked through the console's one AccessGuard
// (a refused change goes on the trail through it); a change goes on the trail too.
class RetentionDialog final : public QDialog
{
    Q_OBJECT
public:
    using Apply = std::function<void(const RetentionSettings &)>;
    using PersonalAccess = RetentionPersonalAccess;
    RetentionDialog(QSettings &settings, Apply apply, PersonalAccess access = {}, QWidget *parent = nullptr);
    ~RetentionDialog() override;

    void accept() override;
    // The reason shown, empty when both fields are good (tests).
    QString problem() const;

private:
    // Parses both fields: the settings they stand for, or std::nullopt with the reason shown.
    std::optional<RetentionSettings> validate();
    bool mayEditPersonal() const;
    // The personal retention accepted: false when the guard refused (audited there).
    bool personalChangeAllowed(std::int64_t fromMs, std::int64_t toMs);

    std::unique_ptr<Ui::RetentionDialog> m_ui;
    QSettings &m_settings;
    Apply m_apply;
    PersonalAccess m_access;
    std::int64_t m_personalMs = 0; // the settings file's, kept when the field may not change it
};

} // namespace opsdeck::app
