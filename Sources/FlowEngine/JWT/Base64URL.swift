/// Base64url without padding, as JOSE requires (RFC 7515 §2, RFC 4648 §5).
///
/// Decoding is strict: padding, the standard alphabet's `+` and `/`, white space and a length
/// of 1 mod 4 are each rejected with their own reason, so the token inspector can say exactly
/// what is wrong with a segment.
public enum Base64URL {
    /// Why a string is not valid unpadded base64url.
    public enum DecodingError: Error, Equatable, Sendable {
        case padding
        case standardAlphabet(Character)
        case invalidCharacter(Character, offset: Int)
        case invalidLength(Int)
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    private static let reverse: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    /// Encodes bytes as unpadded base64url.
    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let input = Array(bytes)
        var output = [UInt8]()
        output.reserveCapacity((input.count * 4 + 2) / 3)
        var index = 0
        while index + 3 <= input.count {
            let chunk = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
            output.append(alphabet[Int(chunk >> 18 & 63)])
            output.append(alphabet[Int(chunk >> 12 & 63)])
            output.append(alphabet[Int(chunk >> 6 & 63)])
            output.append(alphabet[Int(chunk & 63)])
            index += 3
        }
        let remaining = input.count - index
        if remaining == 1 {
            let chunk = UInt32(input[index]) << 16
            output.append(alphabet[Int(chunk >> 18 & 63)])
            output.append(alphabet[Int(chunk >> 12 & 63)])
        } else if remaining == 2 {
            let chunk = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8
            output.append(alphabet[Int(chunk >> 18 & 63)])
            output.append(alphabet[Int(chunk >> 12 & 63)])
            output.append(alphabet[Int(chunk >> 6 & 63)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Encodes the UTF-8 bytes of a string.
    public static func encode(_ string: String) -> String {
        encode(Array(string.utf8))
    }

    /// Decodes unpadded base64url, failing with the first problem found.
    public static func decode(_ string: some StringProtocol) throws(DecodingError) -> [UInt8] {
        // Valid input (every token segment, almost always) is decoded in one pass over its bytes;
        // anything else is read again below to say exactly what is wrong.
        if let decoded = string.utf8.withContiguousStorageIfAvailable(decodeValid), let decoded {
            return decoded
        }
        let input = Array(string.utf8)
        for (offset, byte) in input.enumerated() where reverse[Int(byte)] == 0xFF {
            let character = Character(Unicode.Scalar(byte))
            switch byte {
            case UInt8(ascii: "="): throw .padding
            case UInt8(ascii: "+"), UInt8(ascii: "/"): throw .standardAlphabet(character)
            default:
                // Report non-ASCII input as the scalar it starts, not a lone UTF-8 byte.
                let scalar = String(decoding: input[offset...].prefix(4), as: UTF8.self).first ?? character
                throw .invalidCharacter(scalar, offset: offset)
            }
        }
        if input.count % 4 == 1 { throw .invalidLength(input.count) }
        var output = [UInt8]()
        output.reserveCapacity(input.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in input {
            buffer = buffer << 6 | UInt32(reverse[Int(byte)])
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return output
    }
}

extension Base64URL {
    /// The bytes of valid unpadded base64url, or `nil` when any byte is not in the alphabet or
    /// the length is 1 mod 4 (then `decode` finds the reason).
    private static func decodeValid(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard input.count % 4 != 1 else { return nil }
        return reverse.withUnsafeBufferPointer { table -> [UInt8]? in
            var output = [UInt8]()
            output.reserveCapacity(input.count * 3 / 4)
            var buffer: UInt32 = 0
            var bits = 0
            for byte in input {
                let value = table[Int(byte)]
                guard value != 0xFF else { return nil }
                buffer = buffer << 6 | UInt32(value)
                bits += 6
                if bits >= 8 {
                    bits -= 8
                    output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
                }
            }
            return output
        }
    }
}

extension Base64URL.DecodingError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .padding:
            "base64url must not be padded with '=' (RFC 7515 §2)"
        case .standardAlphabet(let character):
            "'\(character)' belongs to standard base64; base64url uses '-' and '_' (RFC 4648 §5)"
        case .invalidCharacter(let character, let offset):
            "'\(character.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined())' at offset \(offset) is not a base64url character"
        case .invalidLength(let length):
            "a base64url string cannot be \(length) characters long (1 mod 4)"
        }
    }
}
