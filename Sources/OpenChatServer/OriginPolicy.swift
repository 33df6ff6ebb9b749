/// python-socketio's default origin rule (`cors_allowed_origins=None`): a request without
/// `Origin` passes; one with `Origin` must name this server (`http://` or `https://` + `Host`).
/// A configured list replaces the rule; `"*"` in it accepts every origin.
enum OriginPolicy {
    static func allows(origin: String?, host: String?, allowed: [String]?) -> Bool {
        guard let origin else { return true }
        if let allowed { return allowed.contains("*") || allowed.contains(origin) }
        guard let host else { return false }
        return origin == "http://" + host || origin == "https://" + host
    }
}
