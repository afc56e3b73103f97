/// Requests held open by the `hangToken` fault, released at shutdown or when their task is cancelled.
struct HangingRequests: Sendable {
    private var waiting: [Int: CheckedContinuation<Void, Never>] = [:]
    private var cancelled: Set<Int> = []
    private var nextID = 0
    private(set) var isReleased = false

    mutating func makeID() -> Int {
        nextID += 1
        return nextID
    }

    /// Parks a continuation, or resumes it at once when shutdown or cancellation already happened.
    mutating func park(_ id: Int, _ continuation: CheckedContinuation<Void, Never>) {
        if isReleased || cancelled.remove(id) != nil {
            continuation.resume()
        } else {
            waiting[id] = continuation
        }
    }

    mutating func cancel(_ id: Int) {
        if let continuation = waiting.removeValue(forKey: id) {
            continuation.resume()
        } else {
            cancelled.insert(id)
        }
    }

    mutating func releaseAll() {
        isReleased = true
        for continuation in waiting.values { continuation.resume() }
        waiting.removeAll()
    }
}
