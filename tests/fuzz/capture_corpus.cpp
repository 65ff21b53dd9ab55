// Captures a seed corpus for the fuzz targets from a running gateway (tests/fuzz/capture.sh
// starts opsfeed): live messages of every type, a snapshot (records and SNAPEND), and the
// replies to a handful of control commands, good and bad. Files are named by content hash
// in <out>/<target>/, as libFuzzer names its own.
#include <zmq.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace {

void save(const std::filesystem::path &dir, const std::string &bytes)
{
    std::filesystem::create_directories(dir);
    char name[32];
    std::snprintf(name, sizeof name, "%016zx", std::hash<std::string>{}(bytes));
    std::ofstream(dir / name, std::ios::binary) << bytes;
}

std::vector<std::string> receive(zmq::socket_t &socket, int timeoutMs)
{
    std::vector<std::string> frames;
    zmq::pollitem_t item{socket.handle(), 0, ZMQ_POLLIN, 0};
    if (zmq::poll(&item, 1, std::chrono::milliseconds(timeoutMs)) <= 0)
        return frames;
    zmq::message_t part;
    do {
        if (!socket.recv(part))
            break;
        frames.push_back(part.to_string());
    } while (part.more());
    return frames;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 6) {
        std::fprintf(stderr, "usage: %s FEED SNAPSHOT CONTROL OUTDIR PER_TYPE\n", argv[0]);
        return 2;
    }
    const std::filesystem::path out = argv[4];
    const int perType = std::stoi(argv[5]);
    zmq::context_t context;

    zmq::socket_t sub(context, zmq::socket_type::sub);
    sub.set(zmq::sockopt::subscribe, "");
    sub.connect(argv[1]);

    // Snapshot: every record of one complete snapshot, then its end.
    zmq::socket_t snapshot(context, zmq::socket_type::dealer);
    snapshot.connect(argv[2]);
    snapshot.send(zmq::str_buffer("SNAPSHOT"), zmq::send_flags::sndmore);
    snapshot.send(zmq::str_buffer("{\"depots\":[]}"));
    save(out / "fuzz_snapshot", "SNAPSHOT\n{\"depots\":[]}");
    save(out / "fuzz_snapshot", "SNAPSHOT\n{\"depots\":[\"BJ-CY-01\",\"BJ-HD-02\"]}");
    std::map<std::string, int> perKind;
    for (;;) {
        const auto frames = receive(snapshot, 5000);
        if (frames.size() != 2)
            break;
        // Records differ mostly in values: a few per order state are enough.
        const auto state = frames[1].find("\"state\":\"");
        const std::string kind = frames[0] + (state == std::string::npos ? "" : frames[1].substr(state, 20));
        if (perKind[kind]++ < perType)
            save(out / "fuzz_snapshot", frames[0] + "\n" + frames[1]);
        if (frames[0] == "SNAPEND")
            break;
    }

    // Control: replies to good and bad commands.
    zmq::socket_t control(context, zmq::socket_type::dealer);
    control.connect(argv[3]);
    const std::vector<std::string> commands = {
        R"({"id":"fuzz-1","cmd":"ping","by":{"user":"fuzz","role":"ops_manager"}})",
        R"({"id":"fuzz-2","cmd":"hold","order":"DD-none","by":{"user":"fuzz","role":"dispatcher"}})",
        R"({"id":"fuzz-3","cmd":"nonsense","by":{"user":"fuzz","role":"dispatcher"}})",
        R"({"id":"fuzz-4","cmd":"set_rate_limit","scope":"depot:BJ-CY-01","per_min":50,"burst":10,"by":{"user":"fuzz","role":"ops_manager"}})",
        R"({"id":"fuzz-5","cmd":"set_rate_limit","scope":"depot:BJ-CY-01","by":{"user":"fuzz","role":"customer_service"}})",
        R"({"id":"fuzz-6","cmd":"clear_rate_limit","scope":"depot:BJ-CY-01","by":{"user":"fuzz","role":"ops_manager"}})",
        R"({"id":"fuzz-7","cmd":"reassign","order":"DD-none","rider":"R-none","by":{"user":"fuzz","role":"dispatcher"}})",
        R"({"cmd":"ping"})",
    };
    for (const auto &command : commands) {
        control.send(zmq::buffer(command));
        const auto frames = receive(control, 3000);
        if (!frames.empty())
            save(out / "fuzz_control_reply", frames.back());
    }

    // Live messages: a few of each type (heartbeats and stats included).
    perKind.clear();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
        const auto frames = receive(sub, 1000);
        if (frames.size() != 2)
            continue;
        const auto slash = frames[0].find('/');
        const std::string type = slash == std::string::npos ? frames[0] : frames[0].substr(slash + 1);
        if (perKind[type]++ < perType)
            save(out / "fuzz_feed_decoder", frames[0] + "\n" + frames[1]);
    }
    for (const auto &[type, count] : perKind)
        std::printf("%s %d\n", type.c_str(), count);
    return 0;
}
