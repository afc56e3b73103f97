import Foundation
import TestSupport
import Testing

@testable import AuthflowCLI
@testable import FlowEngine

/// `decode` inspects the tokens at hand on several threads: the output is the same as one token at
/// a time, in the tokens' order, and a token not yet readable never holds back earlier reports.
@Suite struct DecodeBatchTests {
    /// Good, expired and unparseable tokens mixed, each with its own subject.
    static let tokens: [String] = (0..<41).map { index in
        switch index % 7 {
        case 3: "not-a-jwt-\(index)"
        case 5: DecodeOutputTests.token(#"{"sub":"user-\#(index)","exp":1700000000}"#)
        default: DecodeOutputTests.token(#"{"sub":"user-\#(index)","exp":1800003600}"#)
        }
    }

    /// A whole run over `tokens` as standard input whose lines are all already read (a file or a
    /// pipe with everything in it), with `workers` threads.
    static func run(workers: Int, json: Bool) -> (output: String, status: DecodeExitStatus, count: Int) {
        var remaining = tokens[...]
        var output = ""
        let (status, count) = DecodeCommand.stream(
            DecodeInput.Tokens(arguments: ["-"], readLine: { remaining.popFirst() }, lineReady: { true }),
            total: nil, json: json, inspect: { DecodeOutputTests.inspect($0) }, output: { output += $0 },
            batch: DecodeBatch(workers: workers))
        return (output, status, count)
    }

    @Test(arguments: [false, true])
    func severalThreadsWriteWhatOneThreadWrites(json: Bool) async throws {
        let single = Self.run(workers: 1, json: json)
        #expect(single.count == Self.tokens.count)
        #expect(single.status == .unparseable)
        for workers in [2, 3, 8] {
            let several = try await offPool { Self.run(workers: workers, json: json) }
            #expect(several.output == single.output, "\(workers) workers")
            #expect(several.status == single.status)
            #expect(several.count == single.count)
        }
    }

    @Test func reportsComeBackInTheTokensOrder() async throws {
        let batch = DecodeBatch(workers: 4)
        let reports = try await offPool {
            batch.reports(Self.tokens) { DecodeReport(DecodeOutputTests.inspect($0), json: false) }
        }
        #expect(reports.count == Self.tokens.count)
        for (index, report) in reports.enumerated() {
            if index % 7 == 3 {
                #expect(report.body.hasPrefix("Not a JWT"), "report \(index)")
            } else {
                #expect(report.body.contains("\"user-\(index)\""), "report \(index)")
            }
            #expect(report.isParsed == (index % 7 != 3))
            #expect(report.failed == (index % 7 == 5))
        }
    }

    @Test func aBatchHoldsNoMoreThanItsLimit() {
        #expect(DecodeBatch(workers: 2).limit == 64)
        #expect(DecodeBatch(workers: 0).workers == 1)
    }

    @Test func aTokenNotYetReadableDoesNotHoldBackTheReportsBeforeIt() {
        // Lines 1 to 3 arrive together, then one line at a time: at each read, record how many
        // reports were written by then.
        var written: [String] = []
        var writtenAtRead: [Int] = []
        var remaining = Self.tokens.prefix(6)
        var read = 0
        let source = DecodeInput.Tokens(
            arguments: ["-"],
            readLine: {
                writtenAtRead.append(written.count)
                read += 1
                return remaining.popFirst()
            },
            lineReady: { read < 3 })
        let (_, count) = DecodeCommand.stream(
            source, total: nil, json: false, inspect: { DecodeOutputTests.inspect($0) },
            output: { written.append($0) }, batch: DecodeBatch(workers: 2))
        // Tokens 1-3 are one batch: 1 and 2 are out before token 4 is waited for, 3 after it (the
        // one token of look-ahead); from then on, one report per read, as with a single thread.
        #expect(writtenAtRead == [0, 0, 0, 2, 3, 4, 5])
        #expect(count == 6)
        #expect(written.count == 6)
        #expect(written.first?.hasPrefix("── token 1 ──\n") == true)
        #expect(written.last?.hasPrefix("\n── token 6 ──\n") == true)
    }

    @Test func argumentsAreReadyButStandardInputIsAskedAfterThem() {
        var lines = ["line-token"][...]
        var tokens = DecodeInput.Tokens(
            arguments: ["a.b.c", "-", "d.e.f"], readLine: { lines.popFirst() }, lineReady: { false })
        #expect(tokens.nextIsReady)
        #expect(tokens.next() == "a.b.c")
        // Next is `-`: standard input, which has nothing read yet.
        #expect(!tokens.nextIsReady)
        #expect(tokens.next() == "line-token")
        #expect(!tokens.nextIsReady)
        #expect(tokens.next() == "d.e.f")
        #expect(!tokens.nextIsReady)
        #expect(tokens.next() == nil)
    }
}
