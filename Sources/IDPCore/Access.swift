/// Who may open an environment's URL (`access:` in platform.yml, which a repository's
/// `.idp/config.yml` may narrow but never widen): everyone, only some networks (the load
/// balancer's security group, or on the shared one a listener-rule condition on the source
/// address), or only people who signed in at the company's identity provider (the ALB's
/// `authenticate-oidc` action). Health checks go from the load balancer to the tasks directly and
/// are subject to neither.
public enum AccessMode: Sendable, Equatable {
    case open
    case cidrs([String])
    case oidc

    public var name: String {
        switch self {
        case .open: "public"
        case .cidrs: "cidrs"
        case .oidc: "oidc"
        }
    }

    public static let names = ["public", "cidrs", "oidc"]
}

/// The platform's identity provider for `oidc` access, as the ALB's `authenticate-oidc` takes it;
/// the client secret stays in Secrets Manager (`client_secret_arn`, under the platform's `idp-platform/`).
public struct OIDCProvider: Sendable, Equatable {
    public var issuer: String
    public var authorizationEndpoint: String
    public var tokenEndpoint: String
    public var userInfoEndpoint: String
    public var clientID: String
    public var clientSecretARN: String
    public var scope = "openid email"

    public static let keys = ["issuer", "authorization_endpoint", "token_endpoint", "user_info_endpoint", "client_id", "client_secret_arn", "scope"]

    public init(issuer: String, authorizationEndpoint: String, tokenEndpoint: String, userInfoEndpoint: String, clientID: String, clientSecretARN: String, scope: String = "openid email") {
        self.issuer = issuer
        self.authorizationEndpoint = authorizationEndpoint
        self.tokenEndpoint = tokenEndpoint
        self.userInfoEndpoint = userInfoEndpoint
        self.clientID = clientID
        self.clientSecretARN = clientSecretARN
        self.scope = scope
    }
}

/// The platform's setting: its mode, and the provider when it is `oidc`.
public struct AccessSetting: Sendable, Equatable {
    public var mode: AccessMode = .open
    public var provider: OIDCProvider?

    public init(mode: AccessMode = .open, provider: OIDCProvider? = nil) {
        self.mode = mode
        self.provider = provider
    }

    /// What the sticky comment says about who can open the URL.
    public var description: String {
        switch mode {
        case .open: "everyone: the URL is public"
        case .cidrs(let ranges): "only from " + ranges.joined(separator: ", ")
        case .oidc: "after signing in at \(provider?.issuer ?? "the company's identity provider")"
        }
    }

    /// The repository's choice, narrowed to the platform's: under `public` a repository may keep it
    /// or name networks (`cidrs`); under `cidrs` only ranges inside the platform's; under `oidc`
    /// nothing else (`access: oidc` keeps it). Anything else would widen who reaches the URL: `oidc`
    /// opens the load balancer to every network (behind the sign-in), so it is no narrowing of `cidrs`.
    public func narrowed(to wanted: AccessMode?) throws(AccessError) -> AccessSetting {
        guard let wanted else { return self }
        switch (mode, wanted) {
        case (.oidc, .oidc):
            return self
        case (.open, .oidc):
            throw .noProvider
        case (.open, _):
            return AccessSetting(mode: wanted, provider: provider)
        case (.cidrs(let allowed), .cidrs(let asked)):
            let outside = asked.filter { range in !allowed.contains { CIDR.contains($0, range) } }
            guard outside.isEmpty else { throw .widens(asked: "cidrs " + outside.joined(separator: ", "), platform: description) }
            return AccessSetting(mode: wanted, provider: provider)
        case (.cidrs, .open), (.cidrs, .oidc), (.oidc, .open), (.oidc, .cidrs):
            throw .widens(asked: wanted.name, platform: description)
        }
    }

