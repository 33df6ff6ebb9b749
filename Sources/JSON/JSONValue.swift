/// A JSON value (RFC 8259), plus the binary values that Socket.IO carries as attachments.
///
/// Numbers are `Double`, as in JavaScript: integers beyond 2^53 lose precision exactly as they
/// do in a Node.js peer.
public enum JSONValue: Hashable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number; non-finite values serialize as `null`, like `JSON.stringify`.
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object whose keys keep their wire (or insertion) order.
    case object(JSONObject)
    /// Not JSON: a Socket.IO binary attachment. The Socket.IO encoder replaces it with a
    /// `{"_placeholder":true,"num":i}` object; `serialized` writes it the way `JSON.stringify`
    /// writes a Node.js `Buffer`: `{"type":"Buffer","data":[1,2,3]}`.
    case binary([UInt8])
}

extension JSONValue {
    /// The string, if this is a `.string`.
    public var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }

    /// The elements, if this is an `.array`.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { value } else { nil }
    }

    /// The object, if this is an `.object`.
    public var objectValue: JSONObject? {
        if case .object(let value) = self { value } else { nil }
    }

    /// The number, if this is a `.number`.
    public var numberValue: Double? {
        if case .number(let value) = self { value } else { nil }
    }

    /// The number as an `Int`, if this is a `.number` that is integral and fits; never traps.
    public var intValue: Int? {
        if case .number(let value) = self { Int(exactly: value) } else { nil }
    }

    /// The Boolean, if this is a `.bool`.
    public var boolValue: Bool? {
        if case .bool(let value) = self { value } else { nil }
    }

    /// The bytes, if this is a `.binary` attachment.
    public var binaryValue: [UInt8]? {
        if case .binary(let value) = self { value } else { nil }
    }

    /// Whether this is `.null`.
    public var isNull: Bool {
        if case .null = self { true } else { false }
    }

    /// The member named `key`, if this is an object that has one.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// The element at `index`, if this is an array and the index is in range.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// Whether a `.binary` value occurs anywhere inside this value.
    public var containsBinary: Bool {
        switch self {
        case .binary: true
        case .array(let elements): elements.contains { $0.containsBinary }
        case .object(let object): object.contains { $0.value.containsBinary }
        case .null, .bool, .number, .string: false
        }
    }
}

extension JSONValue: CustomStringConvertible {
    /// The compact serialization.
    public var description: String { serialized }
}
