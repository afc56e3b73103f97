// TerminalSafe, through which every server byte passes before a terminal.
// Invariants: no C0, DEL, C1, bidi or invisible scalar comes out; valid UTF-8 decodes to itself;
// every byte is shown exactly once (each `\xNN` stands for one input byte, in order).
@testable import FlowEngine

func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    return value < 0x20 || (0x7F...0x9F).contains(value) || TerminalSafe.bidiControls.contains(value)
        || TerminalSafe.invisibles.contains(value)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSanitizer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    let decoded = TerminalSafe.decode(input)
    if let valid = String(validating: input, as: UTF8.self) {
        require(decoded == valid, "valid UTF-8 changed by decoding")
    } else {
        // Without backslashes in the input, undoing the \xNN escapes gives the bytes back.
        if !input.contains(UInt8(ascii: "\\")) { require(unescape(decoded) == input, "bytes not shown as received") }
    }
    let line = TerminalSafe.line(decoded)
    require(!line.unicodeScalars.contains(where: isUnsafe), "an unsafe scalar in a line")
    require(String(validating: Array(line.utf8), as: UTF8.self) != nil, "a line is not valid UTF-8")
    for piece in TerminalSafe.lines(decoded) {
        require(!piece.unicodeScalars.contains(where: isUnsafe), "an unsafe scalar in lines")
    }
    return 0
}

/// The bytes a decoded text stands for: each `\xNN` one byte, everything else its UTF-8.
func unescape(_ text: String) -> [UInt8] {
    var output: [UInt8] = []
    let utf8 = Array(text.utf8)
    var index = 0
    while index < utf8.count {
        if utf8[index] == UInt8(ascii: "\\"), index + 3 < utf8.count, utf8[index + 1] == UInt8(ascii: "x"),
            let byte = UInt8(String(decoding: utf8[(index + 2)..<(index + 4)], as: UTF8.self), radix: 16)
        {
            output.append(byte)
            index += 4
        } else {
            output.append(utf8[index])
            index += 1
        }
    }
    return output
}
