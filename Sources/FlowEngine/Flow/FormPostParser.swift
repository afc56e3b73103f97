/// Reads the hidden fields of a `form_post` response's auto-submit form.
///
/// A small scanner, not an HTML parser: it reads `<input … name="…" value="…">` tags in order,
/// which is all the Form Post Response Mode (§2) puts in the page. One pass over the bytes, so a
/// hostile page costs time in proportion to its size (at most 1 MiB is read).
enum FormPostParser {
    /// The most of a body read.
    static let byteLimit = 1_048_576

    /// The form's fields, or `nil` when the body has no `<form>` with inputs.
    static func fields(in body: [UInt8]) -> [FormParameter]? {
        let html = Array(body.prefix(byteLimit))
        guard find(Array("<form".utf8), in: html, from: 0) != nil else { return nil }
        var fields: [FormParameter] = []
        var position = 0
        let input = Array("<input".utf8)
        while let start = find(input, in: html, from: position) {
            let tagStart = start + input.count
            guard let end = html[tagStart...].firstIndex(of: UInt8(ascii: ">")) else { break }
            let tag = html[tagStart..<end]
            if let name = attribute("name", in: tag) {
                fields.append(FormParameter(name, attribute("value", in: tag) ?? ""))
            }
            position = end + 1
        }
        return fields.isEmpty ? nil : fields
    }

    /// The first index at or after `from` where `pattern` (lowercase ASCII) starts, ignoring case.
    private static func find(_ pattern: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        guard let first = pattern.first, bytes.count >= pattern.count else { return nil }
        var index = from
        while index <= bytes.count - pattern.count {
            if lowercased(bytes[index]) == first, matches(pattern, in: bytes[...], at: index) { return index }
            index += 1
        }
        return nil
    }

    private static func matches(_ pattern: [UInt8], in bytes: ArraySlice<UInt8>, at index: Int) -> Bool {
        guard index + pattern.count <= bytes.endIndex else { return false }
        for offset in pattern.indices where lowercased(bytes[index + offset]) != pattern[offset] { return false }
        return true
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D || byte == UInt8(ascii: "/")
    }

    /// The quoted value of the first `name="…"` or `name='…'` in a tag, entities decoded.
    ///
    /// The name must start the tag or follow a blank, so `data-name="x"` is not `name`.
    private static func attribute(_ name: String, in tag: ArraySlice<UInt8>) -> String? {
        let pattern = Array((name + "=").utf8)
        var index = tag.startIndex
        while index < tag.endIndex {
            let boundary = index == tag.startIndex || isBlank(tag[index - 1])
            if boundary, matches(pattern, in: tag, at: index) {
                let quoteIndex = index + pattern.count
                if quoteIndex < tag.endIndex,
                    tag[quoteIndex] == UInt8(ascii: "\"") || tag[quoteIndex] == UInt8(ascii: "'")
                {
                    let quote = tag[quoteIndex]
                    guard let close = tag[(quoteIndex + 1)...].firstIndex(of: quote) else { return nil }
                    return unescapeEntities(tag[(quoteIndex + 1)..<close])
                }
            }
            index += 1
        }
        return nil
    }

    /// HTML character references: the named ones a form value needs and numeric ones.
    private static func unescapeEntities(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var output = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            output += rest[..<ampersand]
            let afterAmpersand = rest.index(after: ampersand)
            // A reference is short: look for its ";" among the next few characters only.
            let window = rest[afterAmpersand...].prefix(10)
            if let semicolon = window.firstIndex(of: ";"), let decoded = reference(rest[afterAmpersand..<semicolon]) {
                output.unicodeScalars.append(decoded)
                rest = rest[rest.index(after: semicolon)...]
            } else {
                output += "&"
                rest = rest[afterAmpersand...]
            }
        }
        output += rest
        return output
    }

    private static func reference(_ name: Substring) -> Unicode.Scalar? {
        switch name {
        case "quot": return "\""
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "apos": return "'"
        default:
            guard name.first == "#" else { return nil }
            let digits = name.dropFirst()
            let number: UInt32? =
                digits.first == "x" || digits.first == "X"
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            return number.flatMap(Unicode.Scalar.init)
        }
    }
}
