// Shared by every fuzz target: how libFuzzer's bytes are handed over and how a broken
// invariant is reported (a trap, which libFuzzer records as a crash with its input).

/// The fuzzer's input as an array.
func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// Stops the run, with the input saved by libFuzzer, when an invariant does not hold.
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("invariant broken: \(message())") }
}
