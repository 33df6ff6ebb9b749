/// A JSON object whose members keep their wire (or insertion) order, so that a decoded message
/// serializes back byte for byte.
///
/// Like `JSON.parse` and python's `json.loads`, a repeated key keeps the position of its first
/// occurrence and the value of its last. Equality follows RFC 8259 §4 ("an unordered
/// collection"): two objects are equal when they have the same members in any order.
public struct JSONObject: Sendable, Sequence {
    /// Objects larger than this get a hash index; smaller ones are searched linearly, which is
    /// faster than hashing for the few keys of a typical message.
    private static let linearSearchLimit = 16

    private var storedKeys: [String]
    private var storedValues: [JSONValue]
    private var index: [String: Int]?

    /// Creates an empty object.
    public init() {
        storedKeys = []
        storedValues = []
        index = nil
    }

    /// Creates an object with the pairs in order; a repeated key keeps its first position and
    /// its last value.
    public init(_ pairs: [(String, JSONValue)]) {
        self.init()
        storedKeys.reserveCapacity(pairs.count)
        storedValues.reserveCapacity(pairs.count)
        for (key, value) in pairs {
            self[key] = value
        }
    }

    private init(keys: [String], values: [JSONValue], index: [String: Int]?) {
        storedKeys = keys
        storedValues = values
        self.index = index
    }

    /// Builds an object from the parser's parallel arrays, resolving repeated keys.
    init(parsedKeys keys: [String], values: [JSONValue]) {
        if keys.count <= Self.linearSearchLimit {
            if !Self.hasRepeatedKey(keys) {
                self.init(keys: keys, values: values, index: nil)
                return
            }
        } else {
            var index = [String: Int](minimumCapacity: keys.count)
            var isUnique = true
            for (i, key) in keys.enumerated() where index.updateValue(i, forKey: key) != nil {
                isUnique = false
                break
            }
            if isUnique {
                self.init(keys: keys, values: values, index: index)
                return
            }
        }
        self.init(Array(zip(keys, values)))
    }

    private static func hasRepeatedKey(_ keys: [String]) -> Bool {
        for i in keys.indices.dropFirst() {
            for j in 0..<i where keys[j] == keys[i] {
                return true
            }
        }
        return false
    }

    /// The number of members.
    public var count: Int { storedKeys.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { storedKeys.isEmpty }

    /// The keys in order.
    public var keys: [String] { storedKeys }

    /// The values in key order.
    public var values: [JSONValue] { storedValues }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return storedKeys.firstIndex(of: key)
    }

    /// The value for `key`; setting `nil` removes the member, setting a new key appends it.
    public subscript(key: String) -> JSONValue? {
        get {
            position(of: key).map { storedValues[$0] }
        }
        set {
            if let position = position(of: key) {
                if let newValue {
                    storedValues[position] = newValue
                } else {
                    storedKeys.remove(at: position)
                    storedValues.remove(at: position)
                    rebuildIndex()
                }
            } else if let newValue {
                storedKeys.append(key)
                storedValues.append(newValue)
                if index != nil {
                    index![key] = storedKeys.count - 1
                } else if storedKeys.count > Self.linearSearchLimit {
                    rebuildIndex()
                }
            }
        }
    }

    private mutating func rebuildIndex() {
        guard storedKeys.count > Self.linearSearchLimit else {
            index = nil
            return
        }
        var index = [String: Int](minimumCapacity: storedKeys.count)
        for (i, key) in storedKeys.enumerated() {
            index[key] = i
        }
        self.index = index
    }

    /// Iterates over the members in order.
    public struct Iterator: IteratorProtocol {
        private let object: JSONObject
        private var position = 0

        fileprivate init(_ object: JSONObject) { self.object = object }

        /// The next member, or `nil` after the last.
        public mutating func next() -> (key: String, value: JSONValue)? {
            guard position < object.storedKeys.count else { return nil }
            defer { position += 1 }
            return (object.storedKeys[position], object.storedValues[position])
        }
    }

    /// Returns an iterator over the members in order.
    public func makeIterator() -> Iterator { Iterator(self) }

    /// The number of members, for `Sequence`.
    public var underestimatedCount: Int { count }
}

extension JSONObject: Hashable {
    /// Two objects are equal when they have the same members, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.storedKeys == rhs.storedKeys { return lhs.storedValues == rhs.storedValues }
        for (key, value) in lhs where rhs[key] != value {
            return false
        }
        return true
    }

    /// Hashes the members independently of their order, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for (key, value) in self {
            var member = Hasher()
            member.combine(key)
            member.combine(value)
            combined &+= member.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}

extension JSONObject: CustomStringConvertible {
    /// The compact serialization.
    public var description: String { JSONValue.object(self).serialized }
}
