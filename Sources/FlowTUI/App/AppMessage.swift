import FlowEngine
import Foundation

/// Something that happened, fed to ``AppModel/update(_:)``: keys, the clock, the network.
public enum AppMessage: Equatable, Sendable {
    /// The user pressed a key (a resize arrives as `.resize`).
    case keyPressed(Key)
    /// The terminal has a new size.
    case resized(Size)
    /// The clock moved on; the waiting indicator and relative times follow it.
    case ticked(Date)
    /// The response to the request sent with this ticket came in.
    case responseReceived(ticket: Int, HTTPResponse, at: Date, elapsed: Duration)
    /// The request sent with this ticket got no response.
    case transportFailed(ticket: Int, TransportError, at: Date, elapsed: Duration)
    /// A fresh flow (new state, nonce and PKCE verifier) replaces the old one, after `restartFlow`.
    case flowRestarted(AuthorizationCodeFlow)
    /// The loopback listener caught the browser's redirect: this is the URL it was sent to.
    case callbackCaught(ticket: Int, String, at: Date)
    /// The loopback listener stopped without a redirect (it timed out, or could not listen).
    case callbackListenerFailed(ticket: Int, reason: String)
    /// Copying to the clipboard was attempted; `false` when the terminal could not be asked to.
    case copyFinished(succeeded: Bool)
    /// A clipboard program (wl-copy, xclip, xsel, pbcopy) took the copied text, or why not.
    case clipboardProgramFinished(program: String, error: String?)
    /// A saved session was written, or why not.
    case saveFinished(path: String, unmasked: Bool, error: String?)
}
