import Foundation

/// Hides secrets in text shown or exported: client secret, password, PKCE verifier, tokens, cookies.
///
/// Masking happens in two layers. Structured values (a request's query and form parameters, JSON
/// strings, `Authorization` and `Cookie` headers) are masked before anything is serialised, so a
/// secret is hidden whatever its length and however JSON or form encoding would spell it. Then
/// text is searched for every spelling of each secret: raw, form-encoded, percent-encoded and
/// JSON-escaped. A secret shorter than ``shortSecretLength`` is hidden by the structured layer
/// only, so that a one-letter password does not blank out every page.
public struct Redactor: Equatable, Sendable {
    /// What a hidden secret looks like.
    public static let mask = "••••••"

    /// Spellings shorter than this are hidden only where they are a whole structured value.
    public static let shortSecretLength = 4

    /// Every spelling searched for in text, longest first.
    public private(set) var secrets: [String]
    /// The secrets as given: a structured value equal to one is hidden whatever its length.
    private var values: Set<String>
    /// What a secret or spelling is replaced by when not ``mask``: a signed JWT whose claims are
    /// kept (``keepingClaims(of:)``) becomes `<header>.<payload>.••••••`.
    private var replacements: [String: String] = [:]

    /// A redactor for these secrets; pass `[]` to show everything.
    public init(secrets: [String]) {
        var values = Set<String>()
        var spellings = Set<String>()
        for secret in secrets where !secret.isEmpty {
            values.insert(secret)
            spellings.formUnion(Self.spellings(of: secret))
        }
        self.values = values
        // Longest first, so a secret that contains another is hidden whole.
        self.secrets = spellings.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    /// A redactor for these secrets that also hides `wholeValues` where one is a whole value (a JSON
    /// string, a parameter, a table cell) but not inside other text: for short personal data such
    /// as a given name, which would otherwise blank out every word that contains it.
    public init(secrets: [String], wholeValues: [String]) {
        self.init(secrets: secrets)
        values.formUnion(wholeValues.filter { !$0.isEmpty })
    }

    /// This redactor, but each of `tokens` that is a signed JWT (three segments, a JSON header and
    /// payload) keeps its header and payload and loses only its signature:
    /// `<header>.<payload>.••••••`. Without its signature a token is no credential, and its claims
    /// are what the masked screen shows anyway; a reopened session decodes and checks them. The
    /// signature alone is hidden too, wherever it occurs. For exports and the kept session only:
    /// the screen masks tokens whole.
    public func keepingClaims(of tokens: [String]) -> Redactor {
        guard !showsEverything else { return self }
        var redactor = self
        var spellings = Set(secrets)
        for token in tokens where values.contains(token) {
            guard let kept = Self.keptClaims(of: token) else { continue }
            redactor.replacements[token] = kept.text
            // A JWT is all base64url and dots: each spelling of it is the token itself.
            if kept.signature.count >= Self.shortSecretLength { spellings.insert(kept.signature) }
        }
        redactor.secrets = spellings.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
        return redactor
    }

    /// A signed JWT's `<header>.<payload>.••••••` and its signature segment, or `nil` when the
    /// token is not a three-segment JWT with a JSON header and payload (an opaque token, a JWE).
    static func keptClaims(of token: String) -> (text: String, signature: String)? {
        let segments = token.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 3, !segments[2].isEmpty, segments[2] != Substring(mask),
            let parsed = try? JSONWebToken.parse(token), parsed.claims != nil
        else { return nil }
        return ("\(segments[0]).\(segments[1]).\(mask)", String(segments[2]))
    }

    /// What hides `secret`: ``mask``, or a kept JWT's header and payload.
    private func replacement(for secret: String) -> String { replacements[secret] ?? Self.mask }

    /// A redactor that hides nothing.
    public static let none = Redactor(secrets: [])

    /// Whether nothing is hidden.
    public var showsEverything: Bool { values.isEmpty }

    /// The ways a secret is written on the wire and in the views.
    static func spellings(of secret: String) -> Set<String> {
        var spellings: Set<String> = [secret, FormURLEncoding.escape(secret)]
        // Percent-encoded with %20 for spaces, as in a URL's path or query.
        spellings.insert(FormURLEncoding.escape(secret).replacingOccurrences(of: "+", with: "%20"))
        if let percent = secret.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) {
            spellings.insert(percent)
        }
        // JSON-escaped, as authflow's writer and other writers (with `\/`, `\u00e9`) spell it.
        var json = ""
        JSONValue.writeString(secret, into: &json)
        let escaped = String(json.dropFirst().dropLast())
        spellings.insert(escaped)
        spellings.insert(escaped.replacingOccurrences(of: "/", with: "\\/"))
        spellings.insert(Self.asciiJSONEscaped(escaped))
        return spellings.filter { !$0.isEmpty }
    }

    /// JSON-escaped text with every non-ASCII scalar as `\uXXXX` (UTF-16), as some servers write it.
    private static func asciiJSONEscaped(_ escaped: String) -> String {
        var output = ""
        for scalar in escaped.unicodeScalars {
            if scalar.isASCII {
                output.unicodeScalars.append(scalar)
            } else {
                for unit in String(scalar).utf16 { output += String(format: "\\u%04x", unit) }
            }
        }
        return output
    }

    // MARK: - Text

    /// The text with every spelling of every secret replaced by ``mask``.
    ///
    /// Spellings shorter than ``shortSecretLength`` are left to the structured layer: replacing
    /// `1` or `ab` wherever it occurs would blank out the page and hide nothing.
    public func redact(_ text: String) -> String {
        guard !secrets.isEmpty else { return text }
        var output = text
        for secret in secrets where secret.count >= Self.shortSecretLength && output.contains(secret) {
            output = output.replacingOccurrences(of: secret, with: replacement(for: secret))
        }
        return output
    }

