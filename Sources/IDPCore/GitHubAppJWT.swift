/// The JSON Web Token a GitHub App signs to ask for installation tokens (RS256), as GitHub
/// documents it: issued a minute in the past against clock drift, valid for at most ten minutes,
/// issued by the App's id. The signature itself is made outside the core (it needs the key).
public enum GitHubAppJWT {
    /// `base64url(header).base64url(payload)`, the bytes that are signed.
    public static func signingInput(appID: String, now: Timestamp) -> String {
        let issued = now.adding(seconds: -60), expires = now.adding(seconds: 9 * 60)
        let header = JSONValue.object(["alg": .string("RS256"), "typ": .string("JWT")]).rendered(pretty: false)
        let payload = JSONValue.object(["iat": .int(Int(issued.secondsSinceEpoch)), "exp": .int(Int(expires.secondsSinceEpoch)),
                                        "iss": .string(appID)]).rendered(pretty: false)
        return base64URLEncode(Array(header.utf8)) + "." + base64URLEncode(Array(payload.utf8))
    }

    /// The token: the signing input and its signature.
    public static func token(signingInput: String, signature: [UInt8]) -> String {
        signingInput + "." + base64URLEncode(signature)
    }
}
