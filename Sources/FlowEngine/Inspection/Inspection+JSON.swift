import Foundation

extension Inspection {
    /// The inspection as a JSON value for `--json`, header and claims in the order sent.
    public var jsonValue: JSONValue {
        var members: [JSONMember] = [JSONMember("parsed", .bool(isParsed))]
        if let parseError {
            members.append(
                JSONMember(
                    "error",
                    .object([
                        JSONMember("step", .string(parseError.step.rawValue)),
                        JSONMember("segment", parseError.segmentName.map(JSONValue.string) ?? .null),
                        JSONMember("reason", .string(parseError.description)),
                    ])))
        }
        if let token {
            if let kind {
                members.append(JSONMember("kind", .string(kind.kind.rawValue)))
                members.append(JSONMember("kind_reason", .string(kind.reason)))
            }
            members.append(JSONMember("encrypted", .bool(token.isEncrypted)))
            members.append(JSONMember("passed", .bool(passed)))
            members.append(JSONMember("header", token.header))
            members.append(JSONMember("claims", token.claims ?? .null))
            members.append(JSONMember("readable", .array(readableClaims.map(Self.json))))
        }
        if let signature { members.append(JSONMember("signature", Self.json(signature))) }
        members.append(JSONMember("checks", .array(checks.map(Self.json))))
        members.append(JSONMember("allowed_skew_seconds", Self.number(expectations.allowedSkew)))
        members.append(JSONMember("now", .string(TimeText.utc(expectations.now))))
        if let clock = expectations.serverClock {
            members.append(
                JSONMember(
                    "clock",
                    .object([
                        JSONMember("server_date", .string(TimeText.utc(clock.serverDate))),
                        JSONMember("local_date", .string(TimeText.utc(clock.localDate))),
                        JSONMember("offset_seconds", Self.number(clock.offset)),
                        JSONMember("text", .string(clock.description)),
                    ])))
        }
        if !skippedKeys.isEmpty {
            members.append(
                JSONMember(
                    "skipped_keys",
                    .array(
                        skippedKeys.map { key in
                            .object([
                                JSONMember("index", .integer(key.index)),
                                JSONMember("kid", key.keyID.map(JSONValue.string) ?? .null),
                                JSONMember("reason", .string(key.reason.description)),
                            ])
                        })))
        }
        return .object(members)
    }

    // MARK: - Pieces

    private static func json(_ claim: ReadableClaim) -> JSONValue {
        var members = [
            JSONMember("name", .string(claim.name)), JSONMember("label", claim.label.map(JSONValue.string) ?? .null),
        ]
        switch claim.value {
        case .time(let date, let utc, let relative):
            members += [
                JSONMember("epoch", number(date.timeIntervalSince1970)), JSONMember("utc", .string(utc)),
                JSONMember("relative", .string(relative)),
            ]
        case .list(let items):
            members.append(JSONMember("items", .array(items.map(JSONValue.string))))
        case .absent(let note):
            members.append(JSONMember("absent", .string(note)))
        case .invalid(_, let reason):
            members.append(JSONMember("invalid", .string(reason)))
        case .text, .json:
            break
        }
        members.append(JSONMember("text", .string(claim.value.text)))
        return .object(members)
    }

    private static func json(_ signature: SignatureResult) -> JSONValue {
        var members = [JSONMember("result", .string(signature.code))]
        if case .verified(let algorithm, let key, let selection) = signature {
            members += [
                JSONMember("algorithm", .string(algorithm.rawValue)),
                JSONMember("kid", key.keyID.map(JSONValue.string) ?? .null),
                JSONMember("thumbprint", key.thumbprint.map(JSONValue.string) ?? .null),
                JSONMember("key", .string(key.summary)),
                JSONMember("selection", .string(selection.description)),
            ]
        }
        if case .unknownKeyID(_, let available) = signature {
            members.append(JSONMember("available_kids", .array(available.map(JSONValue.string))))
        }
        members.append(JSONMember("reason", .string(signature.description)))
        return .object(members)
    }

    private static func json(_ check: TokenCheck) -> JSONValue {
        var members = [
            JSONMember("name", .string(check.name)),
            JSONMember("outcome", .string(check.outcome.rawValue)),
            JSONMember("reason", .string(check.reason)),
            JSONMember("reference", .string(check.reference)),
        ]
        if let clocks = check.clocks {
            members.append(JSONMember("passes_on_local_clock", .bool(clocks.passesOnLocalClock)))
            members.append(JSONMember("passes_on_server_clock", .bool(clocks.passesOnServerClock)))
        }
        return .object(members)
    }

    private static func number(_ value: Double) -> JSONValue {
        if value.isFinite, value == value.rounded(), abs(value) < 9e15 { return .integer(Int64(value)) }
        return .number(value.isFinite ? String(value) : "0")
    }
}
