@_exported import IDPCore

/// Spelled out so `ToolFailure` reads unambiguously next to ArgumentParser's names.
public typealias IDPCoreDiagnostic = IDPCore.Diagnostic
