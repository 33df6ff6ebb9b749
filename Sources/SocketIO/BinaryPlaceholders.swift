import JSON

/// Moves `.binary` values out to attachments and back (PROTOCOL.md §2, "Binary"): each becomes
/// `{"_placeholder":true,"num":i}`, numbered depth-first in array and key order, as Node's
/// `deconstructPacket` and python's `deconstruct_binary` do.
enum BinaryPlaceholders {
    static func placeholder(_ number: Int) -> JSONValue {
        .object(JSONObject([("_placeholder", .bool(true)), ("num", .number(Double(number)))]))
    }

    /// Replaces every `.binary` in `value` by a placeholder, appending the bytes to `attachments`.
    static func deconstruct(_ value: JSONValue, into attachments: inout [[UInt8]]) -> JSONValue {
        switch value {
        case .binary(let bytes):
            attachments.append(bytes)
            return placeholder(attachments.count - 1)
        case .array(let elements):
            return .array(elements.map { deconstruct($0, into: &attachments) })
        case .object(let object):
            return .object(JSONObject(object.map { ($0.key, deconstruct($0.value, into: &attachments)) }))
        case .null, .bool, .number, .string:
            return value
        }
    }

    /// The attachment number if `object` is a placeholder: an object whose `_placeholder` is
    /// `true` (Node replaces the whole object whatever else it holds). `.some(nil)` marks a
    /// placeholder with a `num` that is not a non-negative integer.
    private static func placeholderNumber(_ object: JSONObject) -> Int?? {
        guard object["_placeholder"] == .bool(true) else { return nil }
        guard let number = object["num"]?.intValue, number >= 0 else { return .some(nil) }
        return number
    }

    /// Checks that every placeholder names one of `count` attachments.
    static func validate(_ value: JSONValue, count: Int) throws(SocketIOError) {
        switch value {
        case .array(let elements):
            for element in elements { try validate(element, count: count) }
        case .object(let object):
            if let number = placeholderNumber(object) {
                guard let number, number < count else { throw .invalidPlaceholder(count: count) }
            } else {
                for (_, member) in object { try validate(member, count: count) }
            }
        case .null, .bool, .number, .string, .binary:
            break
        }
    }

    /// Replaces placeholders by their attachments; `validate` must have passed.
    static func reconstruct(_ value: JSONValue, attachments: [[UInt8]]) -> JSONValue {
        switch value {
        case .array(let elements):
            return .array(elements.map { reconstruct($0, attachments: attachments) })
        case .object(let object):
            if let number = placeholderNumber(object), let number, number < attachments.count {
                return .binary(attachments[number])
            }
            return .object(JSONObject(object.map { ($0.key, reconstruct($0.value, attachments: attachments)) }))
        case .null, .bool, .number, .string, .binary:
            return value
        }
    }
}
