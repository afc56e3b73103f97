import Foundation

/// The flow as a bash + curl script that replays it: one `curl` per request, `--max-redirs 0`, a
/// cookie jar, each response kept in a work directory.
///
/// Values a response gave (a flow id, a code, tokens) are read back from the replayed responses
/// by the script and used in the requests after them; the PKCE pair is drawn afresh with openssl.
/// Secrets are variables (`${AUTHFLOW_CLIENT_SECRET}`, `${AUTHFLOW_PASSWORD}`) read from the
/// environment, never inlined unless `showSecrets`. Only the last attempt of each request is
/// replayed; the earlier ones are listed in comments.
public struct ScriptExport: Sendable {
    public var showSecrets: Bool
    public var redactor: Redactor

    public init(showSecrets: Bool, redactor: Redactor) {
        self.showSecrets = showSecrets
        self.redactor = redactor
    }

    /// Headers curl writes itself or the cookie jar supplies.
    static let skippedHeaders: Set<String> = ["cookie", "content-length", "host", "connection", "accept-encoding"]

    /// A literal spelling in a recorded request and the shell expression that replaces it.
    struct Substitution {
        var literal: String
        var expression: String
    }

    public func text(_ session: SessionExport) -> String {
        let configuration = session.configuration
        var lines = [
            "#!/usr/bin/env bash",
            "# authflow: the flow replayed with curl, one request per recorded step.",
            "# Values a response gives (flow id, code, tokens) are read from the replayed responses;",
            "# the responses are kept in \"$AUTHFLOW_WORK\" (a new temporary directory unless set).",
            "set -euo pipefail",
            "",
        ]
        var substitutions: [Substitution] = []
        var variables: [(name: String, literal: String, what: String)] = []
        if let secret = configuration.clientSecret, !secret.isEmpty {
            variables.append(("AUTHFLOW_CLIENT_SECRET", secret, "the client secret"))
        }
        if let password = configuration.password, !password.isEmpty {
            variables.append(("AUTHFLOW_PASSWORD", password, "the password"))
        }
        for variable in variables {
            if showSecrets {
                lines.append("\(variable.name)=\"${\(variable.name):-\(escape(variable.literal))}\"")
            } else {
                lines.append(": \"${\(variable.name):?set \(variable.name) to \(variable.what)}\"")
            }
            substitutions.append(Substitution(literal: variable.literal, expression: "${\(variable.name)}"))
            let encoded = FormURLEncoding.escape(variable.literal)
            if encoded != variable.literal {
                substitutions.append(
                    Substitution(literal: encoded, expression: "$(form_encode \"${\(variable.name)}\")"))
            }
        }
        if let secret = configuration.clientSecret, !secret.isEmpty {
            let basic = Data(
                (FormURLEncoding.escape(configuration.clientID) + ":" + FormURLEncoding.escape(secret)).utf8
            ).base64EncodedString()
            substitutions.append(Substitution(literal: basic, expression: "$(basic_credentials)"))
        }
        lines += [
            "AUTHFLOW_WORK=\"${AUTHFLOW_WORK:-$(mktemp -d)}\"",
            "jar=\"$AUTHFLOW_WORK/cookies.txt\"",
            "echo \"authflow: responses in $AUTHFLOW_WORK\" >&2",
            "",
            "# application/x-www-form-urlencoded (RFC 6749 Appendix B).",
            "form_encode() {",
            "    local text=$1 out='' char i",
            "    for ((i = 0; i < ${#text}; i++)); do",
            "        char=${text:i:1}",
            "        case $char in",
            "        [a-zA-Z0-9.~_-]) out+=$char ;;",
            "        ' ') out+='+' ;;",
            "        *) out+=$(printf '%%%02X' \"'$char\") ;;",
            "        esac",
            "    done",
            "    printf '%s' \"$out\"",
            "}",
            "# A query parameter of the Location header in a saved header file.",
            "location_param() {",
            "    { sed -n 's/^[Ll]ocation:[[:space:]]*//p' \"$1\" | tr -d '\\r' | head -n 1 | tr '?&#' '\\n\\n\\n' |",
            "        sed -n \"s/^$2=//p\" | head -n 1; } || true",
            "}",
            "# The first string member with this name in a saved JSON body.",
            "json_string() {",
            "    { grep -o \"\\\"$2\\\"[[:space:]]*:[[:space:]]*\\\"[^\\\"]*\\\"\" \"$1\" | head -n 1 |",
            "        sed 's/^.*:[[:space:]]*\"\\(.*\\)\"$/\\1/'; } || true",
            "}",
        ]
        if configuration.clientSecret.map({ !$0.isEmpty }) ?? false {
            lines += [
                "basic_credentials() {",
                "    printf '%s:%s' \"$(form_encode \(quote(configuration.clientID)))\" "
                    + "\"$(form_encode \"${AUTHFLOW_CLIENT_SECRET}\")\" | base64 | tr -d '\\n'",
                "}",
            ]
        }
        if let pkce = session.pkce {
            lines += ["", "# A new PKCE pair (RFC 7636) in place of the one recorded."]
            lines.append(
                "CODE_VERIFIER=$(openssl rand -base64 48 | tr -d '\\n=' | tr '+/' '-_' | cut -c1-64)")
            if pkce.method == .s256 {
                lines.append(
                    "CODE_CHALLENGE=$(printf '%s' \"$CODE_VERIFIER\" | openssl dgst -sha256 -binary | base64 "
                        + "| tr -d '\\n=' | tr '+/' '-_')")
            } else {
                lines.append("CODE_CHALLENGE=$CODE_VERIFIER")
            }
            substitutions.append(Substitution(literal: pkce.verifier, expression: "${CODE_VERIFIER}"))
            substitutions.append(Substitution(literal: pkce.challenge, expression: "${CODE_CHALLENGE}"))
        }

        // The last attempt of each request is replayed, in the order those were sent.
        let replayed = session.record.indices.filter { index in
            let entry = session.record[index]
            return !session.record[(index + 1)...].contains { $0.step == entry.step && $0.action == entry.action }
        }
        var extracted: Set<String> = []
        for (position, index) in session.record.indices.enumerated() {
            let entry = session.record[index]
            var title = "# ── \(entry.step.number) \(entry.step.title): \(entry.action.title)"
            if entry.attempt > 1 { title += " (attempt \(entry.attempt))" }
            lines += ["", comment(title)]
            for change in entry.changes {
                lines.append(comment("# changed: " + change.description(redactor: redactor)))
            }
            guard replayed.contains(index) else {
                lines.append("# (not replayed: a later attempt of this request follows)")
                continue
            }
            if case .callbackFromBrowser = entry.action {
                lines.append("# (not replayed: a browser signed on and followed this redirect)")
                continue
            }
            if String(decoding: entry.request.body, as: UTF8.self).contains("client_assertion=") {
                lines.append("# note: the client assertion is replayed as recorded; it may have expired.")
            }
            let file = "$AUTHFLOW_WORK/\(position + 1)"
            lines += curl(entry.request, file: file, label: "\(entry.step.number) \(entry.action.title)", substitutions)
            // Values this response gave, read back for the requests after it.
            for (name, value) in runtimeValues(entry.decoded) where !extracted.contains(name) {
                guard let read = extraction(of: value, in: entry, file: file) else { continue }
                lines.append("\(name)=\(read)")
                extracted.insert(name)
                substitutions.append(Substitution(literal: value, expression: "${\(name)}"))
            }
        }
        lines.append("")
        return lines.joined(separator: "\n")
    }

