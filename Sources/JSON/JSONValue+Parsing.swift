extension JSONValue {
    /// Parses one JSON text (RFC 8259) from UTF-8 bytes.
    ///
    /// Strict: no comments, trailing commas, `NaN` or byte-order mark; strings must be well-formed
    /// UTF-8 and `\u` escapes must pair surrogates. Raw UTF-8 (Node) and `\uXXXX` escapes
    /// (python's `ensure_ascii`) both decode. Any top-level value is accepted.
    /// - Throws: `JSONError` with the byte offset of the problem.
    public init(parsing bytes: some Collection<UInt8>, limits: JSONLimits = .init()) throws(JSONError) {
        let result = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONError) in try JSONParser.parse(buffer, limits: limits) }
        }
        if let result {
            self = try result.get()
        } else {
            let copy = Array(bytes)
            self = try copy.withUnsafeBufferPointer { buffer in
                Result { () throws(JSONError) in try JSONParser.parse(buffer, limits: limits) }
            }.get()
        }
    }

    /// Parses one JSON text (RFC 8259) from a string; see the byte-collection overload.
    public init(parsing text: String, limits: JSONLimits = .init()) throws(JSONError) {
        var text = text
        self = try text.withUTF8 { buffer in
            Result { () throws(JSONError) in try JSONParser.parse(buffer, limits: limits) }
        }.get()
    }

    /// Parses one JSON text (RFC 8259) from a substring, such as the tail of a Socket.IO packet.
    public init(parsing text: Substring, limits: JSONLimits = .init()) throws(JSONError) {
        var text = text
        self = try text.withUTF8 { buffer in
            Result { () throws(JSONError) in try JSONParser.parse(buffer, limits: limits) }
        }.get()
    }
}
