import FlowEngine

/// A wait for the browser's redirect to a loopback redirect URI: ``CallbackListener`` in the app.
public protocol CallbackWaiting: AnyObject, Sendable {
    /// Waits for the redirect, up to `timeout`; returns the full callback URL. With `expectedState`,
    /// a request carrying another `state` is answered 400, recorded as ignored, and the wait goes on.
    func callback(timeout: Duration, expectedState: String?) async throws(CallbackListenerError) -> String
    /// Stops listening and frees the port.
    func stop() async
}

extension CallbackListener: CallbackWaiting {}
