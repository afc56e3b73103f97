/// The four panes laid out for the terminal's size, made in ``AppModel/update(_:)`` when the
/// frame's snapshot or the size changed, so that a frame draws only each pane's visible window
/// and a scroll key counts lines without laying anything out.
///
/// The Response body, the one part that can be large, is kept across layouts while its body,
/// mask and width stay (``BodyLayout``): the clock's tick makes a new snapshot every second.
/// With a pane zoomed (`z`), that pane alone is laid out, for the whole screen, values whole.
struct PaneLayouts: Equatable, Sendable {
    /// The size the panes were laid out for; nil before the first layout, or while the terminal
    /// is too small for the screen (nothing is laid out then).
    private(set) var size: Size?
    /// The pane zoomed to the whole screen when they were laid out, if one was.
    private(set) var zoomed: Pane?
    private var contents: [Pane: PaneContent] = [:]
    /// The Response body as last laid out.
    private var body: BodyLayout?

    /// Lays the panes out for `size` from `frame`.
    mutating func layOut(_ frame: FrameSnapshot, size: Size, zoomed: Pane? = nil) {
        guard size.contains(AppModel.minimumSize) else {
            // The body's layout stays: the terminal usually comes back to the size it had.
            self.size = nil
            contents = [:]
            return
        }
        let layout = AppLayout(size: size, zoomed: zoomed)
        var contents: [Pane: PaneContent] = [:]
        for pane in zoomed.map({ [$0] }) ?? Pane.allCases {
            contents[pane] = Self.content(
                pane, of: frame, width: layout.body(pane).width, zoomed: zoomed == pane, body: &body)
        }
        self.contents = contents
        self.size = size
        self.zoomed = zoomed
    }

    /// A pane as laid out for `size`, or nil when it was laid out for another size or zoom (or not yet).
    func content(_ pane: Pane, size: Size, zoomed: Pane? = nil) -> PaneContent? {
        guard self.size == size, self.zoomed == zoomed else { return nil }
        return contents[pane]
    }

    /// A pane's content laid out for a width; `body` keeps the Response body between calls.
    static func content(
        _ pane: Pane, of frame: FrameSnapshot, width: Int, zoomed: Bool = false, body: inout BodyLayout?
    ) -> PaneContent {
        var frame = frame
        frame.showsWholeValues = zoomed
        return switch pane {
        case .request: RequestPane.lines(frame, width: width)
        case .response: frame.responsePane(width: width, body: &body)
        case .decoded: DecodedPane.lines(frame, width: width)
        case .tokens: TokensPane.lines(frame, width: width)
        }
    }
}
