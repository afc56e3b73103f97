import Dispatch
import FlowEngine
import Foundation

/// One token's finished report for `authflow decode`: its text (or JSON object) and what the exit
/// status needs to know, made on whichever thread inspected the token.
struct DecodeReport: Sendable {
    /// Whether the token parsed.
    var isParsed: Bool
    /// Whether any check failed.
    var failed: Bool
    /// The report: `Inspection.text`, or the token's JSON object as `--json` writes it.
    var body: String

    init(isParsed: Bool, failed: Bool, body: String) {
        self.isParsed = isParsed
        self.failed = failed
        self.body = body
    }

    init(_ inspection: Inspection, json: Bool) {
        isParsed = inspection.isParsed
        failed = !inspection.failures.isEmpty
        body = json ? DecodeOutput.terminalSafeJSON(inspection.jsonValue, indent: "    ") : inspection.text
    }
}

/// Inspects the tokens already at hand on several threads at once and gives their reports back
/// in the order the tokens came: checking a token (signature, claims, report text) needs nothing
/// from any other token, so a batch from standard input uses every core.
///
/// Only tokens that can be read without waiting are put in one batch, so a token typed or piped
/// one at a time is still reported before authflow waits for the next, as `DecodeStreams` promises.
struct DecodeBatch {
    /// How many processors to use: 1 inspects on the calling thread; more uses Dispatch's
    /// threads (one per processor) and allows a larger batch.
    let workers: Int
    /// The most tokens held at once (their reports included): memory stays flat in the batch size.
    let limit: Int

    init(workers: Int = DecodeBatch.defaultWorkers) {
        self.workers = max(1, workers)
        limit = 32 * self.workers
    }

    /// The processors this process may run on, at most 8.
    static var defaultWorkers: Int { min(8, max(1, ProcessInfo.processInfo.activeProcessorCount)) }

    /// The reports for `tokens`, in their order.
    func reports(_ tokens: [String], _ report: @Sendable (String) -> DecodeReport) -> [DecodeReport] {
        if workers <= 1 || tokens.count <= 1 { return tokens.map(report) }
        var results = [DecodeReport](
            repeating: DecodeReport(isParsed: false, failed: false, body: ""), count: tokens.count)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = Slots(buffer: buffer)
            // One iteration per token: Dispatch hands them to a thread per processor as each
            // becomes free, so a thread another process preempts does not hold the batch up.
            DispatchQueue.concurrentPerform(iterations: tokens.count) { index in
                slots.buffer[index] = report(tokens[index])
            }
        }
        return results
    }

    /// The results' storage, shared by the threads: each slot is written by one thread only, and
    /// read after `concurrentPerform` has returned.
    private struct Slots: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<DecodeReport>
    }
}
