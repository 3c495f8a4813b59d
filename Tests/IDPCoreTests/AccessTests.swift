import TemplateSupport
import Testing
@testable import IDPCore

/// access: the platform's setting, narrowed (never widened) by a repository, and what reaches the templates.
@Suite struct AccessTests {
    static let provider = OIDCProvider(issuer: "https://login.example.com", authorizationEndpoint: "https://login.example.com/a",
                                       tokenEndpoint: "https://login.example.com/t", userInfoEndpoint: "https://login.example.com/u",
                                       clientID: "previews", clientSecretARN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:idp-platform/oidc-AbCdEf")
    static let open = AccessSetting()
    static let office = AccessSetting(mode: .cidrs(["10.0.0.0/8", "203.0.113.0/24"]))
    static let signIn = AccessSetting(mode: .oidc, provider: provider)

    @Test(arguments: CIDR.validExamples) func validRanges(_ text: String) { #expect(CIDR.parse(text) != nil) }
    @Test(arguments: CIDR.invalidExamples) func invalidRanges(_ text: String) { #expect(CIDR.parse(text) == nil) }

    @Test func aRepositoryMayNarrow() throws {
        #expect(try Self.open.narrowed(to: nil) == Self.open)
        #expect(try Self.open.narrowed(to: .cidrs(["192.0.2.0/24"])).mode == .cidrs(["192.0.2.0/24"]))
        #expect(try Self.office.narrowed(to: .cidrs(["10.1.0.0/16", "203.0.113.7/32"])).mode == .cidrs(["10.1.0.0/16", "203.0.113.7/32"]))
        #expect(try Self.signIn.narrowed(to: .oidc) == Self.signIn)
    }

    @Test func theSharedLoadBalancerTakesFourRanges() throws {
        let five = AccessSetting(mode: .cidrs(["10.0.0.0/8", "10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16", "10.4.0.0/16"]))
        #expect(throws: AccessError.tooManyRanges(5)) { try five.checkHTTPS(sharedLoadBalancer: true, certificateARN: nil) }
        try five.checkHTTPS(sharedLoadBalancer: false, certificateARN: nil)
    }

    @Test(arguments: [
        (AccessTests.office, AccessMode.open, "access public would widen the platform's setting (only from 10.0.0.0/8, 203.0.113.0/24)"),
        (AccessTests.office, AccessMode.cidrs(["10.0.0.0/8", "0.0.0.0/0"]), "access cidrs 0.0.0.0/0 would widen"),
        (AccessTests.signIn, AccessMode.open, "access public would widen the platform's setting (after signing in at https://login.example.com)"),
        (AccessTests.signIn, AccessMode.cidrs(["10.0.0.0/8"]), "access cidrs would widen"),
        // Sign-in opens the load balancer to every network: no narrowing of a list of networks.
        (AccessTests.office, AccessMode.oidc, "access oidc would widen"),
    ])
    func neverWiden(_ platform: AccessSetting, _ asked: AccessMode, _ says: String) {
        let error = #expect(throws: AccessError.self) { try platform.narrowed(to: asked) }
        #expect(error?.code == "access.widen" && error?.message.contains(says) == true, "\(String(describing: error?.message))")
    }

    @Test func oidcNeedsTheProviderAndHTTPS() throws {
        #expect(throws: AccessError.noProvider) { try Self.open.narrowed(to: .oidc) }
        #expect(throws: AccessError.needsHTTPS) { try Self.signIn.checkHTTPS(sharedLoadBalancer: false, certificateARN: nil) }
        try Self.signIn.checkHTTPS(sharedLoadBalancer: true, certificateARN: nil)
        try Self.signIn.checkHTTPS(sharedLoadBalancer: false, certificateARN: ARN.validCertificateExamples[0])
        try Self.office.checkHTTPS(sharedLoadBalancer: false, certificateARN: nil)
    }

    @Test func theTemplatesGetEachMode() throws {
        func vars(_ access: AccessSetting) throws -> [String: JSONValue] {
            var request = TFVarsRequest(name: try EnvironmentName("demo"), config: ProjectConfig(), template: .apiService, owner: "o", repository: "r/r",
                                        now: Timestamp(iso8601: "2026-11-22T09:30:00Z")!)
            request.access = access
            return TFVars(request).variables
        }
        #expect(try vars(Self.open)["access_mode"] == .string("public") && vars(Self.open)["access_oidc"] == nil)
        #expect(try vars(Self.office)["access_cidrs"] == .array([.string("10.0.0.0/8"), .string("203.0.113.0/24")]))
        let oidc = try vars(Self.signIn)
        #expect(oidc["access_mode"] == .string("oidc") && oidc["access_oidc"]?["client_secret_arn"]?.stringValue == Self.provider.clientSecretARN)
        #expect(oidc["access_oidc"]?["client_secret"] == nil, "the secret's value never reaches the variables")
        #expect(Self.signIn.description == "after signing in at https://login.example.com" && Self.office.description == "only from 10.0.0.0/8, 203.0.113.0/24")
    }
}
