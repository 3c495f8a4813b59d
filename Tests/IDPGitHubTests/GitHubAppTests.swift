import Foundation
import Testing
@testable import IDPCore
@testable import IDPGitHub
@testable import IDPHTTP

/// The App's JWT: GitHub's claims, and an RS256 signature OpenSSL's own verifier accepts.
@Suite struct GitHubAppTests {
    static func openssl(_ arguments: [String], input: Data? = nil, in folder: URL) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    static func unpad(_ text: Substring) -> Data {
        var b64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        b64 += String(repeating: "=", count: (4 - b64.count % 4) % 4)
        return Data(base64Encoded: b64)!
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/openssl")))
    func theSignatureVerifiesWithThePublicKey() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jwt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = try Self.openssl(["genrsa", "2048"], in: folder).output
        let publicKey = try Self.openssl(["rsa", "-pubout"], input: key, in: folder).output
        try publicKey.write(to: folder.appendingPathComponent("public.pem"))

        let now = Timestamp(iso8601: "2026-11-30T12:00:00Z")!
        let app = GitHubApp(appID: "4242", privateKey: String(decoding: key, as: UTF8.self), api: Endpoint("http://127.0.0.1:9")!)
        let token = try app.jwt(now: now)
        let parts = token.split(separator: ".")
        #expect(parts.count == 3)
        let header = try JSONValue.parse(Array(Self.unpad(parts[0])))
        let claims = try JSONValue.parse(Array(Self.unpad(parts[1])))
        #expect(header == .object(["alg": .string("RS256"), "typ": .string("JWT")]))
        // Issued a minute in the past, ten minutes at most, issued by the App.
        #expect(claims == .object(["iat": .int(1_796_039_940), "exp": .int(1_796_040_540), "iss": .string("4242")]))

        try Data("\(parts[0]).\(parts[1])".utf8).write(to: folder.appendingPathComponent("data"))
        try Self.unpad(parts[2]).write(to: folder.appendingPathComponent("signature"))
        let verified = try Self.openssl(["dgst", "-sha256", "-verify", "public.pem", "-signature", "signature", "data"], in: folder)
        #expect(verified.status == 0, "openssl did not verify the RS256 signature")
    }

    @Test func aKeyThatIsNoKeyIsAnErrorNotACrash() {
        let app = GitHubApp(appID: "1", privateKey: "-----BEGIN RSA PRIVATE KEY-----\nnot a key\n-----END RSA PRIVATE KEY-----",
                            api: Endpoint("http://127.0.0.1:9")!)
        #expect(throws: GitHubError.self) { try app.jwt(now: Timestamp(secondsSinceEpoch: 0)) }
    }

    @Test func base64URLHasNoPaddingAndURLSafeLetters() {
        #expect(base64URLEncode([0xfb, 0xff]) == "-_8")
        #expect(base64URLEncode(Array("{\"a\":1}".utf8)) == "eyJhIjoxfQ")
    }
}
