/// A key (or keys) and what it does, as listed in help and the key bar.
public struct KeyBinding: Equatable, Hashable, Sendable {
    /// How the keys are written: "n enter", "j k ↑ ↓".
    public var keys: String
    /// What they do, in a few words.
    public var summary: String

    public init(_ keys: String, _ summary: String) {
        self.keys = keys
        self.summary = summary
    }
}
