"""An independent client that approves a headless login over Teleport's Auth service gRPC:
Python's ssl, the h2 package and the cryptography package, nothing shared with the suite's Rust
code. It follows Teleport's sequence (GetHeadlessAuthentication, CreateAuthenticateChallenge
with scope HEADLESS_LOGIN, a WebAuthn assertion made here from the software security key's file,
UpdateHeadlessAuthenticationState APPROVED with it) and prints what happened as JSON. With
--replay-on=OTHER_ID it then sends the same security-key answer to approve another request and
reports that answer too.

usage: headless_approve.py HOST:PORT CLUSTER CA.pem CERT.pem KEY.pem SOFTKEY.json REQUEST_ID [--replay-on=ID]
"""

import base64
import hashlib
import json
import socket
import ssl
import sys
import urllib.parse

import h2.config
import h2.connection
import h2.events
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

# Protobuf, written and read by hand from the wire format.


def put_varint(value):
    out = bytearray()
    while True:
        b = value & 0x7F
        value >>= 7
        if value:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def put_bytes(number, data):
    return put_varint(number << 3 | 2) + put_varint(len(data)) + data


def put_int(number, value):
    return put_varint(number << 3) + put_varint(value)


def get_varint(data, i):
    value, shift = 0, 0
    while True:
        b = data[i]
        i += 1
        value |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return value, i


def parse(data):
    """Every field of a message: number -> list of values (int, or bytes for length-delimited)."""
    found, i = {}, 0
    while i < len(data):
        key, i = get_varint(data, i)
        number, wire_type = key >> 3, key & 7
        if wire_type == 0:
            value, i = get_varint(data, i)
        elif wire_type == 2:
            length, i = get_varint(data, i)
            value = data[i : i + length]
            i += length
        else:
            raise ValueError("unexpected wire type %d" % wire_type)
        found.setdefault(number, []).append(value)
    return found


def one(fields, number, default=b""):
    return fields.get(number, [default])[0]


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Auth:
    """One HTTP/2 connection to the Auth service through the proxy's TLS routing."""

    def __init__(self, addr, cluster, ca, cert, key):
        host, port = addr.rsplit(":", 1)
        self.server_name = cluster.encode().hex() + ".teleport.cluster.local"
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.load_verify_locations(ca)
        ctx.load_cert_chain(cert, key)
        ctx.set_alpn_protocols(["teleport-auth@" + self.server_name, "h2"])
        self.sock = ctx.wrap_socket(
            socket.create_connection((host, int(port)), timeout=30), server_hostname=self.server_name
        )
        self.conn = h2.connection.H2Connection(config=h2.config.H2Configuration(client_side=True))
        self.conn.initiate_connection()
        self.sock.sendall(self.conn.data_to_send())

    def call(self, method, message):
        """A unary call: (grpc-status, grpc-message, the answer's bytes)."""
        sid = self.conn.get_next_available_stream_id()
        self.conn.send_headers(
            sid,
            [
                (":method", "POST"),
                (":scheme", "https"),
                (":path", "/proto.AuthService/" + method),
                (":authority", self.server_name),
                ("content-type", "application/grpc"),
                ("te", "trailers"),
            ],
        )
        self.conn.send_data(sid, b"\x00" + len(message).to_bytes(4, "big") + message, end_stream=True)
        self.sock.sendall(self.conn.data_to_send())
        body, headers, done = b"", {}, False
        while not done:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("the server closed the connection")
            for event in self.conn.receive_data(chunk):
                if getattr(event, "stream_id", sid) != sid:
                    continue
                if isinstance(event, (h2.events.ResponseReceived, h2.events.TrailersReceived)):
                    headers.update({k.decode(): v.decode() for k, v in event.headers})
                elif isinstance(event, h2.events.DataReceived):
                    body += event.data
                    self.conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
                elif isinstance(event, (h2.events.StreamEnded, h2.events.StreamReset)):
                    done = True
            self.sock.sendall(self.conn.data_to_send())
        answer = body[5 : 5 + int.from_bytes(body[1:5], "big")] if len(body) >= 5 else b""
        return headers.get("grpc-status"), urllib.parse.unquote(headers.get("grpc-message", "")), answer


