#pragma once

#include "Feature.h"

#include <memory>
#include <string>
#include <vector>

namespace opsdeck::app {

// The one list of the console's features, in assembly order. A feature added later is
// one entry here. `only` (benchmarks, profiling) keeps the named features; empty: all.
std::vector<std::unique_ptr<Feature>> consoleFeatures(const FeatureOptions &options,
                                                      const std::vector<std::string> &only = {});

// The names of every feature, in the list's order (for --help and the tests).
std::vector<std::string> consoleFeatureNames();

} // namespace opsdeck::app
