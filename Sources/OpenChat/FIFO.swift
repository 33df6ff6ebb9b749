/// A first-in first-out queue over an array with a moving head, compacted as it drains, so that
/// popping is O(1) amortized and a long run does not keep the consumed prefix alive.
struct FIFO<Element>: Sendable where Element: Sendable {
    private var storage: [Element] = []
    private var head = 0

    init() {}

    var isEmpty: Bool { head == storage.count }
    var count: Int { storage.count - head }
    var first: Element? { isEmpty ? nil : storage[head] }

    mutating func append(_ element: Element) { storage.append(element) }

    @discardableResult
    mutating func removeFirst() -> Element {
        precondition(!isEmpty, "FIFO.removeFirst on an empty queue")
        let element = storage[head]
        head += 1
        if head >= 1024 && head * 2 >= storage.count {
            storage.removeFirst(head)
            head = 0
        }
        return element
    }

    mutating func removeAll() {
        storage.removeAll()
        head = 0
    }

    /// The live elements, oldest first.
    var elements: ArraySlice<Element> { storage[head...] }

    /// Lets callers update live elements in place (index from `elements.indices`).
    subscript(index: Int) -> Element {
        get { storage[index] }
        set { storage[index] = newValue }
    }
}
