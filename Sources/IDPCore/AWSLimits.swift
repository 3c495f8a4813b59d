/// Fargate task sizes: CPU units and the memory (MiB) each allows, from the ECS model.
public enum FargateSize {
    /// CPU units → allowed memory values in MiB.
    public static let allowed: [(cpu: Int, memory: [Int])] = [
        (256, [512, 1024, 2048]),
        (512, Array(stride(from: 1024, through: 4096, by: 1024))),
        (1024, Array(stride(from: 2048, through: 8192, by: 1024))),
        (2048, Array(stride(from: 4096, through: 16384, by: 1024))),
        (4096, Array(stride(from: 8192, through: 30720, by: 1024))),
        (8192, Array(stride(from: 16384, through: 61440, by: 4096))),
        (16384, Array(stride(from: 32768, through: 122880, by: 8192))),
    ]

    /// Nil when the pair is allowed, else why not.
    public static func check(cpu: Int, memory: Int) -> FargateError? {
        guard let row = allowed.first(where: { $0.cpu == cpu }) else { return .cpu(cpu) }
        return row.memory.contains(memory) ? nil : .memory(cpu: cpu, memory: memory, allowed: row.memory)
    }
}

public enum FargateError: DiagnosticConvertible, Equatable {
    case cpu(Int)
    case memory(cpu: Int, memory: Int, allowed: [Int])

    public var code: String {
        switch self {
        case .cpu: "fargate.cpu"
        case .memory: "fargate.memory"
        }
    }

    public var message: String {
        switch self {
        case .cpu(let cpu):
            "cpu \(cpu) is not a Fargate size; expected one of \(FargateSize.allowed.map { String($0.cpu) }.joined(separator: ", "))"
        case .memory(let cpu, let memory, let allowed):
            "memory \(memory) MiB is not allowed with cpu \(cpu); expected \(describe(allowed))"
        }
    }

    private func describe(_ values: [Int]) -> String {
        if values.count <= 3 { return values.map(String.init).joined(separator: ", ") }
        return "\(values.first!) to \(values.last!) in steps of \(values[1] - values[0])"
    }
}

/// CloudWatch Logs `retentionInDays` values, from the logs model.
public enum LogRetention {
    public static let allowedDays = [
        1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
    ]

    /// The smallest allowed retention that covers `ttl`, so logs do not outlive their environment
    /// by more than one step (seed #18).
    public static func covering(_ ttl: TTL) -> Int {
        let days = (ttl.seconds + 86_399) / 86_400
        return allowedDays.first { $0 >= days } ?? allowedDays.last!
    }

    public static func check(_ days: Int) -> RetentionError? {
        allowedDays.contains(days) ? nil : .value(days)
    }
}

public enum RetentionError: DiagnosticConvertible, Equatable {
    case value(Int)
    public var code: String { "logs.retention" }
    public var message: String {
        guard case .value(let days) = self else { return "" }
        return "log_retention_days \(days) is not a CloudWatch value; expected one of "
            + LogRetention.allowedDays.prefix(12).map(String.init).joined(separator: ", ") + ", …"
    }
}

/// Container-level limits shared by config validation and tfvars.
public enum ContainerRules {
    public static let portRange = 1...65_535

    /// ECS environment variable names: a letter or `_`, then letters, digits or `_`.
    public static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || isLetter(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || isLetter($0) || ("0"..."9").contains($0) }
    }

    private static func isLetter(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s)
    }
}
