#!/usr/bin/env python3
"""Two headless Chromium pages use the Swift server's chat page: each answers the name prompt, one
sends a message, both must show it as "name: text", and text that looks like HTML must stay text.

    python Tests/Browser/chat_page_test.py http://127.0.0.1:PORT/

Drives Chromium over the DevTools protocol (websocket-client from .venv-peers); needs the Debian
`chromium` package. Exit 0 on success, 1 with a message otherwise. Bounded: every wait has a timeout.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import websocket  # websocket-client

TIMEOUT = 15.0


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="oc-chromium-")
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if not chromium:
            raise SystemExit("chat_page_test: chromium is not installed (apt-get install chromium)")
        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0",
             f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.time() + TIMEOUT
        while not os.path.exists(port_file) or os.path.getsize(port_file) == 0:
            if time.time() > deadline:
                raise SystemExit("chat_page_test: chromium did not start")
            time.sleep(0.1)
        with open(port_file) as handle:
            port, path = handle.read().split("\n")[:2]
        self.socket = websocket.create_connection(f"ws://127.0.0.1:{port}{path}", timeout=TIMEOUT)
        self.next_id = 0
        self.events = []
        self.answered = set()

    def call(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.socket.send(json.dumps(message))
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            reply = json.loads(self.socket.recv())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)
            self.handle_event(reply)
        raise RuntimeError(f"{method}: no reply within {TIMEOUT} s")

    def handle_event(self, event):
        if event.get("method") == "Page.javascriptDialogClosed":
            self.answered.add(event.get("sessionId"))
        # Answer the page's name prompt with the name chosen for that tab.
        if event.get("method") == "Page.javascriptDialogOpening":
            session = event.get("sessionId")
            name = self.names.get(session, "someone")
            self.socket.send(json.dumps({"id": 0, "method": "Page.handleJavaScriptDialog",
                                         "params": {"accept": True, "promptText": name}, "sessionId": session}))

    def open_page(self, url, name):
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.names[session] = name
        self.call("Page.enable", session=session)
        self.call("Runtime.enable", session=session)
        self.call("Page.navigate", {"url": url}, session=session)
        return session

    def evaluate(self, session, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=session)
        return result.get("result", {}).get("value")

    def wait_for(self, session, expression, what):
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            if self.evaluate(session, expression):
                return
            time.sleep(0.1)
        text = self.evaluate(session, "document.body ? document.body.innerText : ''")
        raise SystemExit(f"chat_page_test: {what} did not happen within {TIMEOUT} s; page text: {text!r}")

    def close(self):
        try:
            self.socket.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
            shutil.rmtree(self.profile, ignore_errors=True)


def main():
    url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000/"
    browser = Browser()
    browser.names = {}
    try:
        alice = browser.open_page(url, "alice")
        bob = browser.open_page(url, "bob")
        for session in (alice, bob):
            browser.wait_for(session, "document.getElementById('message-input') !== null", "the page load")
        # Both tabs must have answered their name prompt, and both users must be online.
        deadline = time.time() + TIMEOUT
        while not {alice, bob} <= browser.answered:
            if time.time() > deadline:
                raise SystemExit("chat_page_test: the name prompts were not shown and answered")
            browser.call("Runtime.evaluate", {"expression": "1"}, session=alice)
            time.sleep(0.1)
        for session in (alice, bob):
            browser.wait_for(session, "document.getElementById('users').innerText.split(',').length >= 2",
                             "both users online")
        hostile = "<b>bold</b> & <img src=x onerror=alert(1)>"
        for session, text in ((alice, "hello from alice"), (bob, hostile)):
            browser.evaluate(session, f"""
                (() => {{ const input = document.getElementById('message-input');
                         input.value = {json.dumps(text)};
                         document.getElementById('send-btn').click(); return true; }})()""")
        for session in (alice, bob):
            browser.wait_for(session, "document.getElementById('messages').innerText.includes('alice: hello from alice')",
                             "alice's message on both pages")
            browser.wait_for(session, f"document.getElementById('messages').innerText.includes({json.dumps('bob: ' + hostile)})",
                             "bob's HTML-looking message shown as text on both pages")
            if browser.evaluate(session, "document.querySelectorAll('#messages img, #messages b').length") != 0:
                raise SystemExit("chat_page_test: message text was inserted as HTML")
        print("chat_page_test: ok: two Chromium pages exchanged messages as 'name: text', HTML shown as text")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
