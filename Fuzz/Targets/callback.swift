// The callback as a client reads it: a URL's query and fragment (RFC 3986, form encoding per the
// WHATWG URL standard) and a form_post page (OAuth 2.0 Form Post Response Mode §2).
// Invariant: form encoding round-trips what it decodes.
@testable import FlowEngine

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCallback(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    let text = String(decoding: input, as: UTF8.self)
    if let url = URLParts(text) {
        _ = url.queryParameters
        _ = url.fragmentParameters
        _ = url.host
        _ = url.path
    }
    let parameters = FormURLEncoding.decode(text)
    require(
        FormURLEncoding.decode(FormURLEncoding.encode(parameters)) == parameters,
        "form encoding does not round-trip")
    _ = FormPostParser.fields(in: input)
    return 0
}
