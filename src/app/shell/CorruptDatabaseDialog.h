#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class CorruptDatabaseDialog;
}

namespace opsdeck::app {

// Asked at start when the database fails to open as corrupt: move it aside (renamed
// with a timestamp, its key alongside, nothing deleted) and rebuild from the gateway's
// snapshot (accepted), or quit and leave the file as it is (rejected).
class CorruptDatabaseDialog final : public QDialog
{
    Q_OBJECT
public:
    CorruptDatabaseDialog(const QString &dbPath, const QString &problem, QWidget *parent = nullptr);
    ~CorruptDatabaseDialog() override;

private:
    std::unique_ptr<Ui::CorruptDatabaseDialog> m_ui;
};

} // namespace opsdeck::app
