/// Where each part of the screen goes, for a terminal size.
///
/// Wide terminals (100 columns or more) list the steps in a column on the left:
/// ```
/// ┌ header ──────────────────────────────────────────┐
/// │ steps  │ Request            │ Response            │
/// │        ├────────────────────┼─────────────────────┤
/// │        │ Decoded            │ Tokens              │
/// └ key bar ─────────────────────────────────────────┘
/// ```
/// Narrower ones (down to 80) list them on one row under the header, so the panes keep room:
/// ```
/// ┌ header ──────────────────────────────────────────┐
/// │ ✓ 1 Authorize  ▸ 2 Sign on  3 Resume …            │
/// ├─────────────────────────┬────────────────────────┤
/// │ Request                 │ Response               │
/// ├─────────────────────────┼────────────────────────┤
/// │ Decoded                 │ Tokens                 │
/// └ key bar ─────────────────────────────────────────┘
/// ```
/// Each pane's first row is its title; the rest is its scrollable body.
public struct AppLayout: Equatable, Sendable {
    /// Where the step list goes.
    public enum Steps: Equatable, Sendable {
        /// A column left of the panes, with a divider at `dividerX`.
        case column(Rect, dividerX: Int)
        /// One row under the header, with a divider below it at `dividerY`.
        case row(Rect, dividerY: Int)
    }

    /// The narrowest terminal that gets the steps in a column.
    public static let columnLayoutWidth = 100

    public var bounds: Rect
    public var steps: Steps
    public var panes: [Pane: Rect]
    /// The column between the left and right panes.
    public var middleDividerX: Int
    /// The row between the top and bottom panes.
    public var middleDividerY: Int
    /// The first row of the panes (the middle divider starts on the border above it).
    public var panesTop: Int

    public init(size: Size) {
        bounds = Rect(x: 0, y: 0, width: size.columns, height: size.rows)
        let inner = bounds.inset(by: 1)
        let paneArea: Rect
        if size.columns >= Self.columnLayoutWidth {
            let stepsWidth = size.columns >= 110 ? 19 : 17
            let parts = inner.split(.horizontal, [.fixed(stepsWidth), .fixed(1), .fill(1)])
            steps = .column(parts[0], dividerX: parts[1].x)
            paneArea = parts[2]
        } else {
            let parts = inner.split(.vertical, [.fixed(1), .fixed(1), .fill(1)])
            steps = .row(parts[0], dividerY: parts[1].y)
            paneArea = parts[2]
        }
        panesTop = paneArea.y
        let columns = paneArea.split(.horizontal, [.fill(1), .fixed(1), .fill(1)])
        middleDividerX = columns[1].x
        let rows = paneArea.split(.vertical, [.percent(55), .fixed(1), .fill(1)])
        middleDividerY = rows[1].y
        func area(_ column: Rect, _ row: Rect) -> Rect {
            Rect(x: column.x, y: row.y, width: column.width, height: row.height)
        }
        panes = [
            .request: area(columns[0], rows[0]),
            .response: area(columns[2], rows[0]),
            .decoded: area(columns[0], rows[2]),
            .tokens: area(columns[2], rows[2]),
        ]
    }

    /// A pane's area (its title row included).
    public func rect(_ pane: Pane) -> Rect {
        panes[pane] ?? Rect(x: 0, y: 0, width: 0, height: 0)
    }

    /// A pane's body: its area less the title row, with one blank column each side.
    public func body(_ pane: Pane) -> Rect {
        let area = rect(pane)
        return Rect(x: area.x + 1, y: area.y + 1, width: area.width - 2, height: area.height - 1)
    }
}
