/// What the program draws on and reads keys from: curses in the app, a fake in the tests.
@MainActor
public protocol Terminal: AnyObject {
    /// The terminal's size now (a resize also arrives as a `.resize` key).
    var size: Size { get }
    /// Shows a frame.
    func draw(_ canvas: Canvas)
    /// Waits up to `timeoutMilliseconds` for a key; nil when none came.
    func readKey(timeoutMilliseconds: Int) async -> Key?
    /// Asks the terminal to put text on the clipboard; returns whether it was asked.
    func copyToClipboard(_ text: String) -> Bool
    /// Gives the terminal back as it was; called once when the program ends.
    func stop()
}
