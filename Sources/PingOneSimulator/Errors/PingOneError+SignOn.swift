extension PingOneError {
    /// 400 `INVALID_DATA` with one detail.
    static func invalidData(
        _ message: String, detailCode: String, target: String?, innerError: [JSONMember]? = nil
    ) -> PingOneError {
        PingOneError(
            status: 400, code: "INVALID_DATA",
            message: "The request could not be completed. One or more validation errors were in the request.",
            details: [Detail(code: detailCode, target: target, message: message, innerError: innerError)])
    }

    /// Wrong username or password (reference §2.4).
    static let invalidCredentials = PingOneError.invalidData(
        "The provided credentials are invalid", detailCode: "INVALID_CREDENTIALS", target: "password")

    /// Too many wrong passwords (reference §2.4).
    static func lockedOut(secondsUntilUnlock: Int) -> PingOneError {
        PingOneError(
            status: 400, code: "INVALID_DATA",
            message: "The request could not be completed. One or more validation errors were in the request.",
            details: [
                Detail(
                    code: "PASSWORD_LOCKED_OUT", target: "password",
                    message: "The password is locked because of too many failed attempts.",
                    innerError: [JSONMember("secondsUntilUnlock", .int(secondsUntilUnlock))])
            ])
    }
}
