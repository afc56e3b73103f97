/// The scroll state of a pane of lines: the first visible line, moved with j/k, PgUp/PgDn, g/G.
///
/// The view keeps only its offset; the lines come from the model each frame. Key handling is
/// given the content and viewport heights, so the offset is always clamped to what can show.
public struct TextView: Equatable, Hashable, Sendable {
    /// Index of the first visible line.
    public private(set) var offset: Int

    public init(offset: Int = 0) {
        self.offset = max(0, offset)
    }

    /// The largest useful offset: the one that shows the last line at the bottom.
    public static func maxOffset(contentHeight: Int, viewportHeight: Int) -> Int {
        max(0, contentHeight - max(0, viewportHeight))
    }

    /// Scrolls for a key, returning whether the key is a scrolling key.
    ///
    /// ↑/k and ↓/j move a line, PgUp/PgDn (and ctrl-b/ctrl-f) a page less one line, g/Home and
    /// G/End to the top and bottom.
    @discardableResult
    public mutating func handle(_ key: Key, contentHeight: Int, viewportHeight: Int) -> Bool {
        let page = max(1, viewportHeight - 1)
        switch key {
        case .up, .character("k"): scroll(by: -1, contentHeight: contentHeight, viewportHeight: viewportHeight)
        case .down, .character("j"): scroll(by: 1, contentHeight: contentHeight, viewportHeight: viewportHeight)
        case .pageUp, .control("b"): scroll(by: -page, contentHeight: contentHeight, viewportHeight: viewportHeight)
        case .pageDown, .control("f"), .character(" "):
            scroll(by: page, contentHeight: contentHeight, viewportHeight: viewportHeight)
        case .home, .character("g"): offset = 0
        case .end, .character("G"):
            offset = Self.maxOffset(contentHeight: contentHeight, viewportHeight: viewportHeight)
        default: return false
        }
        return true
    }

    /// Moves the offset by some lines, clamped to the content.
    public mutating func scroll(by lines: Int, contentHeight: Int, viewportHeight: Int) {
        let limit = Self.maxOffset(contentHeight: contentHeight, viewportHeight: viewportHeight)
        offset = min(max(0, offset + lines), limit)
    }

    /// Back to the top, for new content.
    public mutating func reset() {
        offset = 0
    }

    /// The lines as they are laid out in a width: wrapped with a hanging indent, or one per row.
    public static func layout(_ lines: [StyledLine], width: Int, wrap: Bool, indent: Int = 2) -> [StyledLine] {
        guard wrap else { return lines }
        return lines.flatMap { $0.wrapped(width: width, indent: indent) }
    }

    /// Draws the visible part of laid-out lines into a rectangle; long lines end in "…".
    ///
    /// The offset is clamped here too, so a view scrolled for a taller content never shows blank.
    public func render(_ lines: [StyledLine], into canvas: inout Canvas, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let start = min(offset, Self.maxOffset(contentHeight: lines.count, viewportHeight: rect.height))
        let visible = lines.dropFirst(start).prefix(rect.height)
        canvas.draw(Array(visible), in: rect, ellipsis: true)
    }

    /// Where the view is, as "12–30/80", or nil when everything fits.
    public func position(contentHeight: Int, viewportHeight: Int) -> String? {
        guard contentHeight > viewportHeight, viewportHeight > 0 else { return nil }
        let start = min(offset, Self.maxOffset(contentHeight: contentHeight, viewportHeight: viewportHeight))
        let end = min(contentHeight, start + viewportHeight)
        return "\(start + 1)–\(end)/\(contentHeight)"
    }
}
