import Foundation
import Testing

@testable import AuthflowCLI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `decode`'s buffered standard input and output, on temporary files (reading or writing one
/// never waits, so no test blocks).
@Suite struct DecodeStreamsTests {
    /// A temporary file, open for reading and writing.
    private struct TemporaryFile {
        let descriptor: Int32
        private let path: String
        private var consumed = 0

        init(contents: String = "") throws {
            var template = Array((NSTemporaryDirectory() + "/decode-streams-XXXXXX").utf8CString)
            descriptor = mkstemp(&template)
            try #require(descriptor >= 0)
            path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        }

        /// What was written to the file since the last call.
        mutating func written() -> String {
            let bytes = Array(FileManager.default.contents(atPath: path) ?? Data())
            defer { consumed = bytes.count }
            return String(decoding: bytes[consumed...], as: UTF8.self)
        }

        /// Adds text at the end (the descriptor reads on from where it is).
        func append(_ text: String) throws {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        }

        func remove() {
            _ = close(descriptor)
            unlink(path)
        }
    }

    @Test func linesAreSplitAsReadLineSplitsThem() throws {
        let input = try TemporaryFile(contents: "a.b.c\r\nd.e.f\n\n\u{E9}\r\r\nlast")
        defer { input.remove() }
        let streams = DecodeStreams(input: input.descriptor, output: -1)
        var lines: [String] = []
        while let line = streams.readLine() { lines.append(line) }
        #expect(lines == ["a.b.c", "d.e.f", "", "\u{E9}\r", "last"])
    }

    @Test func aLineLongerThanOneReadIsWhole() throws {
        let long = String(repeating: "x", count: 150_000)
        let input = try TemporaryFile(contents: long + "\nnext\n")
        defer { input.remove() }
        let streams = DecodeStreams(input: input.descriptor, output: -1)
        #expect(streams.readLine() == long)
        #expect(streams.readLine() == "next")
        #expect(streams.readLine() == nil)
    }

    @Test func outputWaitsUntilInputWouldBeReadThenIsWritten() throws {
        let input = try TemporaryFile(contents: "one\ntwo\n")
        var output = try TemporaryFile()
        defer {
            input.remove()
            output.remove()
        }
        let streams = DecodeStreams(input: input.descriptor, output: output.descriptor)
        #expect(streams.readLine() == "one")
        streams.write("report 1\n")
        // "two" was read with "one": taking it needs no read, so nothing is written yet.
        #expect(streams.readLine() == "two")
        #expect(output.written() == "")
        streams.write("report 2\n")
        try input.append("three\n")
        // The next line needs a read (where a pipe would wait): what was kept is written first.
        #expect(streams.readLine() == "three")
        #expect(output.written() == "report 1\nreport 2\n")
        #expect(streams.readLine() == nil)
    }

    @Test func aLineIsReadyOnlyWhenTakingItNeedsNoRead() throws {
        let input = try TemporaryFile(contents: "one\ntwo\nthr")
        defer { input.remove() }
        let streams = DecodeStreams(input: input.descriptor, output: -1)
        // Nothing read yet: the first line needs a read.
        #expect(!streams.hasLineReady())
        #expect(streams.readLine() == "one")
        #expect(streams.hasLineReady())
        #expect(streams.readLine() == "two")
        // "thr" has no line break yet: more of it may still come.
        #expect(!streams.hasLineReady())
        try input.append("ee\n")
        #expect(streams.readLine() == "three")
        #expect(!streams.hasLineReady())
        #expect(streams.readLine() == nil)
        // At the end, nothing is waited for any more.
        #expect(streams.hasLineReady())
    }

    @Test func outputPast64KBIsWrittenWithoutWaitingForInput() throws {
        var output = try TemporaryFile()
        defer { output.remove() }
        let streams = DecodeStreams(input: -1, output: output.descriptor)
        let report = String(repeating: "r", count: 1000) + "\n"
        for _ in 0..<60 { streams.write(report) }
        #expect(output.written() == "")
        for _ in 0..<10 { streams.write(report) }
        let written = output.written()
        #expect(written.utf8.count >= DecodeStreams.outputLimit)
        streams.flush()
        #expect(written + output.written() == String(repeating: report, count: 70))
    }
}
