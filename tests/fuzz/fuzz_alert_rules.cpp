// The alert rules file (an installation's override of resources/alerts/rules.json).
#include "FuzzInput.h"

#include "core/alerts/AlertRules.h"

using namespace opsdeck;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const core::AlertRuleSet set = core::parseAlertRules(fuzz::bytes(data, size));
    // Every accepted rule is usable: look up each threshold it names.
    for (const auto &rule : set.rules)
        for (const auto &[name, value] : rule.thresholds)
            (void)rule.threshold(name, value);
    return 0;
}
