#include "SocketSetup.h"

namespace opsdeck::feed {

void applyCurveClient(zmq::socket_t &socket, const CurveKeys &keys)
{
    if (!keys.enabled())
        return;
    socket.set(zmq::sockopt::curve_serverkey, keys.serverPublic);
    socket.set(zmq::sockopt::curve_publickey, keys.clientPublic);
    socket.set(zmq::sockopt::curve_secretkey, keys.clientSecret);
}

zmq::socket_t makeRequestDealer(zmq::context_t &context, const std::string &endpoint, const CurveKeys &keys)
{
    zmq::socket_t socket(context, zmq::socket_type::dealer);
    socket.set(zmq::sockopt::linger, 0);
    socket.set(zmq::sockopt::immediate, 1);
    socket.set(zmq::sockopt::reconnect_ivl, 100);
    socket.set(zmq::sockopt::reconnect_ivl_max, 2000);
    applyCurveClient(socket, keys);
    socket.connect(endpoint);
    return socket;
}

} // namespace opsdeck::feed
