/// The keys to verify tokens with: a JWKS (RFC 7517 §5), a single JWK, or a PEM key.
///
/// A member of `keys` that authflow cannot use (an unknown `kty`, a bad coordinate) is set aside
/// with its reason rather than failing the whole set, as RFC 7517 §5 asks of implementations.
public struct JSONWebKeySet: Equatable, Sendable {
    /// A `keys` member that was not read, and why.
    public struct SkippedKey: Equatable, Sendable {
        /// Its position in `keys`.
        public var index: Int
        /// Its `kid`, when it had a readable one.
        public var keyID: String?
        /// Why it was skipped.
        public var reason: JSONWebKeyError

        /// A skipped member and its reason.
        public init(index: Int, keyID: String?, reason: JSONWebKeyError) {
            self.index = index
            self.keyID = keyID
            self.reason = reason
        }
    }

    /// The usable keys, in the order given.
    public var keys: [JSONWebKey]
    /// The members that could not be used.
    public var skipped: [SkippedKey]

    /// A set from keys already read.
    public init(keys: [JSONWebKey], skipped: [SkippedKey] = []) {
        self.keys = keys
        self.skipped = skipped
    }

    /// The `kid` of every usable key, in order.
    public var keyIDs: [String] { keys.compactMap(\.keyID) }
}

extension JSONWebKeySet {
    /// Reads a JWKS, a single JWK, or a PEM key from text (the `--jwks` file or URL body).
    public init(text: String) throws(JSONWebKeyError) {
        if JSONWebKey.looksLikePEM(text) {
            self.init(keys: [try JSONWebKey(pem: text)])
            return
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(text)
        } catch {
            throw .notJSON(error)
        }
        try self.init(json: value)
    }

    /// Reads a JWKS object, or a single JWK object (one with `kty`) as a set of one.
    public init(json: JSONValue) throws(JSONWebKeyError) {
        guard case .object = json else { throw .notAnObject }
        if json["keys"] == nil, json["kty"] != nil {
            self.init(keys: [try JSONWebKey(json: json, origin: .singleKey)])
            return
        }
        guard let members = json["keys"]?.elements else { throw .missingKeys }
        var keys: [JSONWebKey] = []
        var skipped: [SkippedKey] = []
        for (index, member) in members.enumerated() {
            do {
                keys.append(try JSONWebKey(json: member, origin: .keySet(index: index)))
            } catch {
                skipped.append(SkippedKey(index: index, keyID: member["kid"]?.stringValue, reason: error))
            }
        }
        self.init(keys: keys, skipped: skipped)
    }
}
