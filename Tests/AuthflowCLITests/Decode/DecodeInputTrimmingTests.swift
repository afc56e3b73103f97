import Testing

@testable import AuthflowCLI

/// `stripBearer` answers the common case (a bare token, nothing to trim) from the bytes; these
/// pin what it does at the edges of that shortcut.
@Suite struct DecodeInputTrimmingTests {
    @Test(arguments: [
        ("a.b.c", "a.b.c"),
        ("  a.b.c\t", "a.b.c"),
        ("a.b.c\r", "a.b.c"),
        ("Bearer a.b.c", "a.b.c"),
        ("BEARER   a.b.c ", "a.b.c"),
        ("bEaReR a.b.c", "a.b.c"),
        ("Bearer", "Bearer"),
        ("Bearer\ta.b.c", "Bearer\ta.b.c"),
        ("Bearer\u{0}a.b.c", "Bearer\u{0}a.b.c"),
        ("Bearer\u{301} a.b.c", "Bearer\u{301} a.b.c"),
        ("é.b.c", "é.b.c"),
        (" \u{301}a.b.c", " \u{301}a.b.c"),
        ("", ""),
        ("   ", ""),
    ])
    func bearerIsDroppedOnlyAsAWholeWord(line: String, token: String) {
        #expect(DecodeInput.stripBearer(line) == token)
    }
}
