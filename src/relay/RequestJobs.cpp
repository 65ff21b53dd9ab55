// The snapshot and control jobs of RequestRouter: a console's request split over the
// gateways that own what it names, and their answers put back together.
#include "RequestRouter.h"

#include "Frames.h"
#include "RelayLog.h"


namespace opsdeck::relay {

using namespace frames;

namespace {
constexpr std::string_view kUnknownOrder = "unknown_order";

bool sendTwo(zmq::socket_t &socket, std::string_view a, std::string_view b)
{
    if (!socket.send(zmq::buffer(a), zmq::send_flags::sndmore | zmq::send_flags::dontwait))
        return false;
    return socket.send(zmq::buffer(b), zmq::send_flags::dontwait).has_value();
}

std::vector<zmq::message_t> takeEnvelope(std::vector<zmq::message_t> &frames, std::size_t n)
{
    std::vector<zmq::message_t> envelope;
    for (std::size_t i = 0; i < n; ++i)
        envelope.push_back(std::move(frames[i]));
    return envelope;
}
} // namespace

void RequestRouter::onSnapshotRequest()
{
    for (int n = 0; n < 4096 && receiveAll(m_snapshotFront, m_parts); ++n) {
        m_counters.snapshotRequests.fetch_add(1, std::memory_order_relaxed);
        const std::size_t env = envelopeSize(m_parts);
        std::optional<std::vector<std::string>> depots;
        if (m_parts.size() > env && view(m_parts[env]) == wire::kSnapshotCommand)
            depots = m_parts.size() > env + 1 ? wire::parseSnapshotRequestBody(view(m_parts[env + 1]))
                                              : std::vector<std::string>{};
        if (!depots) {
            m_counters.rejected.fetch_add(1, std::memory_order_relaxed);
            qCWarning(lcRelay) << "ignoring a snapshot request that is not [SNAPSHOT, {\"depots\":[...]}]";
            continue;
        }
        const std::uint64_t id = m_nextJob++;
        Job &job = m_jobs[id];
        job.envelope = takeEnvelope(m_parts, env);
        const auto plan = m_directory.planSnapshot(*depots);
        const std::int64_t now = steadyMs();
        bool sent = true;
        for (std::size_t i = 0; i < plan.size() && sent; ++i) {
            if (!plan[i])
                continue;
            sent = sendTwo(m_gateways[i].snapshot, wire::kSnapshotCommand, wire::snapshotRequestBody(*plan[i]));
            if (sent) {
                m_gateways[i].snapshotsOwed.push_back(Owed{id, now});
                ++job.waiting;
            }
        }
        if (!sent || job.waiting == 0) {
            // Half a snapshot would pass for a whole one: no answer, the console asks again.
            m_counters.unavailable.fetch_add(1, std::memory_order_relaxed);
            qCWarning(lcRelay) << "a gateway for snapshot" << (depots->empty() ? "of all depots" : "") << "is not connected";
            m_jobs.erase(id);
        }
    }
}

void RequestRouter::onSnapshotReply(std::size_t gateway)
{
    Gateway &g = m_gateways[gateway];
    for (int n = 0; n < 8192 && receiveAll(g.snapshot, m_parts); ++n) {
        g.snapshotHeardMs = steadyMs();
        const std::size_t first = replyStart(m_parts);
        if (m_parts.size() - first != 2 || g.snapshotsOwed.empty()) {
            m_counters.rejected.fetch_add(1, std::memory_order_relaxed);
            qCWarning(lcRelay) << "gateway" << gateway << "sent a snapshot frame nobody asked for";
            continue;
        }
        const std::string_view name = view(m_parts[first]);
        const std::string_view body = view(m_parts[first + 1]);
        const auto it = m_jobs.find(g.snapshotsOwed.front().job);
        if (name == wire::kSnapshotRecord) {
            if (it != m_jobs.end()) {
                answer(m_snapshotFront, it->second.envelope, name, body);
                m_counters.snapshotRecords.fetch_add(1, std::memory_order_relaxed);
            }
            continue;
        }
        if (name != wire::kSnapshotEnd) {
            m_counters.rejected.fetch_add(1, std::memory_order_relaxed);
            continue;
        }
        g.snapshotsOwed.pop_front();
        if (it == m_jobs.end())
            continue; // the job was given up
        Job &job = it->second;
        auto end = wire::parseSnapshotEnd(body);
        if (!end) {
            m_counters.rejected.fetch_add(1, std::memory_order_relaxed);
            qCWarning(lcRelay) << "gateway" << gateway << "sent a malformed SNAPEND; the console will ask again";
            m_jobs.erase(it);
            continue;
        }
        job.ends.push_back(std::move(*end));
        if (--job.waiting > 0)
            continue;
        if (job.ends.size() == 1) {
            answer(m_snapshotFront, job.envelope, name, body); // one gateway: its own words
        } else {
            answer(m_snapshotFront, job.envelope, name, wire::snapshotEndBody(mergeSnapshotEnds(job.ends)));
            m_counters.snapshotsMerged.fetch_add(1, std::memory_order_relaxed);
        }
        m_jobs.erase(it);
    }
}

void RequestRouter::onControlRequest()
{
    for (int n = 0; n < 4096 && receiveAll(m_controlFront, m_parts); ++n) {
        m_counters.controlRequests.fetch_add(1, std::memory_order_relaxed);
        const std::size_t env = envelopeSize(m_parts);
        if (m_parts.size() != env + 1) {
            m_counters.rejected.fetch_add(1, std::memory_order_relaxed);
            qCWarning(lcRelay) << "ignoring a control request of" << m_parts.size() - env << "frames";
            continue;
        }
        const std::uint64_t id = m_nextJob++;
        Job &job = m_jobs[id];
        job.body.assign(view(m_parts[env]));
        job.envelope = takeEnvelope(m_parts, env);
        const ControlRequest request = parseControlRequest(job.body);
        job.orderId = request.orderId;
        job.plan = planControl(request, m_directory, m_orders);
        if (job.plan.mode == ControlPlan::Mode::All) {
            for (std::size_t target : job.plan.targets) {
                if (!m_gateways[target].control.send(zmq::buffer(job.body), zmq::send_flags::dontwait))
                    continue;
                m_gateways[target].controlsOwed.push_back(Owed{id, steadyMs()});
                ++job.waiting;
            }
            if (job.waiting < static_cast<int>(job.plan.targets.size()))
                m_counters.unavailable.fetch_add(1, std::memory_order_relaxed);
            if (job.waiting == 0)
                m_jobs.erase(id);
        } else {
            sendControl(id, job);
        }
    }
}

// The next gateway of the plan that is connected; none left: the last answer, or silence
// (the console reports the command unconfirmed and may retry it under the same id).
void RequestRouter::sendControl(std::uint64_t jobId, Job &job)
{
    while (job.next < job.plan.targets.size()) {
        const std::size_t target = job.plan.targets[job.next++];
        if (m_gateways[target].control.send(zmq::buffer(job.body), zmq::send_flags::dontwait)) {
            m_gateways[target].controlsOwed.push_back(Owed{jobId, steadyMs()});
            return;
        }
        m_counters.unavailable.fetch_add(1, std::memory_order_relaxed);
    }
    if (!job.replies.empty())
        answer(m_controlFront, job.envelope, {}, job.replies.back());
    m_jobs.erase(jobId);
}

void RequestRouter::onControlReply(std::size_t gateway)
{
    Gateway &g = m_gateways[gateway];
    for (int n = 0; n < 4096 && receiveAll(g.control, m_parts); ++n) {
        const std::size_t first = replyStart(m_parts);
        if (m_parts.size() - first != 1 || g.controlsOwed.empty()) {
            m_counters.rejected.fetch_add(1, std::memory_order_relaxed);
            qCWarning(lcRelay) << "gateway" << gateway << "sent a control reply nobody asked for";
            continue;
        }
        const std::uint64_t jobId = g.controlsOwed.front().job;
        g.controlsOwed.pop_front();
        const auto it = m_jobs.find(jobId);
        if (it == m_jobs.end())
            continue;
        Job &job = it->second;
        job.replies.emplace_back(view(m_parts[first]));
        const ControlReply reply = parseControlReply(job.replies.back());
        if (job.plan.mode == ControlPlan::Mode::All) {
            if (--job.waiting == 0)
                finishControl(jobId, job);
            continue;
        }
        if (job.plan.mode == ControlPlan::Mode::InTurn && !reply.ok
            && (job.plan.anyRefusalPassesOn || reply.error == kUnknownOrder) && job.next < job.plan.targets.size()) {
            m_counters.controlTries.fetch_add(1, std::memory_order_relaxed);
            sendControl(jobId, job);
            continue;
        }
        if (reply.ok && !job.orderId.empty())
            m_orders.remember(job.orderId, gateway);
        answer(m_controlFront, job.envelope, {}, job.replies.back());
        m_jobs.erase(it);
    }
}

// A command for every gateway: the first refusal, if any, else the first confirmation.
void RequestRouter::finishControl(std::uint64_t jobId, Job &job)
{
    const std::string *chosen = &job.replies.front();
    for (const std::string &r : job.replies) {
        if (!parseControlReply(r).ok) {
            chosen = &r;
            break;
        }
    }
    answer(m_controlFront, job.envelope, {}, *chosen);
    m_jobs.erase(jobId);
}

} // namespace opsdeck::relay
