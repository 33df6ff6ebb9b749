"""OpenChat reference server: Flask + python-socketio + eventlet.

Written from the OpenChat README (shared/seed/openchat-README.md) and kept
faithful to it, so the probe can be pointed at a server that behaves like the
real deployment. Run from the folder that holds src/:

    HOST=127.0.0.1 PORT=8000 python -m src.main

Environment:
    HOST           address to bind (default 127.0.0.1)
    PORT           port to bind (default 8000)
    PING_INTERVAL  Engine.IO ping interval in seconds (python-socketio default, 25, when unset)
    PING_TIMEOUT   Engine.IO ping timeout in seconds (python-socketio default, 20, when unset)

Contract (what the seed describes, nothing more):
    connect         usernames[sid] = "Guest", then emit `usernames` (the whole
                    sid -> name dict) to every connected client. Because this
                    runs inside the connect handler, the connecting client gets
                    this `usernames` event BEFORE its own `40{"sid":...}` reply.
    add_username    usernames[sid] = name. No broadcast. The handler returns
                    None; python-socketio then answers a client that asked for
                    an ack (`42<id>[...]`) with an ack that has no arguments
                    (`43<id>[]`), and sends nothing when no ack was asked for.
    my_mssg         emit `message` with f"{name}: {data}" to every client,
                    the sender included (sio.emit without `to` broadcasts).
    disconnect      remove the user, emit `usernames` to everyone left.

Deliberate differences from a bare `eventlet.wsgi.server(eventlet.listen(...))`,
none of which changes the protocol seen by a client:
    * max_size (concurrent connections) 20000 instead of eventlet's 1024 and a
      listen backlog of 1024 instead of 50, so load tests are not capped;
    * SO_REUSEPORT off, so a second server on a busy port fails to start
      instead of silently sharing the port with a stale one.
"""

import os

import eventlet
import eventlet.wsgi
import socketio
from flask import Flask, render_template


def _seconds(name):
    """An optional number of seconds from the environment (None when unset)."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return None
    value = float(raw)
    # python-engineio advertises int(seconds) * 1000 ms: keep whole numbers ints.
    return int(value) if value.is_integer() else value


server_options = {"async_mode": "eventlet"}
for _env, _option in (("PING_INTERVAL", "ping_interval"), ("PING_TIMEOUT", "ping_timeout")):
    _value = _seconds(_env)
    if _value is not None:
        server_options[_option] = _value

# cors_allowed_origins is left at python-socketio's default (same origin only):
# a request with a foreign Origin header gets 400, one without Origin passes.
sio = socketio.Server(**server_options)
app = Flask(__name__)
app.wsgi_app = socketio.WSGIApp(sio, app.wsgi_app)

# sid -> username
usernames = {}


@app.route("/")
def home():
    return render_template("home.html")


@sio.event
def connect(sid, environ):
    usernames[sid] = "Guest"
    sio.emit("usernames", usernames)


@sio.event
def add_username(sid, name):
    # No broadcast, no explicit return: see the module docstring for the ack.
    usernames[sid] = name


@sio.event
def my_mssg(sid, data):
    sio.emit("message", f"{usernames[sid]}: {data}")


@sio.event
def disconnect(sid):
    usernames.pop(sid, None)
    sio.emit("usernames", usernames)


def main():
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8000"))
    listener = eventlet.listen((host, port), backlog=1024, reuse_port=False)
    # Nagle is left on, as in the seed: neither eventlet's listener nor its
    # WSGI server sets TCP_NODELAY on accepted sockets, and we do not either.
    # Small Socket.IO frames may therefore wait for the peer's delayed ACK
    # (tens of ms on loopback); a faithful reference shows that latency.
    print(f"OpenChat reference server on http://{host}:{port}/ "
          f"(ping_interval={server_options.get('ping_interval', 'default')}, "
          f"ping_timeout={server_options.get('ping_timeout', 'default')})", flush=True)
    eventlet.wsgi.server(listener, app, max_size=20000)


if __name__ == "__main__":
    main()
