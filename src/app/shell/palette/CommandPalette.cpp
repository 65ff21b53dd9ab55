#include "CommandPalette.h"

#include "PaletteModel.h"
#include "sdk/ConsoleContext.h"
#include "sdk/Rows.h"
#include "sdk/SelectionService.h"

#include "ui_CommandPalette.h"
#include "ui_ShortcutsDialog.h"

#include <QKeyEvent>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>

namespace opsdeck::app {

CommandPalette::CommandPalette(QMainWindow &window, sdk::ConsoleContext &context)
    : QDialog(&window)
    , m_ui(std::make_unique<Ui::CommandPalette>())
    , m_context(context)
    , m_model(new PaletteModel(this))
    , m_results(new PaletteFilterModel(this))
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("commandPalette"));
    QList<PaletteModel::Entry> entries = PaletteModel::actionEntries(window);
    entries += PaletteModel::orderEntries(context.currentOrders());
    entries += PaletteModel::riderEntries(context.currentRiders());
    qCDebug(lcPalette) << "palette holds" << entries.size() << "entries";
    m_model->setEntries(std::move(entries));
    m_results->setSourceModel(m_model);
    m_ui->resultList->setModel(m_results);
    m_ui->filterEdit->installEventFilter(this);
    connect(m_ui->filterEdit, &QLineEdit::textChanged, this, &CommandPalette::filterChanged);
    connect(m_ui->filterEdit, &QLineEdit::returnPressed, this,
            [this] { activate(m_ui->resultList->currentIndex()); });
    connect(m_ui->resultList, &QListView::activated, this, &CommandPalette::activate);
    filterChanged({});
}

CommandPalette::~CommandPalette() = default;

QLineEdit *CommandPalette::filterEdit() const
{
    return m_ui->filterEdit;
}

QListView *CommandPalette::resultList() const
{
    return m_ui->resultList;
}

void CommandPalette::filterChanged(const QString &text)
{
    m_results->setQuery(text);
    m_ui->resultList->setCurrentIndex(m_results->index(0, 0)); // Enter takes the best match
}

bool CommandPalette::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_ui->filterEdit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_PageUp:
        case Qt::Key_PageDown: {
            // The list moves the choice; the typing stays in the line.
            QKeyEvent copy(QEvent::KeyPress, key->key(), key->modifiers());
            QCoreApplication::sendEvent(m_ui->resultList, &copy);
            return true;
        }
        default:
            break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void CommandPalette::activate(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const PaletteModel::Entry *entry = m_model->entry(m_results->mapToSource(index).row());
    if (!entry)
        return;
    auto *selection = m_context.service<sdk::SelectionService>();
    const PaletteModel::Kind kind = entry->kind;
    const QString key = entry->key;
    QPointer<QAction> action = entry->action;
    accept();
    if (kind == PaletteModel::Kind::Action) {
        // After the palette has gone: the action may open a dialog of its own.
        QTimer::singleShot(0, action, [action] {
            if (action)
                action->trigger();
        });
    } else if (selection && kind == PaletteModel::Kind::Order) {
        selection->selectOrder(key);
    } else if (selection && kind == PaletteModel::Kind::Rider) {
        selection->selectRider(key);
    }
}

CommandPalette *openCommandPalette(QMainWindow &window, sdk::ConsoleContext &context)
{
    auto *palette = new CommandPalette(window, context);
    palette->setAttribute(Qt::WA_DeleteOnClose);
    palette->open();
    palette->filterEdit()->setFocus();
    return palette;
}

void showShortcuts(QMainWindow &window)
{
    auto *dialog = new QDialog(&window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    Ui::ShortcutsDialog ui;
    ui.setupUi(dialog);
    QList<QPair<QString, QString>> rows;
    for (const PaletteModel::Entry &e : PaletteModel::actionEntries(window))
        if (!e.detail.isEmpty())
            rows.append({e.detail, e.title});
    // The palette's own key, which the palette does not list.
    rows.prepend({QKeySequence(QKeySequence(Qt::CTRL | Qt::Key_K)).toString(QKeySequence::NativeText),
                  CommandPalette::tr("Command palette: find any action, order or rider")});
    ui.shortcutTable->setRowCount(static_cast<int>(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        ui.shortcutTable->setItem(i, 0, new QTableWidgetItem(rows[i].first));
        ui.shortcutTable->setItem(i, 1, new QTableWidgetItem(rows[i].second));
    }
    ui.shortcutTable->resizeColumnToContents(0);
    dialog->open();
}

} // namespace opsdeck::app
