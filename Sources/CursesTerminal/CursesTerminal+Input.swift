import CNcursesw
import FlowTUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension CursesTerminal {
    /// Waits up to `timeoutMilliseconds` for a key; nil when none came (or it means nothing).
    ///
    /// A resize arrives as `.resize` with the new size, which `size` also reports from then on.
    /// A timeout of 0 polls; a negative one waits for ever.
    public func readKey(timeoutMilliseconds: Int) -> Key? {
        guard select() else { return nil }
        if let resized = resizeIfNeeded() { return .resize(resized) }
        let stdscr = authflow_stdscr()
        wtimeout(stdscr, Int32(clamping: timeoutMilliseconds))
        var value: wint_t = 0
        let result = wget_wch(stdscr, &value)
        if result == authflow_key_code_yes() {
            let code = Int32(bitPattern: UInt32(value))
            if code == authflow_key_resize() {
                // curses' own SIGWINCH handling resized the screen already.
                let now = Size(columns: Int(authflow_cols()), rows: Int(authflow_lines()))
                guard now != size else { return nil }
                size = now
                shown = nil
                return .resize(size)
            }
            if code == authflow_key_mouse() { return readMouse() }
            return CursesKeyMap.key(forFunctionKey: code)
        }
        guard result == authflow_ok() else { return nil }
        return CursesKeyMap.key(forCharacter: UInt32(value))
    }
}

extension CursesTerminal {
    /// The mouse event curses read, as a key; nil for one authflow does not use (a release).
    func readMouse() -> Key? {
        guard usesMouse else { return nil }
        var x: Int32 = 0
        var y: Int32 = 0
        let kind: MouseEvent.Kind
        switch authflow_read_mouse(&x, &y) {
        case 1: kind = .press
        case 2: kind = .wheelUp
        case 3: kind = .wheelDown
        default: return nil
        }
        return .mouse(MouseEvent(x: Int(x), y: Int(y), kind: kind))
    }
}

extension CursesTerminal {
    /// Resizes curses when the terminal's window size changed; returns the new size, if any.
    ///
    /// curses learns of a resize from SIGWINCH, which it only sees if no one else handles that
    /// signal in the process; asking the terminal directly (one ioctl per poll) works regardless.
    func resizeIfNeeded() -> Size? {
        var window = winsize()
        guard ioctl(outputDescriptor, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 else {
            return nil
        }
        let now = Size(columns: Int(window.ws_col), rows: Int(window.ws_row))
        guard now != size else { return nil }
        resize_term(Int32(now.rows), Int32(now.columns))
        clearok(authflow_curscr(), true)
        size = now
        shown = nil
        return now
    }
}
