#pragma once

#include <QDialog>

#include <memory>

class QLineEdit;
class QListView;
class QMainWindow;
class QModelIndex;

namespace Ui {
class CommandPalette;
}

namespace opsdeck::sdk {
class ConsoleContext;
}

namespace opsdeck::app {

class PaletteModel;
class PaletteFilterModel;

// Ctrl+K: one line to find any action of the window, any order (by id) and any rider (by
// id), and Enter to run it: an action is triggered, an order selected (the board reveals
// it, the detail shows it), a rider selected (the map centres on it). The list keeps
// the keys while the line has the focus (Up/Down/Page Up/Page Down move the choice).
class CommandPalette final : public QDialog
{
    Q_OBJECT
public:
    // Reads the window's actions and the context's orders and riders now (memory only).
    CommandPalette(QMainWindow &window, sdk::ConsoleContext &context);
    ~CommandPalette() override;

    QLineEdit *filterEdit() const;
    QListView *resultList() const;
    PaletteFilterModel *results() const { return m_results; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void filterChanged(const QString &text);
    void activate(const QModelIndex &index);

    std::unique_ptr<Ui::CommandPalette> m_ui;
    sdk::ConsoleContext &m_context;
    PaletteModel *m_model;
    PaletteFilterModel *m_results;
};

// Opens the palette over the window (window-modal, deleted on close) and returns it.
CommandPalette *openCommandPalette(QMainWindow &window, sdk::ConsoleContext &context);
// Help → Keyboard shortcuts: every action of the window that has one.
void showShortcuts(QMainWindow &window);

} // namespace opsdeck::app
