#include "ControlHandler.h"

#include "SimLog.h"
#include "Simulation.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <array>
#include <cmath>

namespace opsdeck::sim {

namespace {
constexpr std::array<std::string_view, 16> kCommands = {
    "ping",  "set_rate_limit", "clear_rate_limit", "set_breaker",  "divert",        "clear_divert",
    "reassign", "hold",        "release",          "cancel",       "start_return",  "close_return",
    "open_claim", "decide_claim", "refund",        "notify_customer"};

// The customer-service extension (protocol.md "Extensions").
bool isCsCommand(std::string_view cmd)
{
    return cmd == "start_return" || cmd == "close_return" || cmd == "open_claim" || cmd == "decide_claim"
        || cmd == "refund" || cmd == "notify_customer";
}

bool isIntakeCommand(std::string_view cmd)
{
    return cmd == "set_rate_limit" || cmd == "clear_rate_limit" || cmd == "set_breaker" || cmd == "divert"
        || cmd == "clear_divert";
}

bool allowed(std::string_view role, std::string_view cmd)
{
    if (cmd == "ping")
        return true;
    // The gateway's coarse rule; the console's permission table and claim limits are finer.
    if (isCsCommand(cmd))
        return role == "customer_service" || role == "supervisor" || role == "admin" || role == "ops"
            || role == "ops_manager";
    if (role == "dispatcher" || role == "supervisor" || role == "admin" || role == "ops")
        return true;
    if (role == "merchant")
        return !isIntakeCommand(cmd) && cmd != "reassign";
    if (role == "ops_manager")
        return isIntakeCommand(cmd);
    return false;
}

std::string str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString().toStdString();
}

const char *errorCode(CommandError e)
{
    switch (e) {
    case CommandError::None: return "";
    case CommandError::BadRequest: return "bad_request";
    case CommandError::UnknownOrder: return "unknown_order";
    case CommandError::IllegalTransition: return "illegal_transition";
    case CommandError::UnknownRider: return "unknown_rider";
    }
    return "bad_request";
}

bool validScope(const Simulation &sim, const std::string &scope)
{
    if (scope == "global")
        return true;
    if (scope.starts_with("depot:"))
        return sim.hasDepot(scope.substr(6));
    if (scope.starts_with("merchant:"))
        return sim.hasMerchant(scope.substr(9));
    return false;
}

// set_rate_limit, clear_rate_limit, set_breaker, divert and clear_divert.
std::string intakeCommand(Simulation &sim, const std::string &id, const std::string &cmd, const QJsonObject &req)
{
    const std::int64_t now = sim.nowMs();
    IntakeControl &intake = sim.intake();
    const std::string scope = str(req, "scope");
    if (cmd == "set_rate_limit") {
        const QJsonValue perMin = req.value(QLatin1String("per_min"));
        const QJsonValue burst = req.value(QLatin1String("burst"));
        if (!validScope(sim, scope))
            return controlReply(id, "bad_request", "unknown scope '" + scope + "'");
        if (!perMin.isDouble() || !(perMin.toDouble() > 0) || !std::isfinite(perMin.toDouble()))
            return controlReply(id, "bad_request", "per_min must be a positive number");
        if (!burst.isUndefined() && (!burst.isDouble() || burst.toDouble() < 1))
            return controlReply(id, "bad_request", "burst must be a number >= 1");
        const double b = burst.isUndefined() ? std::max(1.0, std::ceil(perMin.toDouble() / 10)) : burst.toDouble();
        intake.setRateLimit(scope, perMin.toDouble(), b, now);
        return controlReply(id);
    }
    if (cmd == "clear_rate_limit") {
        if (!validScope(sim, scope))
            return controlReply(id, "bad_request", "unknown scope '" + scope + "'");
        intake.clearRateLimit(scope); // clearing what is not there is still the wanted state
        return controlReply(id);
    }
    if (cmd == "set_breaker") {
        const auto mode = breakerModeFromString(str(req, "mode"));
        if (!validScope(sim, scope))
            return controlReply(id, "bad_request", "unknown scope '" + scope + "'");
        if (!mode)
            return controlReply(id, "bad_request", "mode must be auto, forced_open or forced_closed");
        intake.setBreakerMode(scope, *mode, now);
        return controlReply(id);
    }
    if (cmd == "divert") {
        const std::string from = str(req, "from"), to = str(req, "to");
        const QJsonValue share = req.value(QLatin1String("share"));
        if (!sim.hasDepot(from) || !sim.hasDepot(to) || from == to)
            return controlReply(id, "bad_request", "from and to must be two different known depots");
        if (!share.isDouble() || share.toDouble() < 0 || share.toDouble() > 1)
            return controlReply(id, "bad_request", "share must be a number in 0..1");
        intake.setDiversion(from, to, share.toDouble());
        return controlReply(id);
    }
    // clear_divert, the last of isIntakeCommand()'s commands
    const std::string from = str(req, "from");
    if (!sim.hasDepot(from))
        return controlReply(id, "bad_request", "unknown depot '" + from + "'");
    intake.clearDiversion(from);
    return controlReply(id);
}

// reassign, hold, release and cancel.
std::string orderCommand(Simulation &sim, const std::string &id, const std::string &cmd, const std::string &user,
                         const QJsonObject &req, std::vector<WireMessage> &out)
{
    const std::string orderId = str(req, "order_id");
    if (orderId.empty())
        return controlReply(id, "bad_request", "missing order_id");
    CommandOutcome result;
    if (cmd == "reassign") {
        const std::string riderId = str(req, "rider_id");
        if (riderId.empty())
            return controlReply(id, "bad_request", "missing rider_id");
        result = sim.reassign(orderId, riderId, out);
    } else if (cmd == "hold") {
        result = sim.hold(orderId, str(req, "reason"), out);
    } else if (cmd == "release") {
        result = sim.release(orderId, user, out);
    } else {
        result = sim.cancel(orderId, str(req, "reason"), out);
    }
    if (!result.ok())
        return controlReply(id, errorCode(result.error), result.message);
    return controlReply(id);
}

// Reads and checks a customer-service request's fields; an empty string means well-formed.
std::string readCsRequest(const std::string &cmd, const QJsonObject &req, CsRequest &r)
{
    r.orderId = str(req, "order_id");
    r.reason = str(req, "reason");
    if (r.orderId.empty())
        return "missing order_id";
    const QJsonValue amount = req.value(QLatin1String("amount"));
    const bool hasAmount = amount.isDouble() && std::isfinite(amount.toDouble()) && amount.toDouble() >= 0;
    r.amount = hasAmount ? amount.toDouble() : 0;
    if (cmd == "open_claim") {
        r.photoRef = str(req, "photo_ref");
        if (r.reason.empty())
            return "missing reason";
        if (!hasAmount)
            return "amount must be a number >= 0";
    } else if (cmd == "decide_claim") {
        r.decision = str(req, "decision");
        if (r.decision != "approve" && r.decision != "reject")
            return "decision must be approve or reject";
        if (r.decision == "approve" && !hasAmount)
            return "amount must be a number >= 0";
    } else if (cmd == "refund") {
        if (!hasAmount || !(r.amount > 0))
            return "amount must be a positive number";
    } else if (cmd == "notify_customer") {
        r.templateId = str(req, "template");
        r.lang = str(req, "lang");
        if (r.templateId != "delay_apology" && r.templateId != "oos_substitution" && r.templateId != "storm_retry")
            return "template must be delay_apology, oos_substitution or storm_retry";
        if (r.lang != "en" && r.lang != "zh_CN")
            return "lang must be en or zh_CN";
    }
    return {};
}

std::string csCommand(Simulation &sim, const std::string &id, const std::string &cmd, const std::string &user,
                      const QJsonObject &req, std::vector<WireMessage> &out)
{
    CsRequest r;
    r.by = user;
    if (const std::string bad = readCsRequest(cmd, req, r); !bad.empty())
        return controlReply(id, "bad_request", bad);
    CommandOutcome result;
    if (cmd == "start_return")
        result = sim.startReturn(r, out);
    else if (cmd == "close_return")
        result = sim.closeReturn(r, out);
    else if (cmd == "open_claim")
        result = sim.openClaim(r, out);
    else if (cmd == "decide_claim")
        result = sim.decideClaim(r, out);
    else if (cmd == "refund")
        result = sim.refund(r, out);
    else
        result = sim.notifyCustomer(r, out);
    if (!result.ok())
        return controlReply(id, errorCode(result.error), result.message);
    return controlReply(id);
}

} // namespace

