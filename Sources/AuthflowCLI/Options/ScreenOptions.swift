import ArgumentParser

/// Options of the terminal UI's screen (`tui`, `demo`), not of the flow.
struct ScreenOptions: ParsableArguments {
    @Flag(
        name: .customLong("no-mouse"),
        help:
            "Leave the mouse to the terminal (its own selection); by default the wheel scrolls a pane and a click focuses one."
    )
    var noMouse = false
}
