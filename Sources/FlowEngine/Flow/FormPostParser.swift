import Foundation

/// Reads the hidden fields of a `form_post` response's auto-submit form.
///
/// A small scanner, not an HTML parser: it reads `<input … name="…" value="…">` tags in order,
/// which is all the Form Post Response Mode (§2) puts in the page.
enum FormPostParser {
    /// The form's fields, or `nil` when the body has no `<form>` with inputs.
    static func fields(in body: [UInt8]) -> [FormParameter]? {
        let html = String(decoding: body.prefix(1_048_576), as: UTF8.self)
        guard html.range(of: "<form", options: .caseInsensitive) != nil else { return nil }
        var fields: [FormParameter] = []
        var rest = Substring(html)
        while let start = rest.range(of: "<input", options: .caseInsensitive) {
            guard let end = rest[start.upperBound...].firstIndex(of: ">") else { break }
            let tag = rest[start.upperBound..<end]
            if let name = attribute("name", in: tag) {
                fields.append(FormParameter(name, attribute("value", in: tag) ?? ""))
            }
            rest = rest[rest.index(after: end)...]
        }
        return fields.isEmpty ? nil : fields
    }

    private static func attribute(_ name: String, in tag: Substring) -> String? {
        for quote in ["\"", "'"] {
            if let range = tag.range(of: "\(name)=\(quote)", options: .caseInsensitive),
                let close = tag[range.upperBound...].firstIndex(of: Character(quote))
            {
                return unescapeEntities(String(tag[range.upperBound..<close]))
            }
        }
        return nil
    }

    private static func unescapeEntities(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