std::string controlReply(std::string_view id, std::string_view error, std::string_view message)
{
    std::string out;
    JsonWriter w(out);
    w.beginObject();
    w.field("id", id);
    w.field("ok", error.empty());
    if (!error.empty()) {
        w.field("error", error);
        w.field("message", message);
    }
    w.endObject();
    return out;
}

ControlHandler::ControlHandler(Simulation &simulation) : m_sim(simulation) {}

std::string ControlHandler::handle(std::string_view request, std::vector<WireMessage> &out)
{
    // QJsonDocument is fine here: commands arrive a few times a minute, not per event.
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(request.data(), static_cast<qsizetype>(request.size())));
    if (!doc.isObject())
        return controlReply("", "bad_request", "request is not a JSON object");
    const QJsonValue idValue = doc.object().value(QLatin1String("id"));
    if (!idValue.isString() || idValue.toString().isEmpty())
        return controlReply("", "bad_request", "missing string field id");
    const std::string id = idValue.toString().toStdString();
    if (const auto it = m_replies.find(id); it != m_replies.end())
        return it->second; // a retry: same answer, no second effect
    std::string reply = execute(id, request, out);
    m_replies.emplace(id, reply);
    m_replyOrder.push_back(id);
    while (m_replyOrder.size() > kRemembered) {
        m_replies.erase(m_replyOrder.front());
        m_replyOrder.pop_front();
    }
    return reply;
}

std::string ControlHandler::execute(const std::string &id, std::string_view request, std::vector<WireMessage> &out)
{
    const QJsonObject req = QJsonDocument::fromJson(QByteArray(request.data(), static_cast<qsizetype>(request.size()))).object();
    const QJsonValue cmdValue = req.value(QLatin1String("cmd"));
    if (!cmdValue.isString())
        return controlReply(id, "bad_request", "missing string field cmd");
    const std::string cmd = cmdValue.toString().toStdString();
    const QJsonObject by = req.value(QLatin1String("by")).toObject();
    const std::string user = str(by, "user"), role = str(by, "role");
    if (user.empty() || role.empty())
        return controlReply(id, "bad_request", "missing by {user, role}");
    if (std::find(kCommands.begin(), kCommands.end(), cmd) == kCommands.end())
        return controlReply(id, "unknown_cmd", "unknown command " + cmd);
    if (!allowed(role, cmd))
        return controlReply(id, "forbidden", "role " + role + " may not " + cmd);
    qCInfo(lcSim) << "control" << id.c_str() << cmd.c_str() << "by" << user.c_str() << role.c_str();

    if (cmd == "ping")
        return controlReply(id);
    if (isIntakeCommand(cmd))
        return intakeCommand(m_sim, id, cmd, req);
    if (isCsCommand(cmd))
        return csCommand(m_sim, id, cmd, user, req, out);
    return orderCommand(m_sim, id, cmd, user, req, out);
}

} // namespace opsdeck::sim
