import FlowEngine
import Foundation

/// The shared test vectors in `../shared/vectors`, read from beside the package (the repository is
/// cloned with `shared/` next to it), so there is one copy of each vector file; and the values of
/// them that the simulator's tests use as constants.
public enum Vectors {
    /// `../shared/vectors` relative to the package root.
    public static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .deletingLastPathComponent()
        .appendingPathComponent("shared/vectors")

    /// The text of a vector file.
    public static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// A vector file parsed with the engine's own order-keeping JSON parser.
    public static func json(_ name: String) throws -> JSONValue {
        try JSONValue.parse(try text(name))
    }

    /// `rfc-vectors.json`.
    public static func rfc() throws -> JSONValue { try json("rfc-vectors.json") }

    /// A string at a path of member names, or a thrown `Missing`.
    public static func string(_ value: JSONValue, _ path: String...) throws -> String {
        var current = value
        for name in path {
            guard let next = current[name] else { throw Missing(path: path.joined(separator: ".")) }
            current = next
        }
        guard let string = current.stringValue else { throw Missing(path: path.joined(separator: ".")) }
        return string
    }

    /// A member path that is not in a vector file.
    public struct Missing: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "vector member \(path) is missing or not a string" }
    }

    // MARK: - Values of `rfc-vectors.json` and the RS256 files (RFC 7515, 7519, 7636, 4648, OIDC Core)

    public static let pkceVerifier = #"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"#
    public static let pkceChallenge = #"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"#

    /// RFC 7515 §A.1 and its `oct` key (`k`, base64url).
    public static let hs256Compact =
        #"eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"#
    public static let hs256Key =
        #"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"#

    /// A JWS whose payload segment is 3 mod 4 long, and two corruptions of it that must be rejected.
    public static let edgeCompact =
        #"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI_fj9-IiwibiI6IsO_In0.U_nGsjobdTjINfQgENRa2_3a8Kk5B9d8RFFlu9P-NI8"#
    public static let edgeKey =
        #"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"#
    public static let edgePaddedPayload =
        #"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI_fj9-IiwibiI6IsO_In0=.U_nGsjobdTjINfQgENRa2_3a8Kk5B9d8RFFlu9P-NI8"#
    public static let edgeStandardAlphabetPayload =
        #"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI/fj9+IiwibiI6IsO/In0.U_nGsjobdTjINfQgENRa2_3a8Kk5B9d8RFFlu9P-NI8"#

    /// RFC 7519 §6.1, `alg: none`.
    public static let unsecuredCompact =
        #"eyJhbGciOiJub25lIn0.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."#

    /// RFC 7515 §A.2 RS256 and its public key as a JWKS.
    public static let rs256Compact =
        #"eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw"#
    public static let rs256JWKS =
        #"{"keys": [{"kty": "RSA", "n": "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ", "e": "AQAB"}]}"#

    /// An RS256 token with a `kid`, and the JWKS that holds its key.
    public static let kidTokenCompact =
        #"eyJhbGciOiJSUzI1NiIsImtpZCI6ImZHWXJ5c2QxLUlibkRvMFRNMGVqYTNldEhXNjlLTVI1RHBWTVFaaXZFUFEiLCJ0eXAiOiJKV1QifQ.eyJpc3MiOiJodHRwOi8vMTI3LjAuMC4xOjk0MDAiLCJzdWIiOiJhbGljZUBleGFtcGxlLmNvbSIsImF1ZCI6ImRlYnVnZ2VyLWNsaWVudCIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjo0MTAyNDQ0ODAwLCJub25jZSI6Im4tMFM2X1d6QTJNaiIsImF0X2hhc2giOiJab2NrRFpPUzBmVmRDZW5zRzZhSWxBIn0.LBDsIrloNNa9W4yjUNY5E7ICZJR8jUSXKIIN2rI2EVJtc714ecc2XY_tqM101bGAA-bwSCwww1IyZCiKkeWPgStHGisE1_HaZS0ocA7ma4_qXhiIhygBljYKStj8juDI0TV23XfjhEtHKVLM0c9qRo5L2Rh_Yt3fl0__k93GD4BKyIjRVaxEEanrDtmNzpiKFO5olVlQ45X8gWEtIlPqAFu0OJowgyNToaW8lK5a-WFSGQL489h5mWv-hVYERF-s1A76aF5Ne0-MMFlWZX6sUU1wcpw6gHNkZTzPkeV-7675KiagLkUEJo1BotIRUnRNFP0X7stUQ-a5jN8lwRb8Uw"#
    public static let kidJWKS =
        #"{"keys": [{"alg": "RS256", "e": "AQAB", "kid": "fGYrysd1-IbnDo0TM0eja3etHW69KMR5DpVMQZivEPQ", "kty": "RSA", "n": "6_b23ZME7NR8Aa5xfuYsnQu44et4ioECQdPQP5yIR2nCzI3ZlUw_j_fgdh6IbmGD3qjE2APLTVj3C5EMfYaQXl0aW2SxGuuk_EHNM4_i0drS3THViHs76gWlM_49jAE_BJZSoo1mBpUXgBoKv1J8HBhm69z-h8CWjmVIrTg0wta7ITM_hCEFLBxbWcYGplD_d3dD05yaxV-QCi452VAq2JNJ-jN3LB9cnkKOrG7EolkCg8nBXZ6qg5WFOO6NT2pqN7tLeVhcTzKBrAY-Brgtehqp25-rOgcVyvE2l6zGNKqZRjwEhfAsfEJ2BT_sEuOhn1NlmqSyM15Zyz72Zz2GfQ", "use": "sig"}]}"#

    /// RFC 4648 §10 without padding.
    public static let base64URL: [(String, String)] = [
        ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy"),
    ]
    public static let base64URLAlphabetHex = "fbffbf"
    public static let base64URLAlphabet = "-_-_"
    public static let base64URLInvalidLength = "eyJhb"

    /// OIDC Core §3.1.3.6.
    public static let atHashAccessToken = "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y"
    public static let atHash = "77QmUPtjPfzWtF2AnpK9RQ"
}
