import Testing

@testable import FlowTUI

@Suite("Display width")
struct DisplayWidthTests {
    @Test(
        arguments: [
            ("a", 1), ("é", 1), ("e\u{301}", 1), ("ñ", 1), ("─", 1), ("✓", 1), ("▸", 1),
            ("漢", 2), ("字", 2), ("한", 2), ("ｶ", 1), ("Ａ", 2), ("。", 2),
            ("😀", 2), ("🚀", 2), ("👍🏽", 2), ("🇩🇪", 2), ("❤️", 2), ("❤", 1), ("👨‍👩‍👧", 2),
            ("\u{200B}", 0), ("\u{301}", 0),
        ] as [(String, Int)])
    func widthOfOneGrapheme(text: String, expected: Int) {
        #expect(text.count == 1)
        #expect(DisplayWidth.of(Character(text)) == expected)
    }

    @Test func widthOfMixedText() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("東京 tower") == 10)
        #expect(DisplayWidth.of("ok 🚀!") == 6)
        #expect(DisplayWidth.of("") == 0)
    }

    @Test func controlScalarsTakeNoColumnOnTheirOwn() {
        #expect(DisplayWidth.of(Unicode.Scalar(0x1B)!) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0x9B)!) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0x7F)!) == 0)
    }

    @Test func wideTableIsSortedAndDisjoint() {
        let ranges = DisplayWidth.wideRanges
        for (previous, next) in zip(ranges, ranges.dropFirst()) {
            #expect(previous.upperBound < next.lowerBound, "\(previous) overlaps or precedes \(next)")
        }
    }
}
