/// The one version: what every tool prints for `--version`, sends as `User-Agent`, and what release
/// tags name (`v<version>`).
public enum IDPVersion {
    public static let current = "0.1.0"
}
