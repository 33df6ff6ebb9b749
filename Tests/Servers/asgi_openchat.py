"""OpenChat on a second stack: python-socketio AsyncServer (ASGI) under uvicorn.

Same OpenChat contract as Reference/flask-openchat (connect / add_username /
my_mssg / disconnect), plus handlers that the Swift client's interop tests use:

namespace "/":
    echo          the ack returns the event's arguments unchanged, as separate
                  arguments (`42N["echo",a,b]` -> `43N[a,b]`); bytes arguments
                  come back as binary attachments (a `46N-...` BINARY_ACK).
    message       emits `message-back` with the same arguments to the sender only.
namespace "/custom":
    connect       emits `auth` with one argument, the auth payload received
                  (null when there was none). It is emitted inside the connect
                  handler, so it reaches the client BEFORE the `40/custom,{"sid":..}`
                  reply. Note: python-socketio treats a falsy auth ({} too) as
                  "no auth", so `{}` comes back as null.
                  Then emits `headers` with one object argument,
                  {"authorization": ..., "cookie": ..., "origin": ...}: the
                  Authorization, Cookie and Origin headers of the request that
                  opened the Engine.IO session (the polling handshake, or the
                  WebSocket upgrade request when the client starts on
                  WebSocket), each a string or null when absent. A header sent
                  more than once arrives joined with "," (python-engineio).
                  Only a same-origin Origin (http://HOST, or https://HOST under
                  TLS) is let through: any other gets the handshake refused
                  (400 polling, 403 WebSocket), as on the reference server.
namespace "/private":
    connect       refused: `44/private,{"message":"nope","data":{"x":1}}`.

Unlike the reference server, "/" also accepts a CONNECT that carries auth (it is
ignored).

Environment: PORT (default 8000), HOST (default 127.0.0.1),
PING_INTERVAL / PING_TIMEOUT in seconds (python-socketio defaults when unset),
TLS_CERT / TLS_KEY: PEM certificate (chain) and private key files; when both
are set the server speaks only https:// and wss:// (setting just one is an error).
uvicorn itself also sends WebSocket ping frames every 20 s (its default
ws_ping_interval) that a client must answer.

Run: PORT=18002 python Tests/Servers/asgi_openchat.py
     PORT=18003 TLS_CERT=server.pem TLS_KEY=server.key python Tests/Servers/asgi_openchat.py
"""

import os

import socketio
import uvicorn
from socketio.exceptions import ConnectionRefusedError


def _seconds(name):
    """An optional number of seconds from the environment (None when unset)."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return None
    value = float(raw)
    # python-engineio advertises int(seconds) * 1000 ms: keep whole numbers ints.
    return int(value) if value.is_integer() else value


TLS_CERT = os.environ.get("TLS_CERT") or None
TLS_KEY = os.environ.get("TLS_KEY") or None
if (TLS_CERT is None) != (TLS_KEY is None):
    raise SystemExit("TLS_CERT and TLS_KEY must be set together")


def _same_origin_https(origin, environ):
    # python-engineio's ASGI driver always takes the scheme as "http" (it does
    # not look at the ASGI scope), so its default same-origin check would refuse
    # the correct Origin of an https page, https://HOST, and accept http://HOST.
    return origin == f"https://{environ.get('HTTP_HOST', '')}"


server_options = {"async_mode": "asgi"}
for _env, _option in (("PING_INTERVAL", "ping_interval"), ("PING_TIMEOUT", "ping_timeout")):
    _value = _seconds(_env)
    if _value is not None:
        server_options[_option] = _value
if TLS_CERT:
    server_options["cors_allowed_origins"] = _same_origin_https

sio = socketio.AsyncServer(**server_options)
app = socketio.ASGIApp(sio)

# sid -> username (namespace "/" only)
usernames = {}


# --- OpenChat contract, namespace "/" -----------------------------------------

@sio.event
async def connect(sid, environ, auth=None):
    # Unlike the reference server's connect(sid, environ), this accepts an auth
    # payload: python-socketio calls the handler with (sid, environ, auth)
    # whenever the CONNECT packet carries a truthy auth, and a two-argument
    # handler then fails with TypeError and the client never gets a reply.
    usernames[sid] = "Guest"
    await sio.emit("usernames", usernames)


@sio.event
async def add_username(sid, name):
    usernames[sid] = name


@sio.event
async def my_mssg(sid, data):
    await sio.emit("message", f"{usernames[sid]}: {data}")


@sio.event
async def disconnect(sid):
    usernames.pop(sid, None)
    await sio.emit("usernames", usernames)


# --- interop extras, namespace "/" --------------------------------------------

@sio.event
async def echo(sid, *args):
    # A tuple is sent as separate ack arguments; () gives an ack with none.
    return args


@sio.on("message")
async def message(sid, *args):
    # A tuple is sent as separate event arguments.
    await sio.emit("message-back", args, to=sid)


# --- namespace "/custom" -----------------------------------------------------

@sio.on("connect", namespace="/custom")
async def custom_connect(sid, environ, auth):
    # Wrapped in a 1-tuple so the event always carries exactly one argument,
    # whatever the payload's type (None -> null).
    await sio.emit("auth", (auth,), to=sid, namespace="/custom")
    # environ is python-engineio's WSGI-like dict built from the ASGI scope of
    # the request that opened the Engine.IO session (HTTP_<NAME> keys).
    headers = {
        "authorization": environ.get("HTTP_AUTHORIZATION"),
        "cookie": environ.get("HTTP_COOKIE"),
        "origin": environ.get("HTTP_ORIGIN"),
    }
    await sio.emit("headers", (headers,), to=sid, namespace="/custom")


# --- namespace "/private" ----------------------------------------------------

@sio.on("connect", namespace="/private")
async def private_connect(sid, environ, auth):
    raise ConnectionRefusedError("nope", {"x": 1})


def main():
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8000"))
    scheme = "https" if TLS_CERT else "http"
    print(f"ASGI OpenChat server on {scheme}://{host}:{port}/ "
          f"(ping_interval={server_options.get('ping_interval', 'default')}, "
          f"ping_timeout={server_options.get('ping_timeout', 'default')})", flush=True)
    # ws="wsproto": pinned in requirements.txt, chosen explicitly so the
    # WebSocket implementation does not depend on what else is installed.
    uvicorn.run(app, host=host, port=port, log_level="info", ws="wsproto",
                ssl_certfile=TLS_CERT, ssl_keyfile=TLS_KEY)


if __name__ == "__main__":
    main()
