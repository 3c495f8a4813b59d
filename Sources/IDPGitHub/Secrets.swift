import CSodium
import IDPCore
import IDPHTTP

/// Actions secrets written as GitHub's REST API requires: the value sealed (libsodium's sealed box)
/// for the public key of the repository environment or organisation, never sent or kept in clear.
extension GitHubClient {
    public enum SecretPlace: Sendable, Equatable {
        /// An environment's secret of a repository (`IDP_APP_PRIVATE_KEY` of `idp-platform`).
        case environment(repository: String, name: String)
        /// An organisation's secret, visible to the private and internal repositories (`private`) or to all.
        case organization(String, visibility: String)

        var base: String {
            switch self {
            case .environment(let repository, let name): "/repos/\(repository)/environments/\(percentEncode(name))/secrets"
            case .organization(let org, _): "/orgs/\(org)/actions/secrets"
            }
        }
    }

    /// Whether secrets can be stored there (its public key can be read): before anything is created.
    public func checkSecretPlace(_ place: SecretPlace) throws(GitHubError) {
        _ = try send("GET", place.base + "/public-key", operation: "GET public key of \(place.base)")
    }

    public func setSecret(_ name: String, value: String, in place: SecretPlace) throws(GitHubError) {
        let operation = "PUT secret \(name)"
        let key = try send("GET", place.base + "/public-key", operation: "GET public key")
        guard let answer = try? JSONValue.parse(key.body), let keyID = answer["key_id"]?.stringValue,
              let publicKey = answer["key"]?.stringValue.flatMap(base64Decode), publicKey.count == 32 else {
            throw .malformed("no 32-byte public key", operation: operation)
        }
        let message = Array(value.utf8)
        var sealed = [UInt8](repeating: 0, count: message.count + 48)
        guard idp_sealed_box(message, message.count, publicKey, &sealed) == 0 else {
            throw .malformed(String(cString: idp_sodium_failure()), operation: operation)
        }
        var body: [String: JSONValue] = ["encrypted_value": .string(base64Encode(sealed)), "key_id": .string(keyID)]
        if case .organization(_, let visibility) = place { body["visibility"] = .string(visibility) }
        _ = try send("PUT", place.base + "/" + percentEncode(name), body: .object(body), operation: operation)
    }
}
