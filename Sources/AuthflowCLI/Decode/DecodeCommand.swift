import ArgumentParser
import FlowEngine
import Foundation

/// `authflow decode`: decode, verify and check JWTs from the command line.
///
/// A thin shell over `TokenInspector`: it reads the options, loads the keys, and prints the
/// inspections as text or JSON. The exit status comes from `DecodeExitStatus`.
struct DecodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode, verify and check JWTs (ID tokens, access tokens, any JWS; JWE headers).",
        discussion: """
            Tokens come from the arguments, or from standard input, one per line. Exit status: 0 when every \
            applicable check passes, 1 when a check fails, 2 when a token cannot be parsed (or none was given), \
            3 when the --jwks keys cannot be loaded. See docs/token-inspector.md for every check.
            """
    )

    @Argument(
        help:
            "Compact tokens; `-` reads standard input, one per line (as it does when no token is given). Each report is written as its token is done."
    )
    var tokens: [String] = []

    @Option(
        help: ArgumentHelp(
            "Keys to verify with: a JWKS, JWK or PEM file, or an http(s) URL such as the issuer's jwks_uri.",
            valueName: "file|url"))
    var jwks: String?

    @Option(help: "Expected issuer; iss must equal it exactly.")
    var issuer: String?

    @Option(help: "Expected audience: an ID token's client ID, or an access token's resource.")
    var audience: String?

    @Option(name: .customLong("client-id"), help: "The client ID, checked against azp and an access token's client_id.")
    var clientID: String?

    @Option(help: "The nonce sent in the authorization request.")
    var nonce: String?

    @Option(name: .customLong("access-token"), help: "The access token from the same response, to check at_hash.")
    var accessToken: String?

    @Option(help: "The authorization code, to check c_hash.")
    var code: String?

    @Option(
        name: .customLong("secret-file"),
        help: ArgumentHelp(
            "A file holding the client secret, for HS256/384/512 (default: $AUTHFLOW_CLIENT_SECRET, else a prompt).",
            valueName: "file"))
    var secretFile: String?

    /// Refused: a secret on the command line is in the process list and the shell history.
    @Option(help: ArgumentHelp("No longer accepted; see --secret-file.", visibility: .hidden))
    var secret: String?

    @Option(
        name: .customLong("max-age"),
        help: "The max_age sent, in seconds; auth_time must then be present and recent enough.")
    var maxAge: Int?

    @Option(name: .customLong("acr-values"), help: "The acr_values sent (space-separated); acr must be one of them.")
    var acrValues: String?

    @Option(help: ArgumentHelp("Check as this kind instead of detecting it.", valueName: "id_token|access_token|jwt"))
    var kind: String?

    @Option(help: "Clock skew allowed on every time check, in seconds.")
    var skew: Int = 60

    @Option(
        name: .customLong("server-date"),
        help: ArgumentHelp(
            "The server's Date header (e.g. \"Sun, 06 Nov 1994 08:49:37 GMT\"), to compare clocks.",
            valueName: "http-date"))
    var serverDate: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        if secret != nil {
            throw ValidationError(
                "--secret is no longer accepted: other users can read a command line (ps) and the shell keeps it. "
                    + "Set \(DecodeInput.secretVariable), give --secret-file FILE, or type the secret at the prompt.")
        }
        guard skew >= 0 else { throw ValidationError("--skew must be zero or more seconds") }
        if let kind, TokenKind(rawValue: kind) == nil {
            throw ValidationError("--kind must be one of " + TokenKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if let maxAge, maxAge < 0 { throw ValidationError("--max-age must be zero or more seconds") }
        if let serverDate, HTTPDate.parse(serverDate) == nil {
            throw ValidationError("--server-date: \(ClockSkew.DateHeaderError(value: serverDate))")
        }
    }

    func run() async throws {
        let now = Date()
        let keys: JSONWebKeySet?
        if let jwks {
            do {
                keys = try await JWKSSource(argument: jwks).load()
            } catch {
                let reason = TerminalSafe.line(String(describing: error))
                FileHandle.standardError.write(Data("authflow decode: \(reason)\n".utf8))
                throw ExitCode(DecodeExitStatus.keysUnavailable.rawValue)
            }
        } else {
            keys = nil
        }

        let expectations = TokenExpectations(
            kind: kind.flatMap(TokenKind.init(rawValue:)), issuer: issuer, clientID: clientID, audience: audience,
            nonce: nonce,
            accessToken: accessToken, code: code, maxAge: maxAge,
            acrValues: TokenExpectations.acrValues(parsing: acrValues),
            allowedSkew: TimeInterval(skew), now: now,
            serverClock: serverDate.flatMap { try? ClockSkew(dateHeader: $0, receivedAt: now) }
        )
        // Keys are prepared once here, not per token.
        let inspector = TokenInspector(keys: keys, clientSecret: try clientSecret())
        // Output is kept until the input would wait, so a batch is not a write per token.
        let streams = DecodeStreams()
        let (status, tokenCount) = Self.stream(
            DecodeInput.Tokens(
                arguments: tokens, readLine: Self.standardInputReader(arguments: tokens, streams),
                lineReady: streams.hasLineReady),
            total: DecodeInput.Tokens.count(arguments: tokens), json: json,
            inspect: { inspector.inspect($0, expecting: expectations) },
            output: streams.write, batch: DecodeBatch())
        streams.flush()
        if tokenCount == 0, !json {
            FileHandle.standardError.write(
                Data("authflow decode: no token given (as an argument or on standard input)\n".utf8))
        }
        if status != .passed { throw ExitCode(status.rawValue) }
    }

    /// Inspects each token and writes its report before reading the token after the next one
    /// (one token of look-ahead decides whether a lone token is numbered); returns the run's status.
    ///
    /// The tokens that can be read without waiting are inspected together, on `batch.workers`
    /// threads; their reports are written in the tokens' order, and the last one's after the
    /// next token is read, as for a single token.
    static func stream(
        _ tokens: DecodeInput.Tokens, total: Int?, json: Bool, inspect: @escaping @Sendable (String) -> Inspection,
        output: @escaping (String) -> Void, batch: DecodeBatch = DecodeBatch(workers: 1)
    ) -> (DecodeExitStatus, tokenCount: Int) {
        var writer = DecodeReportWriter(json: json, total: total, output: output)
        var tokens = tokens
        var next = tokens.next()
        while let first = next {
            var group = [first]
            next = nil
            while group.count < batch.limit, tokens.nextIsReady, let token = tokens.next() { group.append(token) }
            let reports = batch.reports(group) { DecodeReport(inspect($0), json: json) }
            for report in reports.dropLast() { writer.write(report, more: true) }
            next = tokens.next()
            if let last = reports.last { writer.write(last, more: next != nil) }
        }
        return (writer.finish(), writer.count)
    }

    /// The HMAC secret: `--secret-file`, then `$AUTHFLOW_CLIENT_SECRET`, then a prompt (echo
    /// off) when a token needs it and the tokens came as arguments on a terminal.
    private func clientSecret() throws -> String? {
        var fileContents: String?
        if let secretFile {
            if let warning = FilePermissions.warningIfShared(secretFile, what: "the secret file") {
                FileHandle.standardError.write(Data("authflow: warning: \(warning)\n".utf8))
            }
            guard let data = FileManager.default.contents(atPath: secretFile) else {
                throw ValidationError("--secret-file \(secretFile): cannot read the file")
            }
            fileContents = String(decoding: data, as: UTF8.self)
            if DecodeInput.clientSecret(fileContents: fileContents, environment: [:]) == nil {
                throw ValidationError("--secret-file \(secretFile): the file is empty")
            }
        }
        let environment = ProcessInfo.processInfo.environment
        if let secret = DecodeInput.clientSecret(fileContents: fileContents, environment: environment) {
            return secret
        }
        let prompter = SecretPrompter()
        let arguments = tokens.filter { $0 != "-" }.map(DecodeInput.stripBearer)
        guard !arguments.isEmpty, !tokens.contains("-"), prompter.isInteractive,
            DecodeInput.needsClientSecret(arguments)
        else { return nil }
        let typed = try prompter.secret("Client secret (HMAC key)", variable: DecodeInput.secretVariable)
        return typed.isEmpty ? nil : typed
    }

    /// What reads standard input's lines: with no arguments, nothing when standard input is a
    /// terminal (nothing was piped); `-` reads it even then, as Unix tools do.
    private static func standardInputReader(arguments: [String], _ streams: DecodeStreams) -> () -> String? {
        if arguments.isEmpty, isatty(FileHandle.standardInput.fileDescriptor) != 0 { return { nil } }
        return streams.readLine
    }
}
