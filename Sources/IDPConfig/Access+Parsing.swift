import IDPCore

extension AccessSetting {
    /// `access:` as platform.yml writes it (`public`, `cidrs: [...]`, or `oidc:` with the provider)
    /// or, with `provider: false`, as `.idp/config.yml` does (`public`, `oidc`, `cidrs: [...]`).
    /// Problems are located at the node that has them.
    static func parse(_ node: YAMLNode, allowProvider: Bool, problems: inout [Diagnostic], at: (YAMLNode?) -> SourceLocation) -> AccessSetting? {
        let accepted = allowProvider ? "public, cidrs: [ranges] or oidc: {issuer, …}" : "public, oidc or cidrs: [ranges]"
        if let word = node.scalar {
            switch word {
            case "public": return AccessSetting(mode: .open)
            case "oidc" where !allowProvider: return AccessSetting(mode: .oidc)
            default:
                problems.append(Diagnostic(code: "access.mode", message: "access \(quoted(word)) is not \(accepted)", location: at(node)))
                return nil
            }
        }
        guard let entries = node.mapping, entries.count == 1, let key = entries[0].key.scalar else {
            problems.append(Diagnostic(code: "access.mode", message: "access must be \(accepted), one of them", location: at(node)))
            return nil
        }
        let value = entries[0].value
        switch key {
        case "cidrs":
            guard case .sequence(let items) = value.content, !items.isEmpty else {
                problems.append(Diagnostic(code: "access.cidr", message: "access cidrs must be a list of IPv4 ranges, e.g. [10.0.0.0/8]", location: at(value)))
                return nil
            }
            var ranges: [String] = []
            for item in items {
                guard let text = item.scalar, CIDR.parse(text) != nil else {
                    problems.append(AccessError.cidr(item.scalar ?? item.kind).diagnostic(at: at(item)))
                    continue
                }
                ranges.append(text)
            }
            var unique: [String] = []
            for range in ranges where !unique.contains(range) { unique.append(range) }  // a range twice is one rule
            return ranges.count == items.count ? AccessSetting(mode: .cidrs(unique)) : nil
        case "oidc" where allowProvider:
            guard let fields = value.mapping else {
                problems.append(Diagnostic(code: "access.provider", message: "access oidc must name the provider: \(OIDCProvider.keys.joined(separator: ", "))", location: at(value)))
                return nil
            }
            var found: [String: String] = [:]
            for (k, v) in fields {
                guard let name = k.scalar, OIDCProvider.keys.contains(name), let text = v.scalar, !text.isEmpty else {
                    problems.append(Diagnostic(code: "access.provider", message: "access oidc: \(quoted(k.scalar ?? "")) is not one of \(OIDCProvider.keys.joined(separator: ", ")) with a value", location: at(k)))
                    continue
                }
                found[name] = text
            }
            for url in ["issuer", "authorization_endpoint", "token_endpoint", "user_info_endpoint"] where found[url].map({ !$0.hasPrefix("https://") }) ?? false {
                problems.append(Diagnostic(code: "access.provider", message: "access oidc \(url) \(quoted(found[url]!)) must be an https:// URL", location: at(value)))
            }
            if let arn = found["client_secret_arn"] {
                do throws(ARNError) { _ = try ARN.secret(arn) } catch { problems.append(error.diagnostic(at: at(value))) }
                // Not idp/: that is the tenants' (idp/<owner>/<repo>/), and an organisation may be called "platform".
                if !(arn.split(separator: ":", maxSplits: 7, omittingEmptySubsequences: false).dropFirst(6).first ?? "").hasPrefix("idp-platform/") {
                    problems.append(Diagnostic(code: "access.provider", message: "access oidc client_secret_arn \(quoted(arn)) must name a secret under idp-platform/ (the platform's own prefix, which the role may read and tenants may not)", location: at(value)))
                }
            }
            let missing = OIDCProvider.keys.filter { $0 != "scope" && found[$0] == nil }
            guard missing.isEmpty else {
                problems.append(Diagnostic(code: "access.provider", message: "access oidc lacks \(missing.joined(separator: ", "))", location: at(value)))
                return nil
            }
            return AccessSetting(mode: .oidc, provider: OIDCProvider(issuer: found["issuer"]!, authorizationEndpoint: found["authorization_endpoint"]!,
                                                                 tokenEndpoint: found["token_endpoint"]!, userInfoEndpoint: found["user_info_endpoint"]!,
                                                                 clientID: found["client_id"]!, clientSecretARN: found["client_secret_arn"]!,
                                                                 scope: found["scope"] ?? "openid email"))
        case "oidc":
            problems.append(Diagnostic(code: "access.provider", message: "access oidc takes no provider in .idp/config.yml: the platform's is used; write access: oidc",
                                       location: at(entries[0].key)))
            return nil
        default:
            problems.append(Diagnostic(code: "access.mode", message: "access \(quoted(key)) is not \(accepted)", location: at(entries[0].key)))
            return nil
        }
    }
}
