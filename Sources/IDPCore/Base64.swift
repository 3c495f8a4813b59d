/// Standard base64 with padding (RFC 4648), for `Content-MD5` and similar headers.
public func base64Encode(_ bytes: some Collection<UInt8>) -> String {
    let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    let input = Array(bytes)
    var out: [UInt8] = []
    out.reserveCapacity((input.count + 2) / 3 * 4)
    var i = 0
    while i < input.count {
        let b0 = input[i], b1 = i + 1 < input.count ? input[i + 1] : 0, b2 = i + 2 < input.count ? input[i + 2] : 0
        out.append(table[Int(b0 >> 2)])
        out.append(table[Int((b0 & 0x03) << 4 | b1 >> 4)])
        out.append(i + 1 < input.count ? table[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
        out.append(i + 2 < input.count ? table[Int(b2 & 0x3F)] : UInt8(ascii: "="))
        i += 3
    }
    return String(decoding: out, as: UTF8.self)
}

/// Base64url without padding (RFC 4648 §5), as JSON Web Tokens use it (RFC 7515).
public func base64URLEncode(_ bytes: some Collection<UInt8>) -> String {
    String(base64Encode(bytes).compactMap { c -> Character? in
        switch c {
        case "+": "-"
        case "/": "_"
        case "=": nil
        default: c
        }
    })
}

/// Decodes standard base64 or base64url (RFC 4648 §4 and §5), padded or not, ignoring line breaks
/// (GitHub's contents API wraps at 60 columns); nil on any other character or a dangling bit.
public func base64Decode(_ text: String) -> [UInt8]? {
    var bits: UInt32 = 0
    var count = 0
    var out: [UInt8] = []
    for c in text.utf8 {
        let value: UInt8
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = c - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): value = c - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): value = c - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"), UInt8(ascii: "-"): value = 62
        case UInt8(ascii: "/"), UInt8(ascii: "_"): value = 63
        case UInt8(ascii: "="), UInt8(ascii: "\n"), UInt8(ascii: "\r"): continue
        default: return nil
        }
        bits = bits << 6 | UInt32(value)
        count += 6
        if count >= 8 {
            count -= 8
            out.append(UInt8(truncatingIfNeeded: bits >> UInt32(count)))
        }
    }
    return count >= 6 ? nil : out
}
