#include "PluginsDialog.h"

#include "PluginHost.h"
#include "ui_PluginsDialog.h"

#include <QDir>
#include <QFileInfo>
#include <QHeaderView>

namespace opsdeck::app {

PluginsDialog::PluginsDialog(const PluginHost &host, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::PluginsDialog>())
{
    m_ui->setupUi(this);
    QStringList dirs;
    for (const auto &dir : host.pluginDirs())
        dirs << QDir::toNativeSeparators(dir);
    m_ui->dirsLabel->setText(tr("Plugin directories: %1").arg(dirs.join(QLatin1String("; "))));

    for (const auto &loaded : host.plugins()) {
        const auto &spec = loaded.spec;
        QStringList deps;
        for (const auto &dep : spec.dependencies)
            deps << tr("%1 %2").arg(dep.id, dep.version.toString());
        auto *item = new QTreeWidgetItem(m_ui->pluginsTree);
        item->setText(0, spec.name);
        item->setText(1, spec.id);
        item->setText(2, spec.version.toString());
        item->setText(3, spec.roles.isEmpty() ? tr("all") : spec.roles.join(QLatin1String(", ")));
        item->setText(4, deps.join(QLatin1String(", ")));
        item->setText(5, QFileInfo(spec.file).fileName());
        item->setToolTip(5, spec.file);
    }
    for (const auto &spec : host.skippedForRole()) {
        auto *item = new QTreeWidgetItem(m_ui->pluginsTree);
        item->setText(0, tr("%1 (not for this role)").arg(spec.name));
        item->setText(1, spec.id);
        item->setText(2, spec.version.toString());
        item->setText(3, spec.roles.join(QLatin1String(", ")));
        item->setText(5, QFileInfo(spec.file).fileName());
        item->setDisabled(true);
    }

    for (const auto &problem : host.problems()) {
        auto *item = new QTreeWidgetItem(m_ui->problemsTree);
        item->setText(0, problem.id.isEmpty() ? tr("(unknown)") : problem.id);
        item->setText(1, problem.reason);
        item->setToolTip(1, problem.reason);
        item->setText(2, QFileInfo(problem.file).fileName());
        item->setToolTip(2, problem.file);
        item->setForeground(1, QColor(0xcf222e));
    }
    if (host.problems().isEmpty())
        m_ui->problemsLabel->setText(tr("No plugin was skipped."));
    m_ui->problemsTree->setVisible(!host.problems().isEmpty());

    for (auto *tree : {m_ui->pluginsTree, m_ui->problemsTree}) {
        for (int c = 0; c < tree->columnCount() - 1; ++c)
            tree->resizeColumnToContents(c);
    }
}

PluginsDialog::~PluginsDialog() = default;

int PluginsDialog::loadedCount() const
{
    return m_ui->pluginsTree->topLevelItemCount();
}

int PluginsDialog::problemCount() const
{
    return m_ui->problemsTree->topLevelItemCount();
}

} // namespace opsdeck::app
