import Testing
@testable import IDPCore

@Suite struct ARNTests {
    @Test(arguments: ARN.validSecretExamples + ["arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:db/pass-x1Y2z3"])
    func acceptsSecrets(_ text: String) throws {
        #expect(try ARN.secret(text).service == "secretsmanager")
    }

    @Test(arguments: ARN.validCertificateExamples)
    func acceptsCertificates(_ text: String) throws {
        #expect(try ARN.certificate(text).service == "acm")
    }

    @Test(arguments: [
        ("arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME:KEY::", "arn.region"),
        ("arn:aws:secretsmanager:us-east-1:1234:secret:x", "arn.account"),
        ("arn:aws:ssm:us-east-1:123456789012:parameter/x", "arn.service"),
        ("arn:aws:secretsmanager:us-east-1:123456789012:secret:", "arn.resource"),
        ("arn:aws:secretsmanager:us-east-1:123456789012:secret:a b", "arn.resource"),
        ("arn:aws:secretsmanager:us-east-1:123456789012:secret:a:k", "arn.resource"),
        ("arn:aws:secretsmanager:us-east-1:123456789012:key:x", "arn.resource"),
        ("arn:azure:secretsmanager:us-east-1:123456789012:secret:x", "arn.partition"),
        ("not-an-arn", "arn.shape"),
        ("arn:aws:acm:us-east-1:123456789012:certificate/xyz", "arn.resource"),
    ])
    func rejectsWithTheRightCode(_ text: String, _ code: String) {
        let isCertificate = text.contains(":acm:")
        do {
            _ = isCertificate ? try ARN.certificate(text) : try ARN.secret(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.code == code, "\(error.message)")
        }
    }
}
