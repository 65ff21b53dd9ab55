#include "CorruptDatabaseDialog.h"

#include "ui_CorruptDatabaseDialog.h"

#include <QDir>

namespace opsdeck::app {

CorruptDatabaseDialog::CorruptDatabaseDialog(const QString &dbPath, const QString &problem, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::CorruptDatabaseDialog>())
{
    m_ui->setupUi(this);
    const QString shown = QDir::toNativeSeparators(dbPath);
    m_ui->pathLabel->setText(tr("File: %1").arg(shown));
    m_ui->problemText->setPlainText(problem);
    m_ui->offerLabel->setText(
        tr("OpsDeck can move it aside, renamed to %1.corrupt-<date>-<time> with its key file next to it (nothing is "
           "deleted), and rebuild the board from the gateway's snapshot. The history in the damaged file stays in "
           "that file. Quit leaves the file as it is.")
            .arg(shown));
    m_ui->rebuildButton->setFocus();
}

CorruptDatabaseDialog::~CorruptDatabaseDialog() = default;

} // namespace opsdeck::app
