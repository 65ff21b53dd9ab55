#include "MessageTemplates.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QTranslator>

namespace opsdeck::sdk {

namespace {

constexpr const char *kContext = "MessageTemplates";

struct TemplateText {
    MessageTemplate id;
    const char *wireId;
    const char *source; // English, with {variables}; translators keep the braces as they are
};

// The customer reads these: short, polite, no internal codes.
const TemplateText kTemplates[] = {
    {MessageTemplate::DelayApology, "delay_apology",
     QT_TRANSLATE_NOOP("MessageTemplates", "Dear {customer}, we are sorry: your order {order} is running late. "
                                           "It should now arrive in about {minutes} minutes.")},
    {MessageTemplate::OutOfStockSubstitution, "oos_substitution",
     QT_TRANSLATE_NOOP("MessageTemplates", "Dear {customer}, {item} in your order {order} is out of stock. "
                                           "We can send {substitute} instead: reply YES to accept, or NO "
                                           "and we refund the item.")},
    {MessageTemplate::StormRetry, "storm_retry",
     QT_TRANSLATE_NOOP("MessageTemplates", "Dear {customer}, severe weather has slowed our deliveries and we "
                                           "cannot take new orders right now. Please try again in about "
                                           "{minutes} minutes. Thank you for your patience.")},
};

const TemplateText &textOf(MessageTemplate t)
{
    for (const TemplateText &x : kTemplates)
        if (x.id == t)
            return x;
    return kTemplates[0];
}

const QRegularExpression &placeholder()
{
    static const QRegularExpression re(QStringLiteral("\\{([a-z_]+)\\}"));
    return re;
}

} // namespace

std::optional<MessageTemplate> messageTemplateFromId(const QString &id)
{
    for (const TemplateText &x : kTemplates)
        if (id == QLatin1String(x.wireId))
            return x.id;
    return std::nullopt;
}

QString messageTemplateId(MessageTemplate t)
{
    return QLatin1String(textOf(t).wireId);
}

QStringList messageTemplateVariables(MessageTemplate t)
{
    QStringList names;
    auto it = placeholder().globalMatch(QString::fromUtf8(textOf(t).source));
    while (it.hasNext()) {
        const QString name = it.next().captured(1);
        if (!names.contains(name))
            names.append(name);
    }
    return names;
}

RenderedMessage renderMessage(MessageTemplate t, const QString &language, const QHash<QString, QString> &vars,
                              const QTranslator *chinese)
{
    RenderedMessage out;
    const char *source = textOf(t).source;
    QString pattern;
    if (language == QLatin1String("en")) {
        pattern = QString::fromUtf8(source);
    } else if (language == QLatin1String("zh_CN")) {
        pattern = chinese ? chinese->translate(kContext, source) : QString();
        if (pattern.isEmpty()) {
            out.error = QCoreApplication::translate("MessageTemplates", "No Chinese text for this template.");
            return out;
        }
    } else {
        out.error = QCoreApplication::translate("MessageTemplates", "Unknown language “%1”.").arg(language);
        return out;
    }
    // The pattern's own placeholders: a translation that names one the English has not is caught too.
    auto names = placeholder().globalMatch(pattern);
    while (names.hasNext()) {
        const QString name = names.next().captured(1);
        if (vars.value(name).trimmed().isEmpty() && !out.missing.contains(name))
            out.missing.append(name);
    }
    if (!out.missing.isEmpty()) {
        out.error = QCoreApplication::translate("MessageTemplates", "Missing: %1.").arg(out.missing.join(QStringLiteral(", ")));
        return out;
    }
    // One pass over the pattern: what a value contains is never read as a placeholder.
    qsizetype last = 0;
    auto it = placeholder().globalMatch(pattern);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out.text += QStringView(pattern).mid(last, m.capturedStart() - last);
        out.text += vars.value(m.captured(1), m.captured(0));
        last = m.capturedEnd();
    }
    out.text += QStringView(pattern).mid(last);
    return out;
}

} // namespace opsdeck::sdk
