/// `mirrors:` in platform.yml: where the workflows download OpenTofu and its providers when
/// github.com and registry.opentofu.org are out of reach (GitHub Enterprise Server inside a
/// network, or a site that mirrors everything it runs). Unset: OpenTofu's own locations.
public struct Mirrors: Sendable, Equatable {
    /// Base URL of OpenTofu's release files: `<base>/v<version>/tofu_<version>_linux_<arch>.tar.gz`
    /// and `<base>/v<version>/tofu_<version>_SHA256SUMS`, the layout of
    /// https://github.com/opentofu/opentofu/releases/download (which a mirror copies as it is).
    public var opentofu: String?
    /// An OpenTofu provider network mirror (`provider_installation { network_mirror { url } }`).
    public var providers: String?

    public init() {}

    public static let keys = ["opentofu", "providers"]

    /// https anywhere; http only on this machine (127.0.0.1, localhost), as `action/install.sh`
    /// allows, for a mirror the tests serve. No spaces, quotes, control characters or `@` (user
    /// information would put another host behind `http://127.0.0.1:`), since the value is written
    /// into OpenTofu's CLI configuration and decides where binaries come from.
    public static func isURL(_ text: String) -> Bool {
        guard text.count <= 500, text.unicodeScalars.allSatisfy({ (0x21..<0x7f).contains($0.value) && $0 != "\"" && $0 != "\\" && $0 != "@" }) else { return false }
        for prefix in ["https://", "http://127.0.0.1:", "http://127.0.0.1/", "http://localhost:", "http://localhost/"] where text.hasPrefix(prefix) {
            let host = text.dropFirst(prefix.hasPrefix("https") ? prefix.count : "http://".count).prefix { $0 != "/" }
            return !host.isEmpty
        }
        return false
    }

    /// What each key accepts, for messages.
    public static func expectation(_ key: String) -> String {
        key == "providers"
            ? "an https URL ending in \"/\", as OpenTofu's network mirror protocol requires, without spaces, quotes or \"@\""
            : "an https URL (http only on 127.0.0.1 or localhost), without spaces, quotes or \"@\""
    }

    /// `providers` must be https even on this machine: OpenTofu refuses any other network mirror.
    public static func check(_ key: String, _ value: String) -> Bool {
        isURL(value) && (key != "providers" || (value.hasPrefix("https://") && value.hasSuffix("/")))
    }
}

/// The CPU architecture of the environments' Fargate tasks (`cpu_architecture:` in platform.yml),
/// and so of the images the workflows build for them: an image must match its task, so a platform
/// whose runners are arm64 builds natively for ARM64 tasks (about a fifth cheaper on Fargate), or
/// states `linux/amd64` for X86_64 ones.
public enum CPUArchitecture: String, Sendable, CaseIterable {
    case x86_64 = "X86_64"
    case arm64 = "ARM64"

    /// `docker build --platform`'s value.
    public var imagePlatform: String {
        switch self {
        case .x86_64: "linux/amd64"
        case .arm64: "linux/arm64"
        }
    }
}
