import FlowEngine
import Foundation
import Testing

@testable import FlowTUI

/// A clock that moves only when told: each poll of the fake terminal moves it on.
final class TestClock: @unchecked Sendable {
    private var current: Date
    private let lock = NSLock()

    init(_ start: Date) {
        current = start
    }

    func now() -> Date { lock.withLock { current } }

    func advance(by seconds: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }
}

/// A terminal that plays a script of keys and resizes, keeps every frame drawn, and moves the
/// test clock on by one poll's timeout each time the program asks for a key.
@MainActor
final class FakeTerminal: Terminal {
    enum Step {
        case key(Key)
        case resize(Size)
        /// Returns no key until the last frame drawn passes the test.
        case until(String, @MainActor (Canvas) -> Bool)
    }

    /// The most polls one `until` waits through before the script is abandoned (and `q` sent).
    /// Bounded by polls, not by wall time, so a busy machine cannot make it fail.
    static let pollLimit = 20_000

    private(set) var size: Size
    private(set) var frames: [Canvas] = []
    private(set) var copied: [String] = []
    private(set) var stopCount = 0
    /// What the script waited for and never saw.
    private(set) var unmet: [String] = []
    private var script: [Step]
    private let clock: TestClock
    private var polls = 0

    init(size: Size, clock: TestClock, script: [Step]) {
        self.size = size
        self.clock = clock
        self.script = script
    }

    var lastFrame: Canvas? { frames.last }

    func draw(_ canvas: Canvas) { frames.append(canvas) }

    func copyToClipboard(_ text: String) -> Bool {
        copied.append(text)
        return true
    }

    func stop() { stopCount += 1 }

    /// The next key of the script; `q` once it has run out.
    func readKey(timeoutMilliseconds: Int) async -> Key? {
        clock.advance(by: Double(timeoutMilliseconds) / 1000)
        guard let step = script.first else { return .character("q") }
        switch step {
        case .key(let key):
            script.removeFirst()
            polls = 0
            return key
        case .resize(let newSize):
            script.removeFirst()
            polls = 0
            size = newSize
            return .resize(newSize)
        case .until(let what, let test):
            if let frame = frames.last, test(frame) {
                script.removeFirst()
                polls = 0
                return nil
            }
            polls += 1
            guard polls < Self.pollLimit else {
                unmet.append(what)
                script.removeAll()
                return .character("q")
            }
            // Lets the requests' tasks run; suspends without holding a thread.
            try? await Task.sleep(for: .milliseconds(1))
            return nil
        }
    }
}

/// A loopback listener stand-in that hands over the URL its closure makes, once.
final class FakeListener: CallbackWaiting, @unchecked Sendable {
    private let url: @Sendable () async -> String
    private let lock = NSLock()
    private var stops = 0
    private var waits = 0

    init(url: @escaping @Sendable () async -> String) {
        self.url = url
    }

    func callback(timeout: Duration, expectedState: String?) async throws(CallbackListenerError) -> String {
        lock.withLock { waits += 1 }
        return await url()
    }

    func stop() async { lock.withLock { stops += 1 } }

    var stopCount: Int { lock.withLock { stops } }
    var waitCount: Int { lock.withLock { waits } }
}
