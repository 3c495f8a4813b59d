import Testing
@testable import IDPCore

/// The AWS naming rules behind `platform.yml`, each against the cases its documentation lists.
@Suite struct AWSNamesTests {
    @Test(arguments: ["us-east-1", "eu-central-2", "us-gov-west-1", "cn-north-1", "ap-southeast-5"])
    func regions(_ name: String) { #expect(AWSNames.isRegion(name)) }

    @Test(arguments: ["US-East-1", "us-east", "useast1", "us-east-1a", "us--east-1", ""])
    func notRegions(_ name: String) { #expect(!AWSNames.isRegion(name)) }

    @Test func buckets() {
        for ok in ["abc", "acme-idp-state", "team.preview-state", String(repeating: "a", count: 63)] { #expect(AWSNames.isBucket(ok), "\(ok)") }
        for bad in ["ab", "Acme", "acme_state", "-acme", "acme-", "a..b", "192.168.1.10", "xn--acme", "acme-s3alias",
                    String(repeating: "a", count: 64)] { #expect(!AWSNames.isBucket(bad), "\(bad)") }
    }

    @Test func repositoriesAndTables() {
        for ok in ["mini-idp-preview", "platform/previews", "a__b", "a.b-c_d"] { #expect(AWSNames.isRepository(ok), "\(ok)") }
        for bad in ["Mini", "-a", "a-", "a--b", "a..b", "a//b", "a/", "x"] { #expect(!AWSNames.isRepository(bad), "\(bad)") }
        for ok in ["abc", "acme_idp.locks-1"] { #expect(AWSNames.isTable(ok), "\(ok)") }
        for bad in ["ab", "a b", "tablé"] { #expect(!AWSNames.isTable(bad), "\(bad)") }
    }

    @Test func roleARNsTakeAnyPartitionAndAPath() {
        for ok in ["arn:aws:iam::123456789012:role/mini-idp", "arn:aws-cn:iam::123456789012:role/idp/ci/x",
                   "arn:aws-us-gov:iam::123456789012:role/a+b=c,d.e@f_g-h"] { #expect(AWSNames.isRoleARN(ok), "\(ok)") }
        for bad in ["arn:aws:iam::123456789012:user/alice", "arn:aws:iam:us-east-1:123456789012:role/x", "arn:aws:iam::1234:role/x",
                    "arn:aws:sts::123456789012:role/x", "arn:aws:iam::123456789012:role/", "arn:aws:iam::123456789012:role/x/",
                    "arn:azure:iam::123456789012:role/x"] { #expect(!AWSNames.isRoleARN(bad), "\(bad)") }
    }

    @Test func everyRequiredKeyIsAnOutput() {
        let outputs = Set(PlatformSettings().outputs.map(\.0))
        #expect(PlatformSettings.keys.allSatisfy { outputs.contains($0.name) })
    }
}
