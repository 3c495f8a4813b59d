#if canImport(Glibc)
import Glibc
#endif
import IDPConfig
import IDPCore

/// libFuzzer targets for every parser that reads outside input. One binary, the target chosen by
/// `IDP_FUZZ_TARGET`; built only by `scripts/fuzz` (with `-sanitize=fuzzer,address`), which runs
/// each target from its seed corpus in `Tests/Fuzz/corpus/<target>/`.
///
/// Besides "no crash, no hang, no memory error", each target checks a property of its parser, so
/// the fuzzer also finds wrong answers: what is rendered parses back to the same value, and what
/// is accepted obeys the rule it was accepted under.
enum FuzzTarget: String, CaseIterable {
    case configYAML = "config-yaml"
    case platformSettings = "platform-settings"
    case json
    case metadata
    case tofuOutputs = "tofu-outputs"
    case awsXML = "aws-xml"
    case schedule
    case branch
    case ttl
    case previewCommand = "preview-command"
    case tzif
    case awakeRange = "awake-range"
    case oidcToken = "oidc-token"
    case trustPolicy = "trust-policy"
    case workflowCalls = "workflow-calls"
    case templateDeclaration = "template-declaration"

    /// The catalog the config target reads against: a default service template, and one with a key
    /// of its own of every kind.
    static let catalog: TemplateCatalog = {
        var service = TemplateDeclaration()
        service.isDefault = true
        service.loadBalancer = true
        var site = TemplateDeclaration()
        site.workload = .none
        site.settings = [TemplateDeclaration.Setting(key: "index_document", kind: .string(maxLength: 64), defaultValue: .string("index.html")),
                         TemplateDeclaration.Setting(key: "copies", kind: .integer(min: 1, max: 3)),
                         TemplateDeclaration.Setting(key: "spa", kind: .boolean),
                         TemplateDeclaration.Setting(key: "tier", kind: .choice(["a", "b"]))]
        return TemplateCatalog([Template(name: TemplateName(rawValue: "svc")!, declaration: service),
                                Template(name: TemplateName(rawValue: "site")!, declaration: site)])
    }()

