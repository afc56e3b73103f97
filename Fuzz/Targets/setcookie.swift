// Set-Cookie values (RFC 6265 §5.2) and HTTP dates (RFC 9110 §5.6.7).
// The first line of the input is the header; the jar must take and give back cookies without
// trapping, and a parsed cookie's date must format and parse back to the same second.
import Foundation

@testable import FlowEngine

let cookieURL = URLParts("https://auth.pingone.com/as/resume")!

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSetCookie(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: bytes(data, size), as: UTF8.self)
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    if let cookie = SetCookieParser.parse(text, from: cookieURL, at: now) {
        _ = cookie.attributesText
        if let expires = cookie.expires, expires.timeIntervalSince1970.magnitude < 1e11 {
            let formatted = HTTPDate.format(expires)
            if let again = HTTPDate.parse(formatted) {
                require(
                    Int(again.timeIntervalSince1970) == Int(expires.timeIntervalSince1970.rounded(.down)),
                    "\(formatted) does not parse back")
            }
        }
    }
    _ = HTTPDate.parse(text)
    return 0
}
