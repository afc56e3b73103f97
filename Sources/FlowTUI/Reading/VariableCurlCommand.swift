import FlowEngine
import Foundation

/// A request as a `curl` command line that runs as it is even when masked: each secret is a
/// shell variable (`${AUTHFLOW_CLIENT_SECRET}`, `${AUTHFLOW_PASSWORD}`, `${AUTHFLOW_CODE}`…),
/// which the user sets before pasting it, as the script export does. Unmasked, the values are
/// written out. A form body goes as `--data-urlencode` arguments, one a parameter, so a variable
/// is encoded by curl. `--max-redirs 0` keeps curl from following redirects, as authflow does.
struct VariableCurlCommand: Equatable, Sendable {
    /// The command line.
    var text: String
    /// The variables it reads, in order of first use.
    var variables: [String]

    /// A secret's literal spelling in the request and the variable that stands for it.
    private struct Variable {
        var name: String
        var literal: String
    }

    init(request: HTTPRequest, redactor: Redactor, configuration: FlowConfiguration) {
        guard !redactor.showsEverything else {
            text = CurlCommand(request: request, redactor: redactor).text
            variables = []
            return
        }
        var found: [Variable] = []
        func add(_ name: String, _ literal: String) {
            guard !literal.isEmpty, redactor.redactValue(literal) != literal,
                !found.contains(where: { $0.literal == literal })
            else { return }
            found.append(Variable(name: Self.variableName(name), literal: literal))
        }
        if let secret = configuration.clientSecret { add("client_secret", secret) }
        for parameter in request.parameters { add(parameter.name, parameter.value) }
        if let members = (try? JSONValue.parse(request.body))?.members {
            for member in members { if case .string(let value) = member.value { add(member.key, value) } }
        }
        var headers: [(name: String, value: String)] = []
        for header in request.headers where !["host", "content-length"].contains(header.name.lowercased()) {
            headers.append((header.name, header.value))
            if header.name.lowercased() == "authorization" {
                let parts = header.value.split(separator: " ", maxSplits: 1).map(String.init)
                if parts.count == 2 {
                    add(parts[0].lowercased() == "bearer" ? "access_token" : "basic_credentials", parts[1])
                }
            } else if header.name.lowercased() == "cookie" {
                for pair in header.value.split(separator: ";") {
                    let nameValue = pair.split(separator: "=", maxSplits: 1).map {
                        $0.trimmingCharacters(in: .whitespaces)
                    }
                    if nameValue.count == 2 { add("cookie_" + nameValue[0], nameValue[1]) }
                }
            }
        }
        var used: [String] = []
        func word(_ text: String) -> String {
            let (shell, names) = Self.word(text, found, redactor: redactor)
            for name in names where !used.contains(name) { used.append(name) }
            return shell
        }
        var arguments = ["curl", "-sS", "-i", "--max-redirs", "0", "-X", request.method].map { CurlCommand.quote($0) }
        for header in headers {
            arguments += ["-H", word("\(header.name): \(header.value)")]
        }
        if request.hasFormBody {
            for parameter in request.formParameters {
                arguments += ["--data-urlencode", word(parameter.name + "=" + parameter.value)]
            }
        } else if !request.body.isEmpty {
            arguments += ["--data-binary", word(String(decoding: request.body, as: UTF8.self))]
        }
        arguments.append(word(request.url))
        text = arguments.joined(separator: " ")
        variables = used
    }

    /// `AUTHFLOW_` and the name in capitals, other characters as `_`.
    static func variableName(_ name: String) -> String {
        "AUTHFLOW_"
            + String(
                name.uppercased().unicodeScalars.map { scalar in
                    ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) ? Character(scalar) : "_"
                })
    }

    /// A shell word for `text` with each secret's literal replaced by its variable; the rest
    /// masked as a last resort and made safe for a terminal.
    private static func word(_ text: String, _ variables: [Variable], redactor: Redactor) -> (String, [String]) {
        var parts: [(text: String, isVariable: Bool)] = []
        var rest = Substring(text)
        var names: [String] = []
        while !rest.isEmpty {
            let next = variables.compactMap { variable -> (Range<Substring.Index>, Variable)? in
                rest.range(of: variable.literal).map { ($0, variable) }
            }.min {
                $0.0.lowerBound < $1.0.lowerBound
                    || ($0.0.lowerBound == $1.0.lowerBound && $0.1.literal.count > $1.1.literal.count)
            }
            guard let (range, variable) = next else {
                parts.append((String(rest), false))
                break
            }
            if range.lowerBound > rest.startIndex { parts.append((String(rest[..<range.lowerBound]), false)) }
            parts.append(("${\(variable.name)}", true))
            if !names.contains(variable.name) { names.append(variable.name) }
            rest = rest[range.upperBound...]
        }
        guard !names.isEmpty else { return (CurlCommand.quote(TerminalSafe.line(redactor.redact(text))), []) }
        let inner = parts.map { part in
            part.isVariable ? part.text : escapeForDoubleQuotes(TerminalSafe.line(redactor.redact(part.text)))
        }.joined()
        return ("\"" + inner + "\"", names)
    }

    /// Text inside double quotes: `\`, `"`, `$` and `` ` `` escaped.
    private static func escapeForDoubleQuotes(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if "\\\"$`".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
