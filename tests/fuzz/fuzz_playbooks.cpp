// The storm playbooks file (resources/intake/playbooks.json or the operator's own), and
// what applying one does with each control: validate it, name its target, and build the
// command sent to the gateway.
#include "FuzzInput.h"

#include "core/intake/Playbook.h"

#include <QJsonValue>

using namespace opsdeck;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    QStringList errors;
    const auto playbooks = core::parsePlaybooks(fuzz::bytes(data, size), &errors);
    const std::vector<core::DepotIntake> board;
    for (const auto &playbook : playbooks) {
        for (const auto &control : playbook.controls) {
            (void)core::validateCommand(control);
            (void)core::controlTarget(control);
            (void)core::requestJson(control, "fuzz-1", QStringLiteral("fuzz"), QStringLiteral("ops_manager"));
            if (const auto undo = core::restoringCommand(control, core::touchedState(control, board)))
                (void)core::requestJson(*undo, "fuzz-2", QStringLiteral("fuzz"), QStringLiteral("ops_manager"));
        }
    }
    return 0;
}
