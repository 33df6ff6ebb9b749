/// The chat page served at `/`: the reference's UI (a name prompt, the message list, an input,
/// Send and Leave, Enter sends) with no CDN. Its script is a small Socket.IO v5 client over a
/// WebSocket (`EIO=4&transport=websocket`): it answers pings, joins `/`, emits `add_username` and
/// `my_mssg`, and shows `message` and `usernames`. Message text goes in with `textContent`, never
/// as HTML.
enum ChatPage {
    static let html = #"""
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <title>OpenChat</title>
  <style>
    * { box-sizing: border-box; }
    body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center;
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #eef1f5; }
    .chat-card { width: min(600px, 95vw); height: min(700px, 90vh); display: flex; flex-direction: column;
      background: #fff; border-radius: 12px; box-shadow: 0 4px 20px rgba(0, 0, 0, 0.12); overflow: hidden; }
    .chat-header { padding: 14px 18px; background: #3b5bdb; color: #fff; font-size: 1.2rem; font-weight: 600; }
    #users { display: block; font-size: 0.8rem; font-weight: 400; opacity: 0.9; margin-top: 4px; }
    #messages { flex: 1; margin: 0; padding: 12px 18px; list-style: none; overflow-y: auto; }
    #messages li { padding: 8px 12px; margin-bottom: 6px; border-radius: 8px; background: #f1f3f5; word-wrap: break-word; }
    #messages li.status { background: none; color: #868e96; font-style: italic; }
    .chat-input { display: flex; gap: 8px; padding: 12px; border-top: 1px solid #dee2e6; }
    #message-input { flex: 1; padding: 10px; border: 1px solid #ced4da; border-radius: 8px; font-size: 1rem; }
    button { padding: 10px 16px; border: none; border-radius: 8px; font-size: 1rem; cursor: pointer; color: #fff; }
    #send-btn { background: #3b5bdb; }
    #leave-btn { background: #e03131; }
  </style>
</head>
<body>
  <div class="chat-card">
    <div class="chat-header">OpenChat <span id="users"></span></div>
    <ul id="messages"></ul>
    <div class="chat-input">
      <input id="message-input" type="text" placeholder="Type a message..." autocomplete="off">
      <button id="send-btn">Send</button>
      <button id="leave-btn">Leave</button>
    </div>
  </div>
  <script>
    // A minimal Socket.IO v5 client over one WebSocket (Engine.IO v4, no polling).
    function connectSocket(handlers) {
      const scheme = location.protocol === "https:" ? "wss://" : "ws://";
      const ws = new WebSocket(scheme + location.host + "/socket.io/?EIO=4&transport=websocket");
      let connected = false;
      const queue = [];
      const send = (text) => { if (ws.readyState === WebSocket.OPEN) ws.send(text); };
      ws.onmessage = (event) => {
        if (typeof event.data !== "string") return;  // binary attachments are not used here
        const type = event.data[0], data = event.data.slice(1);
        if (type === "0") { send("40"); }                      // Engine.IO open: join "/"
        else if (type === "2") { send("3"); }                  // ping -> pong
        else if (type === "1") { ws.close(); }
        else if (type === "4") {
          const packetType = data[0];
          if (packetType === "0") {                            // CONNECT reply
            connected = true;
            handlers.connect(JSON.parse(data.slice(1)).sid);
            queue.splice(0).forEach(send);
          } else if (packetType === "2") {                     // EVENT ["name", args...]
            const start = data.indexOf("[");
            if (start < 0) return;
            const [name, ...args] = JSON.parse(data.slice(start));
            if (handlers[name]) handlers[name](...args);
          } else if (packetType === "1") { ws.close(); }       // server DISCONNECT
        }
      };
      ws.onclose = () => { connected = false; handlers.close(); };
      return {
        emit(name, ...args) {
          const text = "42" + JSON.stringify([name, ...args]);
          if (connected) send(text); else queue.push(text);
        },
        disconnect() { send("41"); send("1"); ws.close(); },
      };
    }

    const messages = document.getElementById("messages");
    const users = document.getElementById("users");
    const input = document.getElementById("message-input");

    function addLine(text, className) {
      const li = document.createElement("li");
      li.textContent = text;
      if (className) li.className = className;
      messages.appendChild(li);
      messages.scrollTop = messages.scrollHeight;
    }

    const socket = connectSocket({
      connect() { addLine("Connected.", "status"); },
      close() { addLine("Disconnected.", "status"); users.textContent = ""; },
      message(msg) { addLine(String(msg)); },
      usernames(map) {
        users.textContent = "Online: " + Object.values(map).map(String).join(", ");
      },
    });

    window.addEventListener("load", () => {
      const name = prompt("Enter your username:");
      if (name) socket.emit("add_username", name);
    });

    function sendMessage() {
      const text = input.value.trim();
      if (text) {
        socket.emit("my_mssg", text);
        input.value = "";
      }
    }

    document.getElementById("send-btn").addEventListener("click", sendMessage);
    input.addEventListener("keydown", (e) => { if (e.key === "Enter") sendMessage(); });
    document.getElementById("leave-btn").addEventListener("click", () => socket.disconnect());
  </script>
</body>
</html>
"""#
}
