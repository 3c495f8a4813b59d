import IDPHTTP
import Testing

/// RFC 3986 unreserved characters stay; everything else is %XX in upper case (as SigV4 needs).
@Suite struct PercentEncodingTests {
    @Test func encodesAllButUnreservedAndKeepsSlashesInKeys() {
        #expect(percentEncode("a b+c/d~e_f.g-h*") == "a%20b%2Bc%2Fd~e_f.g-h%2A")
        #expect(percentEncode("environments/x y/é", keepSlash: true) == "environments/x%20y/%C3%A9")
    }

    @Test func decodesWhatItEncodesAndKeepsAPlus() {
        for text in ["a b+c", "é/ü", "100%", "%zz"] {
            #expect(percentDecode(percentEncode(text)) == text)
        }
        #expect(percentDecode("a+b%2B") == "a+b+", "a plus is a plus here; S3 listings are form-decoded by S3Client")
    }
}
