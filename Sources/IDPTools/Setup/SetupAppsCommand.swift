import IDPCore
import IDPGitHub
import IDPHTTP
import IDPRuntime

extension SetupTool {
    static let app = OptionSpec.option("app", "kind", variable: "IDP_SETUP_APP", default: "lifecycle", help: "lifecycle, reader or release.")
    static let port = OptionSpec.option("port", "n", variable: "IDP_SETUP_PORT", default: "0", help: "The local port for GitHub's redirect (0: any free one).")

    /// `idp setup apps`: creates one of the platform's GitHub Apps through GitHub's App manifest
    /// flow and stores its id and key where the workflows read them; the key is never printed.
    static let apps = CommandSpec(
        "apps", abstract: "Create a platform GitHub App from its manifest and store its id and key as secrets. Outputs: app_id, slug.",
        discussion: """
            Serves a page on 127.0.0.1 that posts the App's manifest (its permissions exactly as docs/security.md lists them)
            to GitHub in the browser of someone who may create Apps for the organisation; GitHub redirects back with a code,
            exchanged for the App (POST /app-manifests/{code}/conversions). Its id and private key are stored, sealed with the
            secret's public key (libsodium): lifecycle in the environment idp-platform (IDP_APP_PRIVATE_KEY; with --platform
            its id is written to github_app_id), release in the environment release (IDP_RELEASE_APP_ID, IDP_RELEASE_APP_KEY),
            reader as organisation secrets (IDP_PLATFORM_READER_APP_ID, IDP_PLATFORM_READER_KEY). The key is never printed.
            What is left is one click: installing the App, whose address is printed.
            """,
        examples: ["idp setup apps --app lifecycle --repository acme/mini-idp --platform platform.yml"],
        options: [app, SharedOptions.repository, port, ValidationOptions.platform]
    ) { args, runtime throws(ToolFailure) in
        guard let kind = PlatformApp(rawValue: args.defaulted(app)) else {
            throw ToolFailure(.usage, [Diagnostic(code: "usage", message: "--app \(quoted(args.defaulted(app))) is not lifecycle, reader or release")])
        }
        guard let platform = args.value(SharedOptions.repository), let owner = platform.split(separator: "/").first.map(String.init),
              let github = try GitHubSources.client(runtime) else {
            throw ToolFailure(.usage, [Diagnostic(code: "usage", message: "idp setup apps needs --repository owner/name and GITHUB_TOKEN (an organisation owner's)")])
        }
        // Where the id and key go must take them before the App exists: its key is shown once.
        let places: [GitHubClient.SecretPlace] = kind.secrets.map { secret in secret.environment.map { .environment(repository: platform, name: $0) } ?? .organization(owner, visibility: "private") }
        do throws(GitHubError) { for place in places { try github.checkSecretPlace(place) } } catch {
            throw ToolFailure(error.httpStatus == 403 ? .conflict : .notFound, [Diagnostic(code: "setup.secrets", message: "\(error.message): the App's key could not be stored there, "
                + "so no App was created; run idp setup platform first (it creates the environments), and use a token that may write those secrets")])
        }
        let server: LoopbackServer
        do throws(SystemIO.Failure) { server = try LoopbackServer(port: Int(args.defaulted(port)) ?? 0) } catch { throw ToolFailure(.localIO, [Diagnostic(code: "setup.port", message: error.description)]) }
        let site = runtime.context["GITHUB_SERVER_URL"] ?? "https://github.com"
        let state = hexString((0..<16).map { _ in UInt8.random(in: 0...255) })
        let manifest = kind.manifest(platform: platform, serverURL: site, redirectURL: "http://127.0.0.1:\(server.port)/callback")
        runtime.print("open http://127.0.0.1:\(server.port)/ in a browser signed in to GitHub as an owner of \(owner)")
        var created: (id: String, slug: String, pem: String)?
        var failure: Diagnostic?
        server.serve { request in
            switch request.path {
            case "/":
                return (200, "text/html; charset=utf-8", PlatformApp.page(app: kind, manifest: manifest, action: "\(site)/organizations/\(owner)/settings/apps/new?state=\(state)"), false)
            case "/callback":
                guard request.query["state"] == state, let code = request.query["code"], !code.isEmpty else {
                    return (400, "text/plain", "this answer is not from the page idp served (state); nothing was created here\n", false)
                }
                do throws(GitHubError) {
                    let conversion = try GitHubClient(api: github.api, token: nil).send("POST", "/app-manifests/\(percentEncode(code))/conversions", operation: "POST app manifest conversion")
                    let answer = try? JSONValue.parse(conversion.body)
                    guard let id = answer?["id"].map({ $0.displayText }), let slug = answer?["slug"]?.stringValue, let pem = answer?["pem"]?.stringValue else {
                        throw .malformed("no id, slug or pem", operation: "POST app manifest conversion")
                    }
                    runtime.mask(pem)
                    created = (id, slug, pem)
                    return (200, "text/plain", "The App \(slug) was created; install it: \(site)/apps/\(slug)/installations/new\n", true)
                } catch {
                    failure = error.diagnostic()
                    return (502, "text/plain", "GitHub did not convert the manifest: \(error.message)\n", true)
                }
            default:
                return (404, "text/plain", "not found\n", false)
            }
        }
        if let failure { throw ToolFailure(.remote, [failure]) }
        guard let created else { throw ToolFailure(.internalError) }
        do throws(GitHubError) {
            for (secret, place) in zip(kind.secrets, places) {
                try github.setSecret(secret.name, value: secret.holds == "key" ? created.pem : created.id, in: place)
                runtime.print("stored \(secret.name) (\(secret.holds == "key" ? "the private key" : "the id")) in \(secret.environment.map { "the environment \($0) of \(platform)" } ?? "the organisation \(owner)")")
            }
        } catch {
            // The key exists only here now: kept in a file only its owner may read, never printed.
            let kept = "\(created.slug).private-key.pem"
            _ = try? SystemIO.writeAtomically(Array(created.pem.utf8), to: kept, mode: 0o600)
            throw ToolFailure(error.httpStatus == 403 ? .conflict : .remote, [Diagnostic(code: "setup.secrets", message: "\(error.message); the App \(created.slug) (id \(created.id)) "
                + "exists and its key is in \(kept) (mode 600): store it with gh secret set, then delete the file")])
        }
        if kind == .lifecycle, let path = args.value(ValidationOptions.platform) {
            let text = try ToolInputs.readText(path)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if let index = lines.firstIndex(where: { $0.hasPrefix("github_app_id:") }) { lines[index] = "github_app_id: \"\(created.id)\"" } else { lines.insert("github_app_id: \"\(created.id)\"", at: max(0, lines.count - 1)) }
            let updated = lines.joined(separator: "\n")
            try ToolInputs.writeAtomically(updated, to: path)
            runtime.print("wrote github_app_id: \"\(created.id)\" to \(path)")
        }
        runtime.print("remaining: install the App: \(site)/apps/\(created.slug)/installations/new")
        runtime.output("app_id", created.id)
        runtime.output("slug", created.slug)
        return .success
    }
}
