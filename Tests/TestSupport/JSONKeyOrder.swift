import Foundation

/// Reads the order of keys in a JSON object's text, which `JSONSerialization` does not keep.
public enum JSONKeyOrder {
    /// Top-level keys of a JSON object, in order of appearance.
    public static func topLevelKeys(of data: Data) throws -> [String] {
        let bytes = Array(data)
        var keys: [String] = []
        var depth = 0
        var index = 0
        var expectingKey = false
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                expectingKey = depth == 1 && byte == UInt8(ascii: "{")
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: ","):
                expectingKey = depth == 1
            case UInt8(ascii: "\""):
                var end = index + 1
                while end < bytes.count && bytes[end] != UInt8(ascii: "\"") {
                    end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
                }
                if expectingKey {
                    keys.append(String(decoding: bytes[(index + 1)..<min(end, bytes.count)], as: UTF8.self))
                    expectingKey = false
                }
                index = end
            default:
                break
            }
            index += 1
        }
        guard depth == 0 else { throw TestFailure("unbalanced JSON") }
        return keys
    }
}
