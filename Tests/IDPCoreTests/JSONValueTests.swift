import Foundation
import Testing
@testable import IDPCore

@Suite struct JSONValueTests {
    @Test(arguments: [
        #"{"a": [1, -2.5e3, true, false, null, "x\u00e9\ud83d\ude00\n"], "b": {}}"#,
        "[]", "0", #""\/""#, " \n{\"k\" : \"v\"}\t",
    ])
    func parsesWhatFoundationParses(_ text: String) throws {
        let ours = try JSONValue.parse(text)
        let theirs = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        let roundTrip = try JSONSerialization.jsonObject(with: Data(ours.rendered(pretty: false).utf8), options: [.fragmentsAllowed])
        #expect(NSDictionary(dictionary: ["v": theirs]).isEqual(to: ["v": roundTrip]))
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "\"\\x\"", "\"\u{01}\"", "tru", "[1] 2", "\"\\ud800\"", "-", "936e77713", "-2E2222"])
    func rejectsMalformed(_ text: String) {
        #expect(throws: JSONError.self) { try JSONValue.parse(text) }
    }

    /// Control characters must leave as `\u00XX` escapes (RFC 8259 §7), or the JSON is invalid.
    @Test func rendersControlCharactersAsEscapes() {
        #expect(JSONValue.string("a\u{01}b\u{1f}\"\\\n\r\t").rendered(pretty: false) == #""a\u0001b\u001f\"\\\n\r\t""#)
    }

    @Test func errorsGiveTheOffset() {
        #expect(throws: JSONError(offset: 4, reason: "expected a value")) { try JSONValue.parse("[1,]") }
    }

    @Test func deepNestingIsRefusedNotCrashed() {
        #expect(throws: JSONError.self) { try JSONValue.parse(String(repeating: "[", count: 100_000)) }
    }

    @Test func sha256MatchesKnownVectors() {
        #expect(SHA256Hash.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Hash.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Hash.hex(Array(String(repeating: "a", count: 1_000).utf8)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        #expect(SHA256Hash.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
