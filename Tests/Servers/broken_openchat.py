"""OpenChat with ONE deliberate defect, to prove the probe's checks catch it.

Same stack as asgi_openchat.py (python-socketio AsyncServer, ASGI, uvicorn,
wsproto) and the same OpenChat contract (connect / add_username / my_mssg /
disconnect, namespace "/" only), except for the defect chosen by the
environment variable DEFECT (required):

    lose-delivery       every 4th `my_mssg` (counted over the server's life) is
                        not delivered to one recipient other than the sender:
                        the k-th lost message skips the connected user at
                        index k mod n among the others, in connection order.
                        When the sender is alone, the loss moves to the next
                        message that has another recipient.
    reorder             one recipient, the second-oldest connected user, gets
                        the messages in swapped pairs: the first of a pair is
                        held, the next one is sent, then the held one. A held
                        message waits at most HOLD_SECONDS (0.25 s) for a
                        partner, then goes out alone (so nothing is lost). Every
                        other user gets the messages in the server's order.
    no-leave-broadcast  disconnect removes the user but emits no `usernames`.
    wrong-format        `message` reads f"{name} - {text}" instead of f"{name}: {text}".
    duplicate           every 3rd `my_mssg` is delivered twice (back to back)
                        to one recipient, chosen among the others (the sender
                        when alone) by the same rotation as lose-delivery.
    none                correct: the control on the same code and stack.

Counters and "connection order" are the server's, over its whole life: a
server reused by several runs keeps firing at the same rates. Deliveries of
`message` are serialized with one asyncio.Lock in every mode (none included),
so the only difference between modes is the defect itself. Each time a defect
fires it prints one "[defect] ..." line on stdout.

Environment: DEFECT (see above), PORT (default 8000), HOST (default
127.0.0.1), PING_INTERVAL / PING_TIMEOUT in seconds (python-socketio
defaults when unset).

Run: DEFECT=reorder PORT=18011 python Tests/Servers/broken_openchat.py
(scripts/servers.sh starts one per defect on 18010-18015.)
"""

import asyncio
import os
import sys

import socketio
import uvicorn

DEFECTS = ("lose-delivery", "reorder", "no-leave-broadcast", "wrong-format", "duplicate", "none")
LOSE_EVERY = 4
DUPLICATE_EVERY = 3
HOLD_SECONDS = 0.25

DEFECT = os.environ.get("DEFECT", "").strip()
if DEFECT not in DEFECTS:
    raise SystemExit(f"DEFECT must be one of {', '.join(DEFECTS)} (got {DEFECT!r})")


def _seconds(name):
    """An optional number of seconds from the environment (None when unset)."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return None
    value = float(raw)
    # python-engineio advertises int(seconds) * 1000 ms: keep whole numbers ints.
    return int(value) if value.is_integer() else value


server_options = {"async_mode": "asgi"}
for _env, _option in (("PING_INTERVAL", "ping_interval"), ("PING_TIMEOUT", "ping_timeout")):
    _value = _seconds(_env)
    if _value is not None:
        server_options[_option] = _value

sio = socketio.AsyncServer(**server_options)
app = socketio.ASGIApp(sio)

# sid -> username; a dict keeps insertion order, i.e. connection order.
usernames = {}

# Serializes every delivery of `message`, so the defect logic below sees and
# changes its state in the order the messages go out.
delivery_lock = asyncio.Lock()
messages_seen = 0           # my_mssg events handled so far
losses = 0                  # lose-delivery: losses done so far
loss_pending = False        # lose-delivery: a loss waiting for a message with another recipient
duplicates = 0              # duplicate: duplicates done so far
held = None                 # reorder: (victim sid, text) waiting for a partner
held_serial = 0             # reorder: identifies the current held message for its flush timer


def defect_log(text):
    print(f"[defect] {DEFECT}: {text}", flush=True)


def _short(text, limit=60):
    return text if len(text) <= limit else text[:limit] + "..."


# --- OpenChat contract -------------------------------------------------------

@sio.event
async def connect(sid, environ, auth=None):
    usernames[sid] = "Guest"
    await sio.emit("usernames", usernames)


@sio.event
async def add_username(sid, name):
    usernames[sid] = name


@sio.event
async def my_mssg(sid, data):
    name = usernames.get(sid, "Guest")
    if DEFECT == "wrong-format":
        text = f"{name} - {data}"
    else:
        text = f"{name}: {data}"
    async with delivery_lock:
        await deliver(sid, text)


@sio.event
async def disconnect(sid, reason=None):
    usernames.pop(sid, None)
    if DEFECT == "no-leave-broadcast":
        defect_log(f"{sid} left, {len(usernames)} remain, no usernames broadcast")
        return
    await sio.emit("usernames", usernames)


# --- deliveries --------------------------------------------------------------

async def deliver(sender, text):
    global messages_seen, losses, loss_pending, duplicates
    messages_seen += 1
    others = [s for s in usernames if s != sender]

    if DEFECT == "lose-delivery":
        if messages_seen % LOSE_EVERY == 0:
            loss_pending = True
        if loss_pending and others:
            victim = others[losses % len(others)]
            losses += 1
            loss_pending = False
            defect_log(f"message #{messages_seen} not sent to {victim}: {_short(text)!r}")
            await sio.emit("message", text, skip_sid=victim)
            return

    if DEFECT == "reorder":
        await deliver_reordered(text)
        return

    await sio.emit("message", text)

    if DEFECT == "duplicate" and messages_seen % DUPLICATE_EVERY == 0:
        candidates = others or [sender]
        victim = candidates[duplicates % len(candidates)]
        duplicates += 1
        defect_log(f"message #{messages_seen} sent twice to {victim}: {_short(text)!r}")
        await sio.emit("message", text, to=victim)


def reorder_victim():
    """The second-oldest connected user, or None when fewer than two are connected."""
    connected = list(usernames)
    return connected[1] if len(connected) >= 2 else None


async def deliver_reordered(text):
    global held, held_serial
    victim = reorder_victim()
    if held is not None and held[0] != victim:
        # The victim changed (someone older left): the held message goes to
        # its own recipient before anything else.
        await flush_held("victim changed")
    if victim is None:
        await sio.emit("message", text)
        return
    await sio.emit("message", text, skip_sid=victim)
    if held is None:
        held_serial += 1
        held = (victim, text)
        asyncio.get_running_loop().create_task(flush_later(held_serial))
        return
    first = held[1]
    held = None
    defect_log(f"{victim} gets {_short(text)!r} before {_short(first)!r}")
    await sio.emit("message", text, to=victim)
    await sio.emit("message", first, to=victim)


async def flush_held(why):
    global held
    if held is None:
        return
    victim, text = held
    held = None
    if victim in usernames:
        defect_log(f"held message to {victim} sent alone ({why}): {_short(text)!r}")
        await sio.emit("message", text, to=victim)


async def flush_later(serial):
    await asyncio.sleep(HOLD_SECONDS)
    async with delivery_lock:
        if held is not None and held_serial == serial:
            await flush_held(f"no partner within {HOLD_SECONDS} s")


def main():
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8000"))
    print(f"Broken OpenChat server on http://{host}:{port}/ DEFECT={DEFECT} "
          f"(ping_interval={server_options.get('ping_interval', 'default')}, "
          f"ping_timeout={server_options.get('ping_timeout', 'default')})", flush=True)
    sys.stdout.flush()
    # access_log off: the log then shows the defect lines, not every poll.
    uvicorn.run(app, host=host, port=port, log_level="info", ws="wsproto", access_log=False)


if __name__ == "__main__":
    main()
