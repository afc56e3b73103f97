extension AppLayout {
    /// The layout with `zoomed` (when set) filling the screen between the header and the key bar:
    /// the steps and the other panes are not shown.
    public init(size: Size, zoomed: Pane?) {
        self.init(size: size)
        guard let zoomed else { return }
        panes = [zoomed: bounds.inset(by: 1)]
    }

    /// Whether one pane fills the screen.
    public var isZoomed: Bool { panes.count == 1 }
}

extension Rect {
    /// Whether a cell is inside the rectangle.
    public func contains(x column: Int, y row: Int) -> Bool {
        column >= x && column < x + width && row >= y && row < y + height
    }
}
