#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class PluginsDialog;
}

namespace opsdeck::app {

class PluginHost;

// Lists what the host loaded (in load order) and every plugin it skipped, with why.
class PluginsDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit PluginsDialog(const PluginHost &host, QWidget *parent = nullptr);
    ~PluginsDialog() override;

    int loadedCount() const;
    int problemCount() const;

private:
    std::unique_ptr<Ui::PluginsDialog> m_ui;
};

} // namespace opsdeck::app
