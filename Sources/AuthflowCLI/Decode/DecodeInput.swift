import FlowEngine

/// The parts of `authflow decode` that read its input, kept apart so they are tested without a process.
enum DecodeInput {
    /// The environment variable read for the client secret when `--secret-file` is not given.
    static let secretVariable = "AUTHFLOW_CLIENT_SECRET"

    /// The tokens to inspect, read lazily so a long standard input is never held whole: each
    /// argument is a token, except `-`, which stands for standard input (one token per non-empty
    /// line); with no arguments, standard input is read. A leading `Bearer ` is dropped.
    struct Tokens: Sequence, IteratorProtocol {
        private var arguments: ArraySlice<String>
        private var readLine: () -> String?
        private var lineReady: () -> Bool
        private var readingInput: Bool

        /// `readLine` gives standard input's next line (`nil` at its end), or nil when there is
        /// no input to read (a terminal, with no arguments); `lineReady` says whether it would
        /// give one without waiting for input.
        init(arguments: [String], readLine: @escaping () -> String?, lineReady: @escaping () -> Bool = { false }) {
            self.arguments = arguments[...]
            self.readLine = readLine
            self.lineReady = lineReady
            readingInput = arguments.isEmpty
        }

        /// Whether `next()` can start without waiting for input: an argument is next, or a line
        /// of standard input is already read. (A blank line is skipped, so the token after it may
        /// still have to be waited for.)
        var nextIsReady: Bool {
            if readingInput { return lineReady() }
            guard let argument = arguments.first else { return false }
            return argument != "-"
        }

        /// How many tokens there are, when it is known before reading (arguments without `-`).
        static func count(arguments: [String]) -> Int? {
            arguments.isEmpty || arguments.contains("-")
                ? nil : arguments.filter { !DecodeInput.stripBearer($0).isEmpty }.count
        }

        mutating func next() -> String? {
            while true {
                if readingInput {
                    guard let line = readLine() else {
                        readingInput = false
                        continue
                    }
                    let token = DecodeInput.stripBearer(line)
                    if !token.isEmpty { return token }
                    continue
                }
                guard let argument = arguments.popFirst() else { return nil }
                if argument == "-" {
                    readingInput = true
                    continue
                }
                let token = DecodeInput.stripBearer(argument)
                if !token.isEmpty { return token }
            }
        }
    }

    /// The client secret: the contents of `--secret-file` first (one trailing line break
    /// dropped), then `AUTHFLOW_CLIENT_SECRET`; empty counts as none. Never a command-line value:
    /// other users can read those in the process list, and shells keep them in their history.
    static func clientSecret(fileContents: String?, environment: [String: String]) -> String? {
        if var contents = fileContents?.unicodeScalars[...] {
            // Scalars, not Characters: "\r\n" is one Character.
            if contents.last == "\n" { contents = contents.dropLast() }
            if contents.last == "\r" { contents = contents.dropLast() }
            if !contents.isEmpty { return String(contents) }
        }
        if let value = environment[secretVariable], !value.isEmpty { return value }
        return nil
    }

    /// Whether any of these tokens is HMAC-signed, so that checking it needs the client secret.
    static func needsClientSecret(_ tokens: [String]) -> Bool {
        tokens.contains { token in
            guard let algorithm = try? JSONWebToken.parse(token).algorithm else { return false }
            return SignatureAlgorithm(rawValue: algorithm)?.family == .hmac
        }
    }

    static func stripBearer(_ line: String) -> String {
        let trimmed = line.trimmingBlanks()
        // Only an ASCII "bearer " (any case) can lower-case to it, so the bytes decide whether the
        // whole line needs lower-casing (it did for every token once).
        guard hasBearerBytes(trimmed) else { return trimmed }
        if trimmed.lowercased().hasPrefix("bearer ") {
            return String(trimmed.dropFirst("bearer ".count)).trimmingBlanks()
        }
        return trimmed
    }

    /// Whether the first seven bytes are "bearer " in any ASCII case.
    private static func hasBearerBytes(_ text: String) -> Bool {
        let prefix = "bearer ".utf8
        var bytes = text.utf8.makeIterator()
        for expected in prefix {
            guard let byte = bytes.next(), byte | 0x20 == expected | 0x20 else { return false }
        }
        return true
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks (as `TokenInspector` trims).
    fileprivate func trimmingBlanks() -> String {
        // Non-blank ASCII at both ends: nothing to trim, and no copy (a blank is one ASCII scalar).
        if let first = utf8.first, let last = utf8.last, first < 0x80, last < 0x80,
            ![0x20, 0x09, 0x0A, 0x0D].contains(first), ![0x20, 0x09, 0x0A, 0x0D].contains(last)
        {
            return self
        }
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isBlank($0) }), let end = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
