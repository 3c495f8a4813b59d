/// The GitHub Apps the platform needs, created through GitHub's App manifest flow (`idp setup
/// apps`): each with exactly the permissions the security model lists, and each App's id and key
/// stored where the workflows read them.
public enum PlatformApp: String, Sendable, CaseIterable {
    /// Comments from scheduled destroys and sleep, and pull-request look-ups (installed on consumer owners).
    case lifecycle
    /// Reads a private or internal platform repository for consumers' runs (installed on it alone).
    case reader
    /// Creates the v* tags and the release pull request (installed on the platform repository).
    case release

    public var permissions: [String: String] {
        switch self {
        case .lifecycle: ["pull_requests": "write", "contents": "read", "metadata": "read"]
        case .reader: ["contents": "read", "metadata": "read"]
        case .release: ["contents": "write", "pull_requests": "write", "metadata": "read"]
        }
    }

    /// Where the App's id and key go: (secret name, what it holds, environment or nil for the organisation).
    public var secrets: [(name: String, holds: String, environment: String?)] {
        switch self {
        case .lifecycle: [("IDP_APP_PRIVATE_KEY", "key", "idp-platform")]
        case .reader: [("IDP_PLATFORM_READER_APP_ID", "id", nil), ("IDP_PLATFORM_READER_KEY", "key", nil)]
        case .release: [("IDP_RELEASE_APP_ID", "id", "release"), ("IDP_RELEASE_APP_KEY", "key", "release")]
        }
    }

    /// The manifest GitHub's "new App" page takes (`POST …/settings/apps/new` with `manifest`).
    public func manifest(platform: String, serverURL: String, redirectURL: String) -> JSONValue {
        let owner = platform.split(separator: "/").first.map(String.init) ?? platform
        return .object([
            // GitHub allows 34 characters.
            "name": .string(String("mini-idp \(rawValue) \(owner)".prefix(34))),
            "url": .string("\(serverURL)/\(platform)"),
            "redirect_url": .string(redirectURL),
            // The lifecycle App is installed on every consumer's owner, which a private App cannot be
            // outside its own organisation; the others stay on the platform's.
            "public": .bool(self == .lifecycle),
            "hook_attributes": .object(["url": .string("\(serverURL)/\(platform)"), "active": .bool(false)]),
            "default_permissions": .object(permissions.mapValues(JSONValue.string)),
            "default_events": .array([]),
        ])
    }

    /// The local page that posts the manifest to GitHub (the browser carries the person's session).
    public static func page(app: PlatformApp, manifest: JSONValue, action: String) -> String {
        let json = manifest.rendered(pretty: false)
        let escaped = json.replacing("&", with: "&amp;").replacing("\"", with: "&quot;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
        return """
            <!doctype html><html><head><meta charset="utf-8"><title>idp setup apps: \(app.rawValue)</title></head><body>
            <p>Create the platform's <b>\(app.rawValue)</b> App on GitHub (permissions: \(app.permissions.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))).</p>
            <form id="create" method="post" action="\(action.replacing("&", with: "&amp;").replacing("\"", with: "&quot;"))">
            <input type="hidden" name="manifest" value="\(escaped)"><button type="submit">Create the App on GitHub</button></form>
            <script>document.getElementById("create").submit()</script></body></html>

            """
    }
}
