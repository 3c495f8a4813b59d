import Foundation

/// libfaketime's settings, handed on to every process a test starts with a clean environment.
///
/// `scripts/test-dates` runs the suite under `faketime` to prove it passes on any date. A tool
/// started without these variables would read the real clock while the test and its local servers
/// read the faked one; with them, every process of the run shares one clock. Outside `faketime`
/// none is set and this is empty.
public enum FakedClock {
    /// `LD_PRELOAD` loads libfaketime; `FAKETIME` is the offset; `FAKETIME_SHARED` names the shared
    /// memory segment the `faketime` command creates (without it, a Swift binary under libfaketime
    /// sees an empty `CommandLine.arguments`).
    static let names = ["LD_PRELOAD", "FAKETIME", "FAKETIME_SHARED", "FAKETIME_NO_CACHE", "DONT_FAKE_MONOTONIC"]

    /// The variables of this process that fake the clock, to merge into a child's environment.
    public static let environment: [String: String] = {
        let current = ProcessInfo.processInfo.environment
        guard current["FAKETIME"] != nil else { return [:] }
        return current.filter { names.contains($0.key) }
    }()
}
