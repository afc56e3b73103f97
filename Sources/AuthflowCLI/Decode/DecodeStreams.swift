#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `authflow decode`'s standard input lines and standard output, each through a buffer of its own.
///
/// A report used to be one `write` to standard output, and a line one `getline`; with thousands of
/// tokens on standard input that was a system call per token. Now the output is kept until the
/// input would have to wait (the next `read`), until it reaches 64 KB, or until the end, so a
/// reader still sees each report before authflow waits for more tokens, as before.
final class DecodeStreams {
    /// How much output is kept before it is written even though input is at hand.
    static let outputLimit = 65_536
    private static let chunkSize = 65_536

    private let inputDescriptor: Int32
    private let outputDescriptor: Int32
    private var input: [UInt8] = []
    private var inputStart = 0
    private var inputEnded = false
    private var output: [UInt8] = []
    /// Set when standard output cannot be written (a closed pipe): later output is dropped.
    private(set) var outputFailed = false

    init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) {
        inputDescriptor = input
        outputDescriptor = output
        self.output.reserveCapacity(Self.outputLimit + 8192)
    }

    /// The next line without its line break (`\n` or `\r\n`), as `Swift.readLine` gives it
    /// (invalid UTF-8 repaired); `nil` at the end of the input. Writes the output kept so far
    /// before it waits for input.
    func readLine() -> String? {
        while true {
            if let newline = input[inputStart...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > inputStart, input[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = String(decoding: input[inputStart..<end], as: UTF8.self)
                inputStart = newline + 1
                return line
            }
            if inputEnded {
                guard inputStart < input.count else { return nil }
                let line = String(decoding: input[inputStart...], as: UTF8.self)
                inputStart = input.count
                return line
            }
            input.removeSubrange(0..<inputStart)
            inputStart = 0
            flush()
            let kept = input.count
            input.append(contentsOf: repeatElement(0, count: Self.chunkSize))
            let count = input.withUnsafeMutableBytes { buffer in
                read(inputDescriptor, buffer.baseAddress! + kept, Self.chunkSize)
            }
            input.removeSubrange((kept + max(count, 0))...)
            if count == 0 || (count < 0 && errno != EINTR) { inputEnded = true }
        }
    }

    /// Whether `readLine` would return without reading: a whole line is kept, or the input ended.
    func hasLineReady() -> Bool {
        if inputEnded { return true }
        return input[inputStart...].contains(UInt8(ascii: "\n"))
    }

    /// Keeps text for standard output, writing it out once 64 KB are kept.
    func write(_ text: String) {
        guard !outputFailed else { return }
        output.append(contentsOf: text.utf8)
        if output.count >= Self.outputLimit { flush() }
    }

    /// Writes out the output kept so far.
    func flush() {
        var written = 0
        while written < output.count, !outputFailed {
            let count = output.withUnsafeBytes { buffer in
                writeBytes(outputDescriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if count > 0 {
                written += count
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                outputFailed = true
            }
        }
        output.removeAll(keepingCapacity: true)
    }
}

/// `write(2)` (the class has a `write` of its own).
private func writeBytes(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