    func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        switch self {
        case .configYAML:
            let (config, problems) = ProjectConfig.parse(yaml: text, path: "fuzz.yml", templates: Self.catalog)
            require(problems.allSatisfy { $0.location?.file == "fuzz.yml" }, "every problem names the file")
            if !problems.hasErrors, let template = Self.catalog.resolve(config.template) {
                require(config.settings.keys.allSatisfy { template.declaration.setting($0) != nil }, "a key of its own is kept only for its template")
            }
        case .templateDeclaration:
            let (declaration, problems) = TemplateDeclaration.parse(yaml: text, path: "template.yml")
            require(problems.allSatisfy { $0.location?.file == "template.yml" }, "every problem names the file")
            guard !problems.hasErrors else { return }
            require((1...TemplateDeclaration.maxTimeoutMinutes).contains(declaration.timeoutMinutes), "an accepted budget is within the lock's hold")
            let targets = declaration.sleepTargets(for: try! EnvironmentName("preview-x"))
            require((targets.services + targets.alarms + [targets.database, targets.rule].compactMap { $0 }).allSatisfy { !$0.contains("{") && $0.contains("preview-x") },
                    "every sleep target names the environment, with no placeholder left")
        case .platformSettings:
            let (settings, problems) = PlatformSettings.parse(yaml: text, path: "platform.yml")
            if !problems.hasErrors {
                for (key, value) in settings.outputs where !value.isEmpty && !["certificate_arn", "max_ttl"].contains(key) {
                    require(PlatformSettings.check(key, value) == nil, "an accepted \(key) passes its own rule")
                }
                let prices = settings.prices.prices
                require([prices.fargateVCPUHour, prices.fargateGBHour, prices.loadBalancerHour, prices.rdsStorageGBMonth]
                    .allSatisfy { $0.isFinite && $0 >= 0 } && prices.workerRunMinutes > 0, "accepted prices are finite and not negative")
                let limits = settings.guardrails
                require((limits.maxEnvironmentsPerRepository ?? 1) >= 1 && (limits.maxMonthlyCostPerRepository ?? 1) > 0,
                        "accepted guardrails are positive")
            }
        case .json:
            guard let value = try? JSONValue.parse(bytes) else { return }
            require((try? JSONValue.parse(value.rendered(pretty: false))) == value, "rendered JSON parses back to the same value")
        case .metadata:
            guard case .success(let record) = EnvironmentRecord.decode(bytes) else { return }
            require(EnvironmentRecord.decode(Array(record.json.utf8)) == .success(record), "a record survives being written and read")
        case .tofuOutputs:
            guard let json = try? JSONValue.parse(bytes), let outputs = try? TofuOutputs(json: json) else { return }
            for (name, output) in outputs.outputs where output.sensitive {
                require(outputs.shown(name) == nil || outputs.shown(name) == "(sensitive)", "a sensitive output is never shown")
            }
            _ = outputs.secretStrings
        case .awsXML:
            guard let element = try? XMLElement.parse(bytes) else { return }
            _ = element.all("Contents").map { $0["Key"] }
        case .schedule:
            _ = try? ScheduleExpression.parse(text)
        case .branch:
            guard let name = try? BranchMapping.environmentName(forBranch: text) else { return }
            require((try? EnvironmentName(name.rawValue)) != nil, "a branch always maps to a valid environment name")
        case .ttl:
            guard let ttl = try? TTL.parse(text) else { return }
            require((try? TTL.parse(ttl.description)) == ttl, "a TTL prints as it parses")
        case .previewCommand:
            let maximum = TTL.defaultMaximum
            switch PreviewCommand.parse(comment: text, maximumTTL: maximum) {
            case .command(.extend(let ttl)):
                require(ttl <= maximum, "an accepted extension is within the maximum")
                require(PreviewCommand.parse(comment: "/preview extend \(ttl)", maximumTTL: maximum) == .command(.extend(ttl)),
                        "an accepted extension reads back the same")
            case .command, .invalid:
                require(text.split(maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: \.isNewline).first.map {
                    String($0).trimmingWhitespace.hasPrefix(PreviewCommand.keyword) } == true, "only a /preview first line is a command")
            case .notACommand:
                break
            }
        case .tzif:
            // A zone file is read from the machine (TZDIR): malformed ones are refused, never trusted.
            guard let zone = try? TimeZoneRules.parse(tzif: bytes, name: "fuzz") else { return }
            for t in [Int64.min / 4, -1, 0, 1_800_000_000, Int64.max / 4] {
                require(abs(zone.offset(at: Timestamp(secondsSinceEpoch: t))) < 26 * 3_600, "an offset is within ±26 h")
            }
        case .awakeRange:
            guard let range = try? AwakeSchedule.parseRange(text) else { return }
            require(!range.days.isEmpty && range.days.allSatisfy { (0...6).contains($0) }, "days are weekdays")
            require((0..<1_440).contains(range.start) && (0...1_440).contains(range.end) && range.start != range.end, "hours are within a day")
            require(TimeZoneRules.isZoneName(range.zone) && !range.zone.contains(".."), "the zone is safe to join to a directory")
        case .oidcToken:
            // The job's own token: read for its subject, never trusted for anything else.
            guard let claims = OIDCSubject.claims(ofToken: text) else { return }
            if OIDCSubject.preflight(claims: claims) == nil {
                require(claims["sub"]?.hasPrefix("repo:") == true && claims["sub"]?.contains(":job_workflow_ref:") == true,
                        "an accepted subject has the customised form")
            }
        case .trustPolicy:
            // A role's trust as IAM returns it: a policy with no Allow never admits anyone.
            guard let json = try? JSONValue.parse(bytes), let policy = TrustPolicy(json) else { return }
            let claims = ["token.actions.githubusercontent.com:sub": "repo:a/b:pull_request", "token.actions.githubusercontent.com:aud": "sts.amazonaws.com"]
            for provider in policy.federatedProviders + ["p"] where policy.allows(provider: provider, claims: claims) {
                require(policy.statements.contains { $0.allows && $0.federated.contains(provider) }, "only an Allow statement admits")
            }
        case .workflowCalls:
            // A consumer's workflow file from the contents API: each call found names a file and a ref.
            for (file, ref) in SetupRules.platformCalls(in: text, platform: "acme/mini-idp") {
                require(!ref.contains("\n") && !file.contains("\n") && !ref.contains("#"), "a call is one line, without its comment")
            }
        }
    }

    func require(_ condition: Bool, _ property: String) {
        if !condition { fatalError("property broken: \(property)") }
    }
}

/// Read once: libFuzzer calls the entry point millions of times.
let selected: FuzzTarget = {
    guard let name = getenv("IDP_FUZZ_TARGET").map({ String(cString: $0) }), let target = FuzzTarget(rawValue: name) else {
        fatalError("set IDP_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return target
}()

/// libFuzzer's entry point; its own `main` drives the runs (scripts/fuzz links the objects with it).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    selected.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
