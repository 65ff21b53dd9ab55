#include "AlertRulesDialog.h"

#include "sdk/AlertService.h"
#include "ui_AlertRulesDialog.h"

#include <QFontDatabase>
#include <QPushButton>
#include <QTimer>

namespace opsdeck::widgets {

AlertRulesDialog::AlertRulesDialog(sdk::AlertService *service, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::AlertRulesDialog>())
    , m_service(service)
    , m_debounce(new QTimer(this))
{
    m_ui->setupUi(this);
    m_ui->editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_debounce, &QTimer::timeout, this, &AlertRulesDialog::validate);
    connect(m_ui->editor, &QPlainTextEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &AlertRulesDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    if (m_service)
        setText(QString::fromUtf8(m_service->rulesJson()));
    validate();
}

AlertRulesDialog::~AlertRulesDialog() = default;

void AlertRulesDialog::setText(const QString &json)
{
    m_ui->editor->setPlainText(json);
    validate();
}

bool AlertRulesDialog::canSave() const
{
    return m_ui->buttonBox->button(QDialogButtonBox::Save)->isEnabled();
}

void AlertRulesDialog::validate()
{
    m_debounce->stop();
    m_problems = m_service ? m_service->validateRules(m_ui->editor->toPlainText().toUtf8())
                           : QStringList{tr("No alert service in this console")};
    m_ui->problemList->clear();
    m_ui->problemList->addItems(m_problems);
    m_ui->problemList->setVisible(!m_problems.isEmpty());
    m_ui->statusLabel->setText(m_problems.isEmpty() ? tr("The rules are valid.")
                                                    : tr("%n problem(s): fix them to save.", nullptr,
                                                         static_cast<int>(m_problems.size())));
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setEnabled(m_problems.isEmpty());
}

void AlertRulesDialog::accept()
{
    validate();
    if (!m_problems.isEmpty() || !m_service)
        return;
    QStringList problems;
    if (!m_service->applyRules(m_ui->editor->toPlainText().toUtf8(), &problems)) {
        m_problems = problems;
        m_ui->problemList->clear();
        m_ui->problemList->addItems(problems);
        m_ui->problemList->setVisible(true);
        return;
    }
    QDialog::accept();
}

} // namespace opsdeck::widgets
