#pragma once

#include "feed/wire/FeedEndpoints.h"

#include <QCommandLineOption>
#include <QString>

#include <optional>

class QCommandLineParser;

namespace opsdeck::app {

// Where `opsdeck keygen` puts keys and the console looks for its own by default:
// <config>/OpsDeck/curve (e.g. ~/.config/OpsDeck/curve).
QString defaultCurveKeyDir();

// --curve-secret FILE and --gateway-key FILE, shared by the console and `opsdeck ctl`.
struct CurveOptionSet {
    QCommandLineOption secret;
    QCommandLineOption gatewayKey;
};
CurveOptionSet curveOptionSet();

// The client keys the options ask for: none without --gateway-key (plain TCP); with it,
// the gateway's public key and our pair from --curve-secret (default: console.key in
// defaultCurveKeyDir()). nullopt with *error naming the bad file: a console that was told
// to encrypt never falls back to plain, and never starts with a key it cannot use.
std::optional<feed::CurveKeys> readCurveOptions(const QCommandLineParser &parser, const CurveOptionSet &set,
                                                QString *error);

} // namespace opsdeck::app