    /// A listener rule of the shared load balancer holds at most 5 condition values, one of them the
    /// host: at most 4 ranges there (an environment's own load balancer has no such limit).
    public static let sharedRangeLimit = 4

    /// HTTPS is required for `oidc`: the shared load balancer always has it, an environment's own
    /// one only with a certificate. The shared one takes at most 4 ranges per environment.
    public func checkHTTPS(sharedLoadBalancer: Bool, certificateARN: String?) throws(AccessError) {
        if sharedLoadBalancer, case .cidrs(let ranges) = mode, ranges.count > Self.sharedRangeLimit { throw .tooManyRanges(ranges.count) }
        guard mode == .oidc, !sharedLoadBalancer, (certificateARN ?? "").isEmpty else { return }
        throw .needsHTTPS
    }
}

public enum AccessError: DiagnosticConvertible, Equatable {
    case widens(asked: String, platform: String)
    case noProvider
    case needsHTTPS
    case cidr(String)
    case tooManyRanges(Int)
    /// The template serves its URL some other way than the load balancer, which enforces only these.
    case unsupported(template: String, mode: String, enforced: [String])

    public var code: String {
        switch self {
        case .unsupported: "access.template"
        case .widens: "access.widen"
        case .noProvider: "access.provider"
        case .needsHTTPS: "access.https"
        case .cidr, .tooManyRanges: "access.cidr"
        }
    }

    public var message: String {
        switch self {
        case .widens(let asked, let platform):
            "access \(asked) would widen the platform's setting (\(platform)); a repository may only narrow it"
        case .noProvider:
            "access oidc needs the platform's identity provider (access.oidc in platform.yml: issuer, endpoints, client_id, client_secret_arn); ask the platform team"
        case .needsHTTPS:
            "access oidc needs HTTPS: set certificate_arn in platform.yml (or preview_domain, the shared load balancer), or choose public or cidrs"
        case .cidr(let text):
            "access cidr \(quoted(text)) is not an IPv4 range such as 10.0.0.0/8 or 203.0.113.7/32"
        case .tooManyRanges(let n):
            "access cidrs names \(n) ranges; on the shared load balancer a listener rule takes at most \(AccessSetting.sharedRangeLimit) (with its host): merge them into fewer, wider ranges"
        case .unsupported(let template, let mode, let enforced):
            "template \(quoted(template)) can enforce only access \(enforced.joined(separator: " or ")) on its URL, and the access that applies "
                + "(platform.yml's, narrowed by .idp/config.yml) is \(mode): "
                + "its URL would be open wider than the platform allows; choose another template, or ask the platform team"
        }
    }
}

/// IPv4 ranges as the ALB's security groups and `source_ip` conditions take them.
public enum CIDR {
    public static let validExamples = ["10.0.0.0/8", "203.0.113.7/32", "0.0.0.0/0"]
    public static let invalidExamples = ["10.0.0.0", "10.0.0.1/8", "256.0.0.0/8", "10.0.0.0/33", "fe80::/10", "10.0.0.0/08"]

    /// The network address and prefix length, nil unless a canonical IPv4 range (no host bits set).
    public static func parse(_ text: String) -> (address: UInt32, bits: Int)? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let bits = Int(parts[1]), (0...32).contains(bits), String(bits) == parts[1] else { return nil }
        let octets = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var address: UInt32 = 0
        for octet in octets {
            guard let n = UInt32(octet), n <= 255, String(n) == octet else { return nil }
            address = address << 8 | n
        }
        let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << (32 - bits)
        guard address & ~mask == 0 else { return nil }
        return (address, bits)
    }

    /// Whether `inner` lies inside `outer`.
    public static func contains(_ outer: String, _ inner: String) -> Bool {
        guard let o = parse(outer), let i = parse(inner), i.bits >= o.bits else { return false }
        let mask: UInt32 = o.bits == 0 ? 0 : ~UInt32(0) << (32 - o.bits)
        return i.address & mask == o.address
    }
}
