extension Phase {
    /// The phase's name, whatever its kind.
    public var name: String {
        switch self {
        case .arrivals(let name, _, _, _), .users(let name, _, _), .pause(let name, _): name
        }
    }
}