def assertion(challenge, softkey_path, origin):
    """A WebAuthn assertion for the challenge from the software key's file, as a CTAP2 key makes
    it: authenticatorData = SHA-256(rp_id) | UP | counter, an ES256 signature over
    authenticatorData | SHA-256(clientDataJSON). The counter goes up in the file."""
    options = parse(one(parse(challenge), 1))
    raw_challenge, rp_id = one(options, 1), one(options, 3).decode()
    allowed = [one(parse(c), 2) for c in options.get(4, [])]
    with open(softkey_path) as f:
        state = json.load(f)
    cred = next(
        c
        for c in state["credentials"]
        if c["rp_id"] == rp_id and (not allowed or b64url_decode(c["id"]) in allowed)
    )
    cred["counter"] += 1
    with open(softkey_path, "w") as f:
        json.dump(state, f)
    auth_data = hashlib.sha256(rp_id.encode()).digest() + b"\x01" + cred["counter"].to_bytes(4, "big")
    client_data = json.dumps(
        {"type": "webauthn.get", "challenge": b64url(raw_challenge), "origin": origin, "crossOrigin": False},
        separators=(",", ":"),
    ).encode()
    key = ec.derive_private_key(int(cred["key"], 16), ec.SECP256R1())
    signature = key.sign(auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256()))
    # webauthn.CredentialAssertionResponse: type = 1, raw_id = 2, response = 3
    # {client_data_json = 1, authenticator_data = 2, signature = 3}.
    return (
        put_bytes(1, b"public-key")
        + put_bytes(2, b64url_decode(cred["id"]))
        + put_bytes(3, put_bytes(1, client_data) + put_bytes(2, auth_data) + put_bytes(3, signature))
    )


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    addr, cluster, ca, cert, key, softkey, request_id = args
    auth = Auth(addr, cluster, ca, cert, key)
    out = {}

    # GetHeadlessAuthentication{id = 1} -> types.HeadlessAuthentication: user = 2, state = 4,
    # client_ip_address = 6.
    status, message, answer = auth.call("GetHeadlessAuthentication", put_bytes(1, request_id.encode()))
    out["get"] = {"grpc_status": status, "grpc_message": message}
    if status != "0":
        print(json.dumps(out))
        return
    request = parse(answer)
    out["user"] = one(request, 2).decode()
    out["state"] = one(request, 4, 0)
    out["client_ip"] = one(request, 6).decode()

    # CreateAuthenticateChallenge{ContextUser = 3 {}, ChallengeExtensions = 6 {scope = 1:
    # HEADLESS_LOGIN = 3}} -> MFAAuthenticateChallenge: WebauthnChallenge = 3.
    status, message, answer = auth.call(
        "CreateAuthenticateChallenge", put_bytes(3, b"") + put_bytes(6, put_int(1, 3))
    )
    out["challenge"] = {"grpc_status": status, "grpc_message": message}
    webauthn = one(parse(answer), 3, None)
    if status != "0" or webauthn is None:
        print(json.dumps(out))
        return
    response = assertion(webauthn, softkey, "https://" + addr)

    # UpdateHeadlessAuthenticationState{id = 1, state = 2: APPROVED = 3, mfa_response = 3
    # {Webauthn = 3}}.
    update = put_bytes(1, request_id.encode()) + put_int(2, 3) + put_bytes(3, put_bytes(3, response))
    status, message, _ = auth.call("UpdateHeadlessAuthenticationState", update)
    out["approve"] = {"grpc_status": status, "grpc_message": message}
    for other in [a[len("--replay-on=") :] for a in sys.argv[1:] if a.startswith("--replay-on=")]:
        replay = put_bytes(1, other.encode()) + put_int(2, 3) + put_bytes(3, put_bytes(3, response))
        status, message, _ = auth.call("UpdateHeadlessAuthenticationState", replay)
        out["replay"] = {"grpc_status": status, "grpc_message": message}
    print(json.dumps(out))


main()
