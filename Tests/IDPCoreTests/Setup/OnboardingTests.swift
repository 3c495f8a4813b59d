import TemplateSupport
import Testing
@testable import IDPCore

/// What idp onboard reads from a Dockerfile, and the caller workflow it pins.
@Suite struct OnboardingTests {
    @Test(arguments: [
        ("FROM nginx\nEXPOSE 8080\n", 8080, nil),
        ("FROM node\nEXPOSE 3000/tcp 9229\nHEALTHCHECK CMD curl -f http://localhost:3000/healthz || exit 1\n", 3000, "/healthz"),
        ("FROM x\nexpose 5000\nHEALTHCHECK --interval=5s CMD [\"wget\", \"-qO-\", \"http://127.0.0.1:5000/ready\"]\n", 5000, "/ready"),
        ("FROM x\nHEALTHCHECK NONE\n", nil, nil),
        ("FROM x\nEXPOSE 99999\n", nil, nil),
        ("FROM x\nHEALTHCHECK CMD wget -qO- https://localhost/status/live\n", nil, "/status/live"),
    ] as [(String, Int?, String?)])
    func theDockerfileSaysThePortAndHealthCheck(_ dockerfile: String, _ port: Int?, _ path: String?) {
        let inferred = Onboarding.infer(dockerfile: dockerfile)
        #expect(inferred.port == port && inferred.healthPath == path, "\(dockerfile)")
    }

    @Test func withoutADockerfileTheDefaultsAreProposedAndSaySo() {
        let config = Onboarding.config(dockerfile: nil, templates: ShippedTemplates.catalog)
        #expect(config.contains("container_port: 80 ") && config.contains("the default: no EXPOSE") && config.contains("health_check_path: / "))
    }

    @Test func theCallerIsPinnedToThePlatformsRelease() {
        let example = "    uses: acme/mini-idp/.github/workflows/provision.yml@v0.1.0 # zizmor: ignore[unpinned-uses]\n    uses: actions/checkout@abc\n"
        #expect(Onboarding.workflow(example: example, platform: "initech/platform", release: "v2.3.0")
                == "    uses: initech/platform/.github/workflows/provision.yml@v2.3.0 # zizmor: ignore[unpinned-uses]\n    uses: actions/checkout@abc\n")
    }
}
