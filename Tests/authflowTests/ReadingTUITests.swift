import Foundation
import TestSupport
import Testing

/// The real binary in tmux: zoom, search, a mouse click and a copy through OSC 52.
@Suite(.serialized) struct ReadingTUITests {
    func command(_ arguments: String) -> String {
        "\(AuthflowProcess.binary.path) \(arguments); echo AUTHFLOW_EXIT=$?; sleep 120"
    }

    /// An X10 mouse report (what ncurses reads for `kmous=\E[M`, tmux's own terminal types) of a
    /// button at a cell counted from 0: 0 is a press of the first button, 3 a release.
    static func mouseReport(button: Int, x: Int, y: Int) -> [String] {
        let bytes = [0x1B, 0x5B, 0x4D, 32 + button, 33 + x, 33 + y]
        return bytes.map { String(format: "%02x", $0) }
    }

    @Test func zoomSearchClickAndCopyInTheDemo() async throws {
        let tmux = try await TmuxSession.start(command: command("demo"))
        defer { tmux.kill() }
        try await tmux.tmux(["set-option", "-s", "set-clipboard", "on"])
        var step = try await tmux.waitFor("1 Authorize", "n send")
        #expect(step.found, "start screen:\n\(step.screen)")
        try await tmux.send("n")
        step = try await tmux.waitFor("✓ 1 Authorize", "flowId", "Set-Cookie: ST=••••••")
        #expect(step.found, "after authorize:\n\(step.screen)")

        // z: the Request pane fills the screen; z again brings the four panes back.
        try await tmux.send("z")
        step = try await tmux.waitFor("zoomed · z back")
        #expect(step.found, "zoomed:\n\(step.screen)")
        #expect(!step.screen.contains("Decoded"), "only the zoomed pane shows:\n\(step.screen)")
        try await tmux.send("z")
        step = try await tmux.waitFor("Decoded", "Tokens")
        #expect(step.found, "unzoomed:\n\(step.screen)")

        // /: search the Response pane; n N move between matches, esc ends the search.
        try await tmux.send("Tab")
        try await tmux.send("/")
        step = try await tmux.waitFor("search Response:", "enter search")
        #expect(step.found, "the search prompt:\n\(step.screen)")
        // The environment id is in the Location URL and in the cookie's Path: two matches or more.
        try await tmux.send("5CAA81AF", literal: true)
        try await tmux.send("Enter")
        step = try await tmux.waitFor("/5CAA81AF 1/", "n N match 1/")
        #expect(step.found, "the first match, case ignored:\n\(step.screen)")
        try await tmux.send("n")
        step = try await tmux.waitFor("/5CAA81AF 2/")
        #expect(step.found, "n went to the next match, not the next step:\n\(step.screen)")
        #expect(!step.screen.contains("✓ 2 Sign on"))
        try await tmux.send("Escape")
        step = try await tmux.waitFor("n send")
        #expect(step.found, "the search ended:\n\(step.screen)")

        // A click in the Decoded pane (bottom left, under the step column) focuses it.
        try await tmux.tmux(["send-keys", "-t", tmux.name, "-H"] + Self.mouseReport(button: 0, x: 30, y: 30))
        try await tmux.tmux(["send-keys", "-t", tmux.name, "-H"] + Self.mouseReport(button: 3, x: 30, y: 30))
        step = try await tmux.waitFor("▸Decoded")
        #expect(step.found, "the click focused the Decoded pane:\n\(step.screen)")

        // y: the selected (top) line's whole value, here the flow id, through OSC 52 into tmux.
        try await tmux.send("y")
        step = try await tmux.waitFor("Copied flowId")
        #expect(step.found, "copied:\n\(step.screen)")
        let buffer = try await tmux.tmux(["show-buffer"])
        #expect(!buffer.isEmpty && !buffer.contains(" ") && !buffer.contains("\n"), "buffer: \(buffer)")
        #expect(step.screen.contains(String(buffer.prefix(12))), "the flow id on screen starts as copied: \(buffer)")

        try await tmux.send("q")
        step = try await tmux.waitFor("AUTHFLOW_EXIT=0")
        #expect(step.found, "quit:\n\(step.screen)")
    }

    @Test func noMouseLeavesTheMouseToTheTerminal() async throws {
        for (arguments, flag) in [("demo", "1"), ("demo --no-mouse", "0")] {
            let tmux = try await TmuxSession.start(command: command(arguments))
            defer { tmux.kill() }
            let step = try await tmux.waitFor("1 Authorize", "n send")
            #expect(step.found, "start screen:\n\(step.screen)")
            // tmux knows whether the program in the pane asked for mouse reports.
            let reported = try await tmux.tmux(["display-message", "-p", "-t", tmux.name, "#{mouse_standard_flag}"])
            #expect(reported.trimmingCharacters(in: .whitespacesAndNewlines) == flag, "\(arguments): \(reported)")
        }
    }
}