    // MARK: - Structured values

    /// One value: hidden whole when it is a secret, else its text redacted.
    public func redactValue(_ value: String) -> String {
        guard !showsEverything else { return value }
        return values.contains(value) ? replacement(for: value) : redact(value)
    }

    /// A JSON value with every string masked as a value, before it is written out.
    public func redact(_ json: JSONValue) -> JSONValue {
        guard !showsEverything else { return json }
        switch json {
        case .string(let string): return .string(redactValue(string))
        case .array(let elements): return .array(elements.map(redact))
        case .object(let members): return .object(members.map { JSONMember(redact($0.key), redact($0.value)) })
        default: return json
        }
    }

    /// A request with its secrets masked in the URL's query, the headers and the body.
    public func redact(_ request: HTTPRequest) -> HTTPRequest {
        guard !showsEverything else { return request }
        var redacted = request
        redacted.url = redactURL(request.url)
        redacted.headers = request.headers.map(redact)
        redacted.body = redactBody(request.body, contentType: request.header("Content-Type"))
        return redacted
    }

    /// A response with its secrets masked in the headers and the body.
    public func redact(_ response: HTTPResponse) -> HTTPResponse {
        guard !showsEverything else { return response }
        var redacted = response
        redacted.headers = response.headers.map(redact)
        redacted.body = redactBody(response.body, contentType: response.header("Content-Type"))
        return redacted
    }

    /// A URL with each query and fragment parameter that holds a secret masked.
    public func redactURL(_ url: String) -> String {
        guard !showsEverything else { return url }
        var output = ""
        var rest = url[...]
        // The path, then the query after `?`, then the fragment after `#`.
        if let question = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            output += redact(String(rest[..<question]))
            output.append(rest[question])
            rest = rest[rest.index(after: question)...]
            if let hash = rest.firstIndex(of: "#") {
                output += redactForm(String(rest[..<hash])) + "#"
                rest = rest[rest.index(after: hash)...]
            }
            return output + redactForm(String(rest))
        }
        return redact(url)
    }

    /// `a=b&c=d` with every value that is (or holds) a secret masked; other pairs as they were.
    public func redactForm(_ form: String) -> String {
        guard !showsEverything else { return form }
        return form.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            guard let equals = pair.firstIndex(of: "=") else { return redact(String(pair)) }
            let name = pair[..<equals]
            let raw = pair[pair.index(after: equals)...]
            let value = FormURLEncoding.unescape(raw)
            let masked = redactValue(value)
            if masked == value { return redact(String(pair)) }
            let encoded = FormURLEncoding.escape(masked).replacingOccurrences(
                of: FormURLEncoding.escape(Self.mask), with: Self.mask)
            return redact(String(name)) + "=" + encoded
        }.joined(separator: "&")
    }

    private func redact(_ header: HTTPHeader) -> HTTPHeader {
        let value = header.value
        switch header.name.lowercased() {
        case "authorization":
            let parts = value.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { return HTTPHeader(header.name, redactValue(value)) }
            let credentials = String(parts[1]).trimmingCharacters(in: .whitespaces)
            let hidden = hides(credentials: credentials) ? replacement(for: credentials) : credentials
            return HTTPHeader(header.name, "\(parts[0]) " + hidden)
        case "cookie":
            let pairs = value.split(separator: ";").map { pair -> String in
                let trimmed = pair.trimmingCharacters(in: .whitespaces)
                guard let equals = trimmed.firstIndex(of: "=") else { return redact(trimmed) }
                return redact(String(trimmed[..<equals])) + "="
                    + redactValue(String(trimmed[trimmed.index(after: equals)...]))
            }
            return HTTPHeader(header.name, pairs.joined(separator: "; "))
        case "set-cookie":
            let first = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
            guard let pair = first.first, let equals = pair.firstIndex(of: "=") else {
                return HTTPHeader(header.name, redact(value))
            }
            let rest = first.count > 1 ? ";" + redact(String(first[1])) : ""
            let cookieValue = pair[pair.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            return HTTPHeader(header.name, redact(String(pair[..<equals])) + "=" + redactValue(cookieValue) + rest)
        default:
            return HTTPHeader(header.name, redact(value))
        }
    }

    /// Whether `Authorization` credentials are to be hidden: a secret themselves, or Basic
    /// credentials (RFC 7617) whose decoded `id:secret` holds one in any spelling.
    private func hides(credentials: String) -> Bool {
        if values.contains(credentials) || redact(credentials) != credentials { return true }
        guard let data = Data(base64Encoded: credentials), let decoded = String(data: data, encoding: .utf8),
            let colon = decoded.firstIndex(of: ":")
        else { return false }
        let password = decoded[decoded.index(after: colon)...]
        return values.contains(String(password)) || values.contains(FormURLEncoding.unescape(password))
            || redact(decoded) != decoded
    }

    private func redactBody(_ body: [UInt8], contentType: String?) -> [UInt8] {
        guard !body.isEmpty else { return body }
        let type = contentType?.lowercased() ?? ""
        if type.hasPrefix("application/x-www-form-urlencoded") {
            let text = String(decoding: body, as: UTF8.self)
            let masked = redactForm(text)
            return masked == text ? body : Array(masked.utf8)
        }
        if let json = try? JSONValue.parse(body) {
            let masked = redact(json)
            return masked == json ? body : Array(masked.compactText.utf8)
        }
        let text = String(decoding: body, as: UTF8.self)
        let masked = redact(text)
        return masked == text ? body : Array(masked.utf8)
    }
}
