"""An independent gRPC client of Teleport's Auth service: Python's ssl and the h2 package,
nothing shared with the suite's Rust code. It dials the proxy's web port with the ALPN value
Teleport's TLS routing takes to the Auth service, presents a client certificate (or none),
posts /proto.AuthService/Ping with an empty PingRequest (or, with --method=GetTokens,
GetTokens with an empty google.protobuf.Empty), and prints what came back as JSON.

usage: grpc_ping.py HOST:PORT CLUSTER CA.pem [CERT.pem KEY.pem] [--alpn=VALUE] [--method=GetTokens]
"""

import json
import socket
import ssl
import sys
import urllib.parse

import h2.config
import h2.connection
import h2.events


def fields(data, number):
    """Every length-delimited field `number` of a protobuf message, decoded by hand."""
    found = []
    i = 0
    while i < len(data):
        key, i = varint(data, i)
        wire_type = key & 7
        if wire_type == 0:
            _, i = varint(data, i)
        elif wire_type == 2:
            length, i = varint(data, i)
            if key >> 3 == number:
                found.append(data[i : i + length])
            i += length
        else:
            raise ValueError("unexpected wire type %d" % wire_type)
    return found


def field(data, number):
    """The first length-delimited field `number` of a protobuf message."""
    found = fields(data, number)
    return found[0] if found else None


def varint(data, i):
    value, shift = 0, 0
    while True:
        b = data[i]
        i += 1
        value |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return value, i


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    alpn_args = [a[len("--alpn=") :] for a in sys.argv[1:] if a.startswith("--alpn=")]
    method_args = [a[len("--method=") :] for a in sys.argv[1:] if a.startswith("--method=")]
    method = method_args[0] if method_args else "Ping"
    addr, cluster, ca = args[0], args[1], args[2]
    host, port = addr.rsplit(":", 1)
    server_name = cluster.encode().hex() + ".teleport.cluster.local"
    alpn = alpn_args[0] if alpn_args else "teleport-auth@" + server_name
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(ca)
    if len(args) >= 5:
        ctx.load_cert_chain(args[3], args[4])
    ctx.set_alpn_protocols([alpn, "h2"])
    out = {}
    try:
        sock = ctx.wrap_socket(socket.create_connection((host, int(port)), timeout=20), server_hostname=server_name)
    except (ssl.SSLError, ConnectionError) as e:
        out["tls_error"] = str(e)
        print(json.dumps(out))
        return
    out["alpn"] = sock.selected_alpn_protocol()
    conn = h2.connection.H2Connection(config=h2.config.H2Configuration(client_side=True))
    conn.initiate_connection()
    sid = conn.get_next_available_stream_id()
    conn.send_headers(
        sid,
        [
            (":method", "POST"),
            (":scheme", "https"),
            (":path", "/proto.AuthService/" + method),
            (":authority", server_name),
            ("content-type", "application/grpc"),
            ("te", "trailers"),
        ],
    )
    # The gRPC frame: not compressed, length 0 (an empty PingRequest, or an Empty).
    conn.send_data(sid, b"\x00\x00\x00\x00\x00", end_stream=True)
    sock.sendall(conn.data_to_send())
    body, headers = b"", {}
    done = False
    while not done:
        try:
            chunk = sock.recv(65536)
        except (ssl.SSLError, ConnectionError) as e:
            out["read_error"] = str(e)
            break
        if not chunk:
            out["closed"] = True
            break
        for event in conn.receive_data(chunk):
            if isinstance(event, (h2.events.ResponseReceived, h2.events.TrailersReceived)):
                headers.update({k.decode(): v.decode() for k, v in event.headers})
            elif isinstance(event, h2.events.DataReceived):
                body += event.data
                conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
            elif isinstance(event, (h2.events.StreamEnded, h2.events.StreamReset)):
                done = True
        sock.sendall(conn.data_to_send())
    out["status"] = headers.get(":status")
    out["grpc_status"] = headers.get("grpc-status")
    # gRPC percent-encodes the message.
    out["grpc_message"] = urllib.parse.unquote(headers.get("grpc-message", ""))
    out["content_type"] = headers.get("content-type", "")
    if out["content_type"].startswith("application/grpc") and len(body) >= 5:
        message = body[5 : 5 + int.from_bytes(body[1:5], "big")]
        if method == "GetTokens":
            # types.ProvisionTokenV2List: ProvisionTokens = 1; ProvisionTokenV2: Metadata = 4
            # (Name = 1), Spec = 5 (Roles = 1).
            out["tokens"] = [
                {
                    "name": field(field(t, 4) or b"", 1).decode(),
                    "roles": [r.decode() for r in fields(field(t, 5) or b"", 1)],
                }
                for t in fields(message, 1)
            ]
        else:
            # PingResponse: ClusterName = 1, ServerVersion = 2.
            name, version = field(message, 1), field(message, 2)
            out["cluster_name"] = name.decode() if name is not None else None
            out["server_version"] = version.decode() if version is not None else None
    print(json.dumps(out))


main()
