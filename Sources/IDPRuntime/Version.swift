/// The version every tool prints for `--version`; release tags are `v<version>`.
public enum IDPVersion {
    public static let current = "0.1.0"
}