    /// The values a response can give that later requests carry, with the variable each goes in.
    func runtimeValues(_ decoded: StepDecoding) -> [(String, String)] {
        var values: [(String, String)] = []
        if let flowID = decoded.flowID { values.append(("FLOW_ID", flowID)) }
        if let code = decoded.code { values.append(("CODE", code)) }
        if let requestURI = decoded.requestURI { values.append(("REQUEST_URI", requestURI)) }
        if let tokens = decoded.tokens {
            if let token = tokens.accessToken { values.append(("ACCESS_TOKEN", token)) }
            if let token = tokens.refreshToken { values.append(("REFRESH_TOKEN", token)) }
            if let token = tokens.idToken { values.append(("ID_TOKEN", token)) }
        }
        return values.filter { !$0.1.isEmpty }
    }

    /// How the script reads a value out of the saved response: a Location parameter or a JSON member.
    func extraction(of value: String, in entry: StepRecord, file: String) -> String? {
        guard let response = entry.response else { return nil }
        if let location = response.header("Location"), let parts = URLParts(location) {
            for parameter in parts.queryParameters + parts.fragmentParameters where parameter.value == value {
                return "$(location_param \"\(file).headers\" \(quote(parameter.name)))"
            }
        }
        if let json = response.jsonBody, let members = json.members {
            for member in members where member.value.stringValue == value {
                return "$(json_string \"\(file).body\" \(quote(member.key)))"
            }
        }
        return nil
    }

    func curl(_ request: HTTPRequest, file: String, label: String, _ substitutions: [Substitution]) -> [String] {
        var arguments = [
            "curl --silent --show-error --max-redirs 0 --cookie \"$jar\" --cookie-jar \"$jar\"",
            "--dump-header \"\(file).headers\" --output \"\(file).body\"",
            "--write-out \(quote("\(label): %{http_code}\n"))",
            "--request \(quote(request.method))",
        ]
        for header in request.headers where !Self.skippedHeaders.contains(header.name.lowercased()) {
            arguments.append("--header " + word("\(header.name): \(header.value)", substitutions))
        }
        if !request.body.isEmpty {
            arguments.append("--data-binary " + word(String(decoding: request.body, as: UTF8.self), substitutions))
        }
        arguments.append(word(request.url, substitutions))
        return arguments.enumerated().map { index, argument in
            (index == 0 ? "" : "    ") + argument + (index == arguments.count - 1 ? "" : " \\")
        }
    }

    /// A double-quoted shell word: each substituted spelling becomes its expression, the rest is
    /// escaped and passed through the redactor.
    func word(_ text: String, _ substitutions: [Substitution]) -> String {
        let ordered = substitutions.filter { !$0.literal.isEmpty }.sorted { $0.literal.count > $1.literal.count }
        var output = "\""
        var rest = text[...]
        while !rest.isEmpty {
            var earliest: (range: Range<Substring.Index>, expression: String)?
            for substitution in ordered {
                guard let range = rest.range(of: substitution.literal) else { continue }
                if earliest == nil || range.lowerBound < earliest!.range.lowerBound {
                    earliest = (range, substitution.expression)
                }
            }
            guard let found = earliest else {
                output += escape(redactor.redact(String(rest)))
                break
            }
            output += escape(redactor.redact(String(rest[..<found.range.lowerBound]))) + found.expression
            rest = rest[found.range.upperBound...]
        }
        return output + "\""
    }

    /// Text safe inside double quotes.
    func escape(_ text: String) -> String {
        var output = ""
        for character in text {
            if "\\\"$`".contains(character) { output.append("\\") }
            output.append(character)
        }
        return output
    }

    /// A single-quoted shell word.
    func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// A comment line: one line, no control characters, secrets masked.
    func comment(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                redactor.redact(text).unicodeScalars.map {
                    $0.properties.generalCategory == .control ? " " : $0
                }))
    }
}
