import JSON

/// Parses `connection`: path, namespace, transport, headers, query, auth and connectTimeout,
/// expanding `${VAR}` in header values, query values and auth strings.
enum ConnectionParser {
    /// Every key `connection` may have.
    static let keys = ["path", "namespace", "transport", "headers", "query", "auth", "connectTimeout"]
    /// The transports a virtual user can use.
    static let transports = ["polling", "websocket", "polling-then-upgrade"]
    /// Query parameters that the Engine.IO client sets itself.
    static let reservedQueryParameters = ["EIO", "transport", "sid", "t"]

    /// The settings; defaults for whatever is missing or invalid (after recording the problem).
    static func parse(_ field: Field, environment: [String: String], _ issues: inout IssueList) -> ConnectionSettings {
        var settings = ConnectionSettings()
        guard let connection = field.object(&issues, keys: keys) else { return settings }
        if let path = connection["path"].flatMap({ slashPrefixed($0, example: "/socket.io/", &issues) }) {
            settings.path = path
        }
        if let namespace = connection["namespace"].flatMap({ slashPrefixed($0, example: "/", &issues) }) {
            settings.namespace = namespace
        }
        if let transport = connection["transport"]?.choice(transports, &issues) {
            settings.transport = transport
        }
        if let headers = connection["headers"] {
            settings.headers = parseHeaders(headers, environment: environment, &issues)
        }
        if let query = connection["query"] {
            settings.query = parseQuery(query, environment: environment, &issues)
        }
        if let auth = connection["auth"] {
            if case .object = auth.value {
                settings.auth = EnvironmentExpander.expand(auth.value, at: auth.path, environment: environment, &issues)
            } else {
                issues.add(auth.path, value: auth.value, expected: #"an object (the Socket.IO CONNECT payload), e.g. {"token": "${TOKEN}"}"#)
            }
        }
        if let timeout = connection["connectTimeout"]?.duration(&issues, allowsZero: false) {
            settings.connectTimeoutMilliseconds = timeout
        }
        return settings
    }

    private static func slashPrefixed(_ field: Field, example: String, _ issues: inout IssueList) -> String? {
        field.string(&issues).flatMap { text in
            guard text.hasPrefix("/") else {
                issues.add(field.path, value: field.value, expected: "a string starting with /, e.g. \"\(example)\"")
                return nil
            }
            return text
        }
    }

    private static func parseHeaders(_ field: Field, environment: [String: String], _ issues: inout IssueList) -> [String: String] {
        guard case .object(let object) = field.value else {
            issues.add(field.path, value: field.value, expected: #"an object of header names and values, e.g. {"Authorization": "Bearer ${TOKEN}"}"#)
            return [:]
        }
        var headers: [String: String] = [:]
        for (name, value) in object {
            let path = field.path.appending(name)
            guard isToken(name) else {
                issues.add(path, found: "the header name \(IssueList.quote(name))", expected: "a header name of letters, digits and !#$%&'*+-.^_`|~")
                continue
            }
            guard case .string(let text) = value else {
                issues.add(path, value: value, expected: "a string")
                continue
            }
            let expanded = EnvironmentExpander.expand(text, at: path, environment: environment, &issues)
            guard !expanded.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else {
                issues.add(path, found: "a line break in the value", expected: "a header value on one line")
                continue
            }
            headers[name] = expanded
        }
        return headers
    }

    private static func parseQuery(_ field: Field, environment: [String: String], _ issues: inout IssueList) -> [String: String] {
        guard case .object(let object) = field.value else {
            issues.add(field.path, value: field.value, expected: #"an object of parameter names and values, e.g. {"room": "load"}"#)
            return [:]
        }
        var query: [String: String] = [:]
        for (name, value) in object {
            let path = field.path.appending(name)
            if name.isEmpty || reservedQueryParameters.contains(name) {
                issues.add(path, found: "the parameter \(IssueList.quote(name))",
                           expected: "a parameter name other than \(reservedQueryParameters.joined(separator: ", ")) (the client sets those)")
                continue
            }
            guard case .string(let text) = value else {
                issues.add(path, value: value, expected: "a string")
                continue
            }
            query[name] = EnvironmentExpander.expand(text, at: path, environment: environment, &issues)
        }
        return query
    }

    /// RFC 9110 §5.6.2 token: the characters a header field name may have.
    private static func isToken(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || "!#$%&'*+-.^_`|~".unicodeScalars.contains(scalar))
        }
    }
}
