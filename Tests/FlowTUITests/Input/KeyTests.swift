import FlowTUI
import Testing

@Suite("Keys")
struct KeyTests {
    @Test(
        arguments: [
            (0x0D, Key.enter), (0x0A, .enter), (0x09, .tab), (0x1B, .escape), (0x7F, .backspace),
            (0x08, .backspace), (0x01, .control("a")), (0x03, .control("c")), (0x1A, .control("z")),
            (0x71, .character("q")), (0x3F, .character("?")), (0x20, .character(" ")),
            (0xE9, .character("é")), (0x6F22, .character("漢")),
        ] as [(UInt32, Key)])
    func typedScalarsMapToKeys(value: UInt32, expected: Key) {
        #expect(Key(typed: Unicode.Scalar(value)!) == expected)
    }

    @Test(arguments: [0x00, 0x1C, 0x1F, 0x85, 0x9B, 0x202E, 0x2066] as [UInt32])
    func unsafeScalarsAreNotKeys(value: UInt32) {
        #expect(Key(typed: Unicode.Scalar(value)!) == nil)
    }

    @Test func labels() {
        #expect(Key.backTab.label == "shift-tab")
        #expect(Key.control("c").label == "ctrl-c")
        #expect(Key.character(" ").label == "space")
        #expect(Key.pageDown.label == "pgdn")
    }
}
