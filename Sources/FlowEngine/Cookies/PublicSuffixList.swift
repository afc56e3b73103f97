/// The public suffix list (publicsuffix.org): domains under which anyone may register, such as
/// `com`, `co.uk` or `github.io`. No cookie may be set for one (RFC 6265 §5.3 step 5).
///
/// The engine does no I/O: the caller reads the list (Debian's `publicsuffix` package installs
/// `/usr/share/publicsuffix/public_suffix_list.dat`) and passes its text in; ``builtIn`` is a
/// small fallback for when the file is absent.
public struct PublicSuffixList: Equatable, Sendable {
    /// Where the list came from, for display: a path, or `built-in`.
    public var source: String
    private let storage: Storage

    /// Reads the list's text format: one rule a line, `//` comments, `*.` wildcards, `!` exceptions.
    public init(text: String, source: String) {
        var rules = Set<String>()
        var wildcards = Set<String>()
        var exceptions = Set<String>()
        // Read as UTF-8 bytes, not Characters: the system list is some 250 KB, and splitting it into
        // grapheme clusters cost most of `authflow demo`'s time to its first frame. Line breaks and
        // blanks are ASCII; a rule with non-ASCII letters (an IDN) is lowercased as a String.
        func isLineBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C }
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                while index < bytes.count, isLineBreak(bytes[index]) || isBlank(bytes[index]) { index += 1 }
                // A rule ends at the first whitespace (publicsuffix.org/list "Format").
                let start = index
                while index < bytes.count, !isLineBreak(bytes[index]), !isBlank(bytes[index]) { index += 1 }
                let word = UnsafeBufferPointer(rebasing: bytes[start..<index])
                while index < bytes.count, !isLineBreak(bytes[index]) { index += 1 }
                guard !word.isEmpty, !(word.count >= 2 && word[0] == 0x2F && word[1] == 0x2F) else { continue }
                let rule =
                    word.allSatisfy { $0 < 0x80 }
                    ? String(decoding: word.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
                    : String(decoding: word, as: UTF8.self).lowercased()
                if rule.hasPrefix("!") {
                    exceptions.insert(String(rule.dropFirst()))
                } else if rule.hasPrefix("*.") {
                    wildcards.insert(String(rule.dropFirst(2)))
                } else {
                    rules.insert(rule)
                }
            }
        }
        self.source = source
        self.storage = Storage(rules: rules, wildcards: wildcards, exceptions: exceptions)
    }

    /// Whether no cookie may be set for `domain` (lower-case, no leading dot).
    public func isPublicSuffix(_ domain: String) -> Bool {
        let domain = domain.lowercased()
        guard !domain.isEmpty else { return true }
        if storage.exceptions.contains(domain) { return false }
        if storage.rules.contains(domain) { return true }
        // `*.ck` makes every `x.ck` a suffix.
        if let dot = domain.firstIndex(of: ".") {
            return storage.wildcards.contains(String(domain[domain.index(after: dot)...]))
        }
        // The list's default rule `*`: a single label (a top-level domain) is a public suffix.
        return true
    }

    /// How many rules the list holds.
    public var count: Int { storage.rules.count + storage.wildcards.count + storage.exceptions.count }

    /// A few of the most used suffixes, for when the system list is not installed.
    public static let builtIn = PublicSuffixList(
        text: """
            com
            net
            org
            edu
            gov
            io
            co
            uk
            co.uk
            org.uk
            ac.uk
            gov.uk
            eu
            de
            fr
            ca
            asia
            sg
            com.sg
            au
            com.au
            net.au
            org.au
            jp
            co.jp
            cn
            com.cn
            in
            co.in
            br
            com.br
            github.io
            herokuapp.com
            azurewebsites.net
            cloudfront.net
            amazonaws.com
            appspot.com
            vercel.app
            netlify.app
            pages.dev
            """, source: "built-in")

    public static func == (lhs: PublicSuffixList, rhs: PublicSuffixList) -> Bool {
        lhs.source == rhs.source && (lhs.storage === rhs.storage || lhs.storage.isEqual(to: rhs.storage))
    }

    /// The rules, shared between copies (the full list holds about ten thousand).
    private final class Storage: Sendable {
        let rules: Set<String>
        let wildcards: Set<String>
        let exceptions: Set<String>

        init(rules: Set<String>, wildcards: Set<String>, exceptions: Set<String>) {
            self.rules = rules
            self.wildcards = wildcards
            self.exceptions = exceptions
        }

        func isEqual(to other: Storage) -> Bool {
            rules == other.rules && wildcards == other.wildcards && exceptions == other.exceptions
        }
    }
}
