/// HMAC-SHA256 (RFC 2104) on the project's own SHA-256: what SigV4 signs with, without a
/// cryptography package (and the Foundation it brings) in every AWS tool.
///
/// Checked against RFC 4231's test cases and against botocore's SigV4 signatures in the tests.
public enum HMACSHA256 {
    /// SHA-256's block size in bytes.
    static let blockSize = 64

    /// The 32-byte authentication code of `message` under `key`.
    public static func authenticationCode(_ message: [UInt8], key: [UInt8]) -> [UInt8] {
        // Keys longer than a block are hashed first; shorter ones are zero-padded.
        var block = key.count > blockSize ? SHA256Hash.digest(key) : key
        block += [UInt8](repeating: 0, count: blockSize - block.count)
        let inner = SHA256Hash.digest(block.map { $0 ^ 0x36 } + message)
        return SHA256Hash.digest(block.map { $0 ^ 0x5c } + inner)
    }
}
