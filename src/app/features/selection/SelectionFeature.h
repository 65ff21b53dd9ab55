#pragma once

#include "app/features/Feature.h"
#include "sdk/ConsoleContext.h"
#include "sdk/SelectionService.h"

namespace opsdeck::app {

// The shared selection (the order or rider every panel follows). Window only: provided
// before the plugins load, since their panels look it up when they are created.
class SelectionFeature final : public Feature
{
public:
    std::string_view name() const override { return "selection"; }
    void assemble(ConsoleRuntime &) override {}
    void attachGui(const GuiAttach &gui) override { gui.context.provide(&m_selection); }

private:
    sdk::SelectionService m_selection;
};

} // namespace opsdeck::app
