/// Why a body or token segment was not valid JSON.
struct JSONParseError: Error, Equatable {
    var reason: String
}
