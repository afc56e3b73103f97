/// A single-line text field with a cursor, optionally masked for secrets.
///
/// Editing follows readline: ←/→, Home/End (ctrl-a/ctrl-e), Backspace, Delete (ctrl-d),
/// ctrl-u and ctrl-k to delete to the start or end, ctrl-w to delete a word. Enter submits and
/// Esc cancels; the owner decides what either means.
public struct TextField: Equatable, Hashable, Sendable {
    /// What a key did to the field.
    public enum Outcome: Equatable, Hashable, Sendable {
        /// The text changed.
        case edited
        /// The cursor moved; the text did not change.
        case moved
        /// Enter was pressed with this text.
        case submitted(String)
        /// Esc was pressed.
        case cancelled
        /// The key means nothing to a text field.
        case ignored
    }

    /// The glyph each character of a masked field is drawn as.
    public static let maskGlyph: Character = "•"

    /// What the field is for, drawn before it.
    public var label: String
    /// Whether the text is drawn masked (passwords, client secrets).
    public var isMasked: Bool
    private var characters: [Character]
    /// Cursor position, in characters from the start (0...count).
    public private(set) var cursor: Int

    public init(label: String = "", text: String = "", isMasked: Bool = false) {
        self.label = label
        self.isMasked = isMasked
        characters = Array(text)
        cursor = characters.count
    }

    /// The text typed so far.
    public var text: String { String(characters) }

    /// The text as drawn: the text itself, or one mask glyph per character.
    public var displayText: String {
        isMasked ? String(repeating: Self.maskGlyph, count: characters.count) : text
    }

    /// Applies a key.
    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .character(let character):
            characters.insert(character, at: cursor)
            cursor += 1
            return .edited
        case .enter:
            return .submitted(text)
        case .escape:
            return .cancelled
        case .left, .control("b"):
            return move(to: cursor - 1)
        case .right, .control("f"):
            return move(to: cursor + 1)
        case .home, .control("a"):
            return move(to: 0)
        case .end, .control("e"):
            return move(to: characters.count)
        case .backspace, .control("h"):
            guard cursor > 0 else { return .ignored }
            characters.remove(at: cursor - 1)
            cursor -= 1
            return .edited
        case .delete, .control("d"):
            guard cursor < characters.count else { return .ignored }
            characters.remove(at: cursor)
            return .edited
        case .control("u"):
            guard cursor > 0 else { return .ignored }
            characters.removeSubrange(0..<cursor)
            cursor = 0
            return .edited
        case .control("k"):
            guard cursor < characters.count else { return .ignored }
            characters.removeSubrange(cursor...)
            return .edited
        case .control("w"):
            return deleteWordBackward()
        default:
            return .ignored
        }
    }

    private mutating func move(to position: Int) -> Outcome {
        let clamped = min(max(0, position), characters.count)
        guard clamped != cursor else { return .ignored }
        cursor = clamped
        return .moved
    }

    private mutating func deleteWordBackward() -> Outcome {
        guard cursor > 0 else { return .ignored }
        var start = cursor
        while start > 0, characters[start - 1].isWhitespace { start -= 1 }
        while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
        characters.removeSubrange(start..<cursor)
        cursor = start
        return .edited
    }

    // MARK: - Drawing

    /// Draws `label: text` on one row, scrolled so the cursor (a reverse-video cell) is visible.
    ///
    /// A text longer than the room shows "…" at the side that is cut off.
    public func render(into canvas: inout Canvas, x: Int, y: Int, width: Int, isFocused: Bool = true) {
        guard width > 0 else { return }
        var column = x
        if !label.isEmpty {
            column += canvas.draw(label + " ", x: x, y: y, width: width, style: .bold, ellipsis: true)
        }
        let room = x + width - column
        guard room > 0 else { return }
        canvas.fill(Rect(x: column, y: y, width: room, height: 1), style: .underline)

        let shown = isMasked ? Array(repeating: Self.maskGlyph, count: characters.count) : characters
        let widths = shown.map { max(1, DisplayWidth.of($0)) }
        // The cursor needs one column after the text; scroll so it stays inside the room.
        let cursorColumn = widths.prefix(cursor).reduce(0, +)
        var first = 0
        var skipped = 0
        while cursorColumn - skipped + 1 > room - (first > 0 ? 1 : 0), first < shown.count {
            skipped += widths[first]
            first += 1
        }
        var drawX = column
        let limitX = x + width
        if first > 0 {
            drawX += canvas.put("…", x: drawX, y: y, style: .dim.underline(), limitX: limitX)
        }
        var index = first
        while index < shown.count {
            let isCursor = isFocused && index == cursor
            let style: Style = isCursor ? .reverse : .underline
            let spaceLeft = limitX - drawX
            let needsEllipsis = widths[index...].reduce(0, +) > spaceLeft
            if needsEllipsis, widths[index] >= spaceLeft, index > cursor {
                canvas.put("…", x: drawX, y: y, style: .dim.underline(), limitX: limitX)
                break
            }
            let taken = canvas.put(shown[index], x: drawX, y: y, style: style, limitX: limitX)
            if taken == 0 { break }
            drawX += taken
            index += 1
        }
        if isFocused, cursor == shown.count, drawX < limitX {
            canvas.put(" ", x: drawX, y: y, style: .reverse, limitX: limitX)
        }
    }
}
