#pragma once

#include "BoardServices.h"
#include "app/features/Feature.h"

namespace opsdeck::app {

// The order board: the search index and the order -> events index on the store thread
// (every assembly, so a headless session's orders have a timeline in the window), the
// board actions' audit table, and in the window the OrderActions, OrderSearch and
// OrderHistory services.
class BoardFeature final : public Feature
{
public:
    std::string_view name() const override { return "board"; }
    void assemble(ConsoleRuntime &runtime) override;
    void attachGui(const GuiAttach &gui) override;

    BoardServices &services() { return m_services; }

private:
    BoardServices m_services;
};

} // namespace opsdeck::app
