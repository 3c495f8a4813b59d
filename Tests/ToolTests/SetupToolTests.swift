import Foundation
import Testing
import TestSupport

/// `idp setup platform` against the GitHub stand-in (and moto, for the doctor run after it): a
/// platform repository with nothing set up is brought to what idp doctor checks, a second run
/// changes nothing, a dry run writes nothing, and a token without admin changes nothing.
@Suite(.enabled(if: Moto.available, "needs the moto server scripts/test starts")) struct SetupToolTests {
    static let empty = ["oidc-default", "tag-ruleset-missing", "branch-ruleset-missing", "releases-mutable", "env-missing", "release-env-missing",
                        "platform-internal", "admins-only"]

    struct World {
        let setup: DoctorToolTests.Setup
        let github: BackgroundProcess
        let log: URL
        var url: String { "http://127.0.0.1:\(github.firstLine)" }

        init(_ mistakes: [String]) throws {
            let work = FileManager.default.temporaryDirectory.appendingPathComponent("setup-\(UUID().uuidString)")
            let json = try Python.run(Golden.fixtures().appendingPathComponent("doctor_setup.py").path, arguments: [Moto.url, work.path] + mistakes)
            setup = try JSONDecoder().decode(DoctorToolTests.Setup.self, from: Data(json.utf8))
            log = work.appendingPathComponent("requests.jsonl")
            github = try BackgroundProcess("python3", [Golden.fixtures().appendingPathComponent("fake_github.py").path, setup.scenario, log.path])
        }

        /// The methods and paths GitHub was asked, writes only.
        var writes: [String] {
            ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { line in
                guard let request = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      let method = request["method"] as? String, method != "GET" else { return nil }
                return "\(method) \(request["path"] as? String ?? "")"
            }
        }

        func run(_ tool: String, _ args: [String], token: String = "ghp_doctor") throws -> ToolRun {
            try ToolProcess.run("idp", [tool] + args, environment: setup.env.merging(["GITHUB_ACTIONS": "true", "GITHUB_API_URL": url, "GITHUB_TOKEN": token]) { $1 })
        }

        /// `idp setup apps --app <app>` with a person's browser played by fetch.py: the local page's
        /// form, then GitHub's redirect back with `code` and the page's state. Returns the page
        /// after the redirect, and what the tool printed.
        func createApp(_ app: String, code: String, settings: String) throws -> (page: String, status: Int32, printed: String, state: String) {
            var environment = ProcessInfo.processInfo.environment
            environment.merge(["GITHUB_API_URL": url, "GITHUB_TOKEN": "ghp_doctor", "GITHUB_SERVER_URL": "https://github.example.com"]) { $1 }
            environment.removeValue(forKey: "GITHUB_ACTIONS")
            let tool = try BackgroundProcess(ToolProcess.binDirectory.appendingPathComponent("idp").path,
                                             ["setup", "apps", "--app", app, "--repository", "acme/mini-idp", "--platform", settings], environment: environment)
            let local = try #require(tool.firstLine.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") }.map(String.init), "\(tool.firstLine)")
            let fetch = Golden.fixtures().appendingPathComponent("fetch.py").path
            let page = try Python.run(fetch, arguments: [local])
            let state = String(try #require(page.components(separatedBy: "state=").last?.prefix { $0.isHexDigit }))
            let done = try Python.run(fetch, arguments: [local + "callback?code=\(code)&state=\(state)"])
            let (status, printed) = tool.finish()
            return (page + done, status, printed, state)
        }

        /// A test control of the stand-in: POST `body` to `path`.
        func control(_ path: String, _ body: String) throws {
            _ = try Python.run(Golden.fixtures().appendingPathComponent("fetch.py").path, arguments: [url + path, body])
        }
    }

    /// docs/platform-setup.md's commands, in its order, on an empty internal platform repository
    /// (no rulesets, environments, Apps or subject; admins only may write) and a consumer that never
    /// heard of the platform: setup platform, the three Apps (and the owner's click installing them),
    /// setup platform again with the release App's id, onboard, the pull request merged. idp doctor
    /// then finds nothing, for the platform and the consumer.
    @Test func theDocumentedCommandsBringAnEmptyPlatformAndAConsumerToGreen() throws {
        let world = try World(Self.empty + ["app-missing", "consumer-fresh"])
        let settings = FileManager.default.temporaryDirectory.appendingPathComponent("chain-\(UUID().uuidString).yml")
        try String(contentsOfFile: world.setup.platform, encoding: .utf8).replacingOccurrences(of: "github_app_id: \"4242\"", with: "github_app_id: \"\"")
            .write(to: settings, atomically: true, encoding: .utf8)
        let platform = ["platform", "--repository", "acme/mini-idp", "--platform", settings.path]
        let first = try world.run("setup", platform)
        #expect(first.status == 0 && first.stdout.contains("run again with --release-app-id"), "\(first.stdout) \(first.stderr)")
        // GitHub numbers the Apps 8181, 8182 and 8183 in the order they are made.
        for (app, code) in [("lifecycle", "good-code"), ("release", "release-code"), ("reader", "reader-code")] {
            let created = try world.createApp(app, code: code, settings: settings.path)
            #expect(created.status == 0 && !created.printed.contains("PRIVATE KEY-----") && created.page.contains("/apps/acme-mini-idp-\(app)/installations/new"),
                    "\(app): \(created.printed)")
        }
        #expect(try String(contentsOf: settings, encoding: .utf8).contains("github_app_id: \"8181\""), "the lifecycle App's id in platform.yml")
        // The one click the API cannot make: the owner installs the lifecycle and reader Apps.
        try world.control("/_install/acme", #"{"id": 90, "app_id": 8181, "app_slug": "acme-mini-idp-lifecycle", "repository_selection": "all", "permissions": {"pull_requests": "write", "issues": "read", "metadata": "read"}}"#)
        try world.control("/_install/acme", #"{"id": 92, "app_id": 8183, "app_slug": "acme-mini-idp-reader", "repository_selection": "selected", "permissions": {"contents": "read", "metadata": "read"}}"#)
        let second = try world.run("setup", platform + ["--release-app-id", "8182"])
        #expect(second.status == 0 && second.outputs["changed"] == "1", "the tag ruleset, now with the release App: \(second.stdout)")
        let onboard = try world.run("onboard", ["acme/payments", "--repository", "acme/mini-idp", "--checksums", world.setup.checksums, "--set-subject",
                                                "--example", ToolProcess.packageRoot.appendingPathComponent("action/examples/preview-env.yml").path])
        #expect(onboard.status == 0 && onboard.outputs["pull_request"] == "100", "\(onboard.stderr)")
        try world.control("/_merge/acme/payments/100", "{}")
        let doctor = try world.run("doctor", ["--platform", settings.path, "--repository", "acme/mini-idp", "--consumer", "acme/payments",
                                              "--checksums", world.setup.checksums])
        #expect(doctor.status == 0 && DoctorToolTests.codes(doctor).isEmpty, "green: \(doctor.stderr)")
    }

    @Test func anEmptyRepositoryIsBroughtToWhatDoctorChecksAndASecondRunChangesNothing() throws {
        let world = try World(Self.empty)
        let args = ["platform", "--repository", "acme/mini-idp", "--release-app-id", "5151"]
        let dry = try world.run("setup", args + ["--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("would PUT /repos/acme/mini-idp/actions/oidc/customization/sub") && dry.stdout.contains("would POST /repos/acme/mini-idp/rulesets")
                && dry.stdout.contains("would PUT /repos/acme/mini-idp/actions/permissions/access"), "\(dry.stdout)")
        #expect(world.writes.isEmpty, "a dry run writes nothing: \(world.writes)")

        let reader = try world.run("setup", args, token: "ghp_reader")
        #expect(reader.status == 3 && reader.stderr.contains("[setup.permission]") && reader.stderr.contains("no admin permission on acme/mini-idp"), "\(reader.stderr)")
        #expect(world.writes.isEmpty, "nothing half-applied: \(world.writes)")

        let applied = try world.run("setup", args)
        #expect(applied.status == 0 && applied.outputs["changed"] == "9", "\(applied.outputs) \(applied.stdout) \(applied.stderr)")
        #expect(world.writes.count == 9, "\(world.writes)")
        let doctor = try world.run("doctor", ["--platform", world.setup.platform, "--repository", "acme/mini-idp", "--checksums", world.setup.checksums])
        #expect(DoctorToolTests.codes(doctor).filter { $0.hasPrefix("github.") } == ["github.environment.secret"],
                "only the Apps' keys are left, which setup prints as remaining: \(doctor.stderr)")
        #expect(applied.stdout.contains("remaining: the Apps' keys are secrets of the environments"), "\(applied.stdout)")

        let again = try world.run("setup", args)
        #expect(again.status == 0 && again.outputs["changed"] == "0" && world.writes.count == 9, "\(again.stdout) \(world.writes)")
    }

    /// A ruleset of setup's own name that has drifted (a person added as a bypass of "releases", no
    /// review left in "default branch") is put right in place, by id: no second ruleset beside it.
    @Test func aDriftedRulesetOfSetupsOwnIsUpdatedInPlace() throws {
        let world = try World(["tag-bypass-person", "branch-no-review"])
        let args = ["platform", "--repository", "acme/mini-idp", "--release-app-id", "5151"]
        let applied = try world.run("setup", args)
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(world.writes.filter { $0.contains("/rulesets") } == ["PUT /repos/acme/mini-idp/rulesets/1", "PUT /repos/acme/mini-idp/rulesets/2"], "\(world.writes)")
        let doctor = try world.run("doctor", ["--platform", world.setup.platform, "--repository", "acme/mini-idp", "--checksums", world.setup.checksums])
        #expect(!DoctorToolTests.codes(doctor).contains { $0.hasPrefix("github.ruleset") }, "\(doctor.stderr)")
        let again = try world.run("setup", args)
        #expect(again.outputs["changed"] == "0" && world.writes.filter { $0.contains("/rulesets") }.count == 2, "\(world.writes)")
    }

    @Test func platformYmlIsWrittenFromTheBootstrapsOutputs() throws {
        let world = try World([])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("outputs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let settings = try String(contentsOfFile: world.setup.platform, encoding: .utf8)
        let outputs = dir.appendingPathComponent("outputs.json")
        try JSONSerialization.data(withJSONObject: ["platform_yml": ["value": settings, "type": "string", "sensitive": false]]).write(to: outputs)
        let target = dir.appendingPathComponent("platform.yml").path
        let args = ["platform", "--repository", "acme/mini-idp", "--from-outputs", outputs.path, "--platform", target, "--release-app-id", "5151"]
        let first = try world.run("setup", args)
        #expect(first.status == 0 && first.stdout.contains("wrote \(target) from the bootstrap's outputs"), "\(first.stdout) \(first.stderr)")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == settings)
        let second = try world.run("setup", args)
        #expect(second.outputs["changed"] == "0" && second.stdout.contains("nothing to change"), "\(second.stdout)")
        try "{}".write(to: outputs, atomically: true, encoding: .utf8)
        let wrong = try world.run("setup", args)
        #expect(wrong.status == 1 && wrong.stderr.contains("has no platform_yml output"), "\(wrong.stderr)")
    }

    /// idp onboard on a repository with a Dockerfile and a deploy of its own through OIDC: the
    /// pull request proposes the pinned caller, a config inferred from the Dockerfile (valid for
    /// idp-validate) and Dependabot; the subject is set after naming the workflow it touches; a
    /// second run finds the pull request open; a dry run writes nothing.
    @Test func onboardOpensThePullRequestRenovateWould() throws {
        let world = try World(["consumer-fresh"])
        let args = ["acme/payments", "--repository", "acme/mini-idp", "--checksums", world.setup.checksums,
                    "--example", ToolProcess.packageRoot.appendingPathComponent("action/examples/preview-env.yml").path]
        let dry = try world.run("onboard", args + ["--dry-run"])
        #expect(dry.status == 0 && world.writes.isEmpty, "\(dry.stderr) \(world.writes)")
        #expect(dry.stderr.contains("[onboard.subject]") && dry.stderr.contains(".github/workflows/deploy.yml"), "\(dry.stderr)")
        #expect(dry.stdout.contains("uses: acme/mini-idp/.github/workflows/provision.yml@v1.4.0"), "\(dry.stdout)")
        let config = try #require(dry.stdout.components(separatedBy: "would propose .idp/config.yml:\n").last?.components(separatedBy: "would propose").first)
        #expect(config.contains("container_port: 3000") && config.contains("from the Dockerfile's EXPOSE")
                && config.contains("health_check_path: /healthz") && config.contains("from the Dockerfile's HEALTHCHECK"), "\(config)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("onboard-\(UUID().uuidString).yml")
        try config.write(to: file, atomically: true, encoding: .utf8)
        #expect(try ToolProcess.run("idp-validate", ["--config", file.path]).status == 0, "the proposed config is valid")

        // Its deploy.yml asks for a token too: the subject is changed only when asked to.
        let opened = try world.run("onboard", args)
        #expect(opened.status == 0 && opened.outputs["pull_request"] == "100" && opened.outputs["subject_set"] == "false", "\(opened.stderr)")
        #expect(opened.stderr.contains("not changed, as .github/workflows/deploy.yml use id-token: write"), "\(opened.stderr)")
        #expect(!world.writes.contains("PUT /repos/acme/payments/actions/oidc/customization/sub"))
        let subject = try world.run("onboard", args + ["--set-subject"])
        #expect(subject.outputs["subject_set"] == "true" && world.writes.last == "PUT /repos/acme/payments/actions/oidc/customization/sub", "\(world.writes)")
        #expect(world.writes == ["POST /repos/acme/payments/git/refs",
                                 "PUT /repos/acme/payments/contents/.github/workflows/preview-env.yml", "PUT /repos/acme/payments/contents/.idp/config.yml",
                                 "PUT /repos/acme/payments/contents/.github/dependabot.yml", "POST /repos/acme/payments/pulls",
                                 "PUT /repos/acme/payments/actions/oidc/customization/sub"], "\(world.writes)")
        let again = try world.run("onboard", args)
        #expect(again.status == 0 && again.stdout.contains("acme/payments#100 is open already") && world.writes.count == 6, "\(again.stdout) \(world.writes)")
    }

    /// idp setup apps: the local page posts the lifecycle App's manifest (its permissions) to GitHub;
    /// an answer not carrying the page's state is refused; GitHub's redirect code is exchanged for the
    /// App, whose key is stored sealed in the environment idp-platform (opened by the stand-in: the
    /// very key GitHub made) and never printed; its id goes to platform.yml.
    @Test func anAppIsCreatedFromItsManifestAndItsKeyStoredSealed() throws {
        let world = try World([])
        let settings = FileManager.default.temporaryDirectory.appendingPathComponent("apps-\(UUID().uuidString).yml")
        try String(contentsOfFile: world.setup.platform, encoding: .utf8).replacingOccurrences(of: "github_app_id: \"4242\"", with: "github_app_id: \"\"")
            .write(to: settings, atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment.merge(["GITHUB_API_URL": world.url, "GITHUB_TOKEN": "ghp_doctor", "GITHUB_SERVER_URL": "https://github.example.com"]) { $1 }
        environment.removeValue(forKey: "GITHUB_ACTIONS")
        let tool = try BackgroundProcess(ToolProcess.binDirectory.appendingPathComponent("idp").path,
                                         ["setup", "apps", "--app", "lifecycle", "--repository", "acme/mini-idp", "--platform", settings.path], environment: environment)
        let local = try #require(tool.firstLine.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") }.map(String.init), "\(tool.firstLine)")
        let fetch = Golden.fixtures().appendingPathComponent("fetch.py").path
        let page = try Python.run(fetch, arguments: [local])
        #expect(page.contains("action=\"https://github.example.com/organizations/acme/settings/apps/new?state=")
                && page.contains("&quot;pull_requests&quot;:&quot;write&quot;") && page.contains("&quot;redirect_url&quot;:&quot;\(local)callback&quot;"), "\(page)")
        let state = try #require(page.components(separatedBy: "state=").last?.prefix { $0.isHexDigit })
        #expect(throws: (any Error).self) { try Python.run(fetch, arguments: [local + "callback?code=good-code&state=forged"]) }
        let done = try Python.run(fetch, arguments: [local + "callback?code=good-code&state=\(state)"])
        #expect(done.contains("The App acme-mini-idp-lifecycle was created; install it: https://github.example.com/apps/acme-mini-idp-lifecycle/installations/new"))
        let (status, printed) = tool.finish()
        #expect(status == 0 && printed.contains("stored IDP_APP_PRIVATE_KEY (the private key) in the environment idp-platform of acme/mini-idp"), "\(printed)")
        #expect(!printed.contains("PRIVATE KEY-----"), "the key is never printed")
        let apps = try JSONSerialization.jsonObject(with: Data(try Python.run(fetch, arguments: [world.url + "/_apps"]).utf8)) as? [[String: Any]]
        let secrets = try JSONSerialization.jsonObject(with: Data(try Python.run(fetch, arguments: [world.url + "/_secrets"]).utf8)) as? [String: [String: String]]
        let pem = try #require(apps?.first?["pem"] as? String)
        #expect(secrets?["acme/mini-idp/idp-platform"]?["IDP_APP_PRIVATE_KEY"] == pem, "stored sealed, opened to the very key")
        #expect(try String(contentsOf: settings, encoding: .utf8).contains("github_app_id: \"8181\""))
    }
}
