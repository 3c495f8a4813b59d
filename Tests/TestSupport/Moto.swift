import Foundation

/// The moto server `scripts/test` starts on 127.0.0.1 (`IDP_TEST_MOTO_URL`).
public enum Moto {
    public static let url = ProcessInfo.processInfo.environment["IDP_TEST_MOTO_URL"] ?? ""
    public static var available: Bool { !url.isEmpty }

    /// The environment a tool needs to talk to moto: region, dummy credentials, endpoint.
    public static var environment: [String: String] {
        ["AWS_ENDPOINT_URL": url, "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
         "AWS_MAX_ATTEMPTS": "2"]
    }

    /// A name no other test uses, valid for buckets, repositories and environments.
    public static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }
}
