extension OpenChatChecker {
    /// One sentence per check: what it verifies and exactly what it tolerates (for reports and the README).
    public static func description(of check: CheckName) -> String {
        switch check {
        case .delivery:
            return "Every sent message must reach, exactly once and within the grace period, every user connected from "
                + "before the send until the grace period ends, the sender included; users that join or leave inside that "
                + "window may get it or not (but never twice), a tagged message no user of this run sent is unknown, untagged "
                + "or other-run messages are only counted as foreign, and a copy of a message older than the last "
                + "retained finalized messages is counted as expired without being judged."
        case .content:
            return "Every copy must read exactly \"<name>: <text>\" where the name is the sender's last confirmed name "
                + "(\"Guest\" after connecting) or any name it requested before the send that no later confirmation "
                + "superseded, since python-socketio runs a client's events concurrently and a message right after an "
                + "unconfirmed rename may carry the old name."
        case .order:
            return "Each user must get a sender's messages in increasing sequence order, and any two users must see the "
                + "messages they both got in the same relative order, each inverted pair reported once; messages are "
                + "compared only while inside their delivery window (later copies and duplicates are not ordered), and two "
                + "users disagreeing about one sender's messages count as sender order only."
        case .usernames:
            return "After a join every user connected then, the newcomer included, must get within the grace period a "
                + "usernames map listing the newcomer (a map that listed it before its connect record counts, since the "
                + "server broadcasts before its CONNECT reply), after a leave every remaining user must get a map without "
                + "the leaver within the grace period (the drop grace after a drop or unexpected disconnect, since the "
                + "server may notice only at its ping timeout; a last map that already lacked it counts), a map received "
                + "after a confirmed rename and before any newer request must show the user's own entry with that name, and "
                + "the last map of a user leaving or still connected at the end must list exactly our connected users, "
                + "ignoring joins and leaves within the grace period (drop grace for drops) before then, socket ids that are "
                + "not ours, and other users' names (a rename triggers no broadcast)."
        case .errors:
            return "Counts failed connects, refused namespaces, unexpected disconnects (with the reason), protocol errors "
                + "and timed-out expect or ack steps by kind; the check fails when any occurred, and the counts feed "
                + "thresholds on errors and on their rate."
        }
    }
}
