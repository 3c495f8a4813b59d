extension EnvironmentRecord {
    /// Decodes `metadata.json`, turning every way it can be broken into a `RecordError`, so an
    /// unreadable record is reported and never mistaken for an expired one.
    public static func decode(_ bytes: [UInt8]) -> Result<EnvironmentRecord, RecordError> {
        let json: JSONValue
        do { json = try JSONValue.parse(bytes) } catch { return .failure(.unreadable(error.message)) }
        do { return .success(try EnvironmentRecord(json: json)) } catch { return .failure(error) }
    }

    /// Reads a record from its JSON form, naming the first field that is missing or wrong.
    public init(json: JSONValue) throws(RecordError) {
        guard case .object(let fields) = json else { throw .unreadable("not a JSON object") }
        let reader = FieldReader(fields: fields)
        schemaVersion = try reader.int("schema_version")
        guard schemaVersion <= Self.currentSchemaVersion else { throw .schema(schemaVersion) }
        name = try reader.parse("name") { (t) throws(NameError) in try EnvironmentName(t) }
        template = try reader.parse("template") { (t) throws(TemplateError) in try TemplateName.parse(t) }
        owner = try reader.string("owner")
        repository = try reader.string("repository")
        branch = try reader.string("branch")
        pullRequest = try reader.optionalInt("pr_number")
        image = try reader.optionalString("image")
        ttl = try reader.string("ttl")
        createdAt = try reader.timestamp("created_at")
        expiresAt = try reader.timestamp("expires_at")
        status = try reader.parse("status") { (t) throws(RecordError) in
            guard let s = Status(rawValue: t) else { throw .unreadable("unknown status \(quoted(t))") }
            return s
        }
        statusChangedAt = try reader.timestamp("status_changed_at")
        destroyAttempts = try reader.optionalInt("destroy_attempts") ?? 0
        destroyFailures = try reader.optionalInt("destroy_failures") ?? 0
        costPerHour = try reader.optionalNumber("cost_per_hour")
        sleepablePerHour = try reader.optionalNumber("sleepable_per_hour")
        deployedCommit = try reader.optionalString("deployed_commit")
        expiryWarnedFor = try reader.optionalString("expiry_warned_for") == nil ? nil : try reader.timestamp("expiry_warned_for")
        if case .bool(let b)? = fields["sleeps"] { sleeps = b }
        if case .object(let state)? = fields["sleep"] {
            let r = FieldReader(fields: state)
            var services: [String: Int] = [:]
            if case .object(let counts)? = state["services"] {
                for (key, value) in counts {
                    guard case .number(let n) = value, n >= 0, n <= 10_000, n.rounded() == n else { throw .unreadable("sleep.services.\(key) is not a count") }
                    services[key] = Int(n)
                }
            }
            var alarms: [String] = []
            if case .array(let names)? = state["alarms"] { alarms = names.compactMap(\.stringValue) }
            sleep = SleepState(since: try r.timestamp("since"), services: services, database: try r.optionalString("database"),
                               rule: try r.optionalString("rule"), alarms: alarms)
        }
        sleptSeconds = Int64(try reader.optionalInt("slept_seconds") ?? 0)
        sleptMonth = try reader.optionalString("slept_month")
    }

    /// The record as JSON; absent optionals are written as null so every field is always present.
    public var jsonValue: JSONValue {
        .object([
            "schema_version": .int(schemaVersion),
            "name": .string(name.rawValue),
            "template": .string(template.rawValue),
            "owner": .string(owner),
            "repository": .string(repository),
            "branch": .string(branch),
            "pr_number": pullRequest.map { .int($0) } ?? .null,
            "image": image.map { .string($0) } ?? .null,
            "ttl": .string(ttl),
            "created_at": .string(createdAt.iso8601),
            "expires_at": .string(expiresAt.iso8601),
            "status": .string(status.rawValue),
            "status_changed_at": .string(statusChangedAt.iso8601),
            "destroy_attempts": .int(destroyAttempts),
            "destroy_failures": .int(destroyFailures),
            "cost_per_hour": costPerHour.map { .number($0) } ?? .null,
            "sleepable_per_hour": sleepablePerHour.map { .number($0) } ?? .null,
            "deployed_commit": deployedCommit.map { .string($0) } ?? .null,
            "expiry_warned_for": expiryWarnedFor.map { .string($0.iso8601) } ?? .null,
            "sleeps": .bool(sleeps),
            "sleep": sleep.map { s in
                .object(["since": .string(s.since.iso8601), "services": .object(s.services.mapValues { .int($0) }),
                         "database": s.database.map { .string($0) } ?? .null, "rule": s.rule.map { .string($0) } ?? .null,
                         "alarms": .array(s.alarms.map { .string($0) })])
            } ?? .null,
            "slept_seconds": .int(Int(sleptSeconds)),
            "slept_month": sleptMonth.map { .string($0) } ?? .null,
        ])
    }

    /// The document written to S3: sorted keys, so versions diff readably.
    public var json: String { jsonValue.rendered() + "\n" }
}

/// Typed access to a JSON object's fields with errors that name the field.
struct FieldReader {
    let fields: [String: JSONValue]

    func value(_ key: String) throws(RecordError) -> JSONValue {
        guard let value = fields[key], value != .null else { throw .unreadable("missing field \(quoted(key))") }
        return value
    }

    func string(_ key: String) throws(RecordError) -> String {
        guard case .string(let s) = try value(key) else { throw .unreadable("field \(quoted(key)) is not a string") }
        return s
    }

    func optionalString(_ key: String) throws(RecordError) -> String? {
        fields[key] == nil || fields[key] == .null ? nil : try string(key)
    }

    func int(_ key: String) throws(RecordError) -> Int {
        guard case .number(let n) = try value(key), n.rounded() == n, abs(n) < 1e15 else {
            throw .unreadable("field \(quoted(key)) is not a whole number")
        }
        return Int(n)
    }

    func optionalNumber(_ key: String) throws(RecordError) -> Double? {
        guard let value = fields[key], value != .null else { return nil }
        guard case .number(let n) = value, n.isFinite, n >= 0 else { throw .unreadable("field \(quoted(key)) is not a number ≥ 0") }
        return n
    }

    func optionalInt(_ key: String) throws(RecordError) -> Int? {
        fields[key] == nil || fields[key] == .null ? nil : try int(key)
    }

    func timestamp(_ key: String) throws(RecordError) -> Timestamp {
        let text = try string(key)
        guard let t = Timestamp(iso8601: text) else { throw .unreadable("field \(quoted(key)) is not an ISO 8601 time: \(quoted(text))") }
        return t
    }

    func parse<T, E: DiagnosticConvertible>(_ key: String, _ make: (String) throws(E) -> T) throws(RecordError) -> T {
        let text = try string(key)
        do { return try make(text) } catch { throw .unreadable("field \(quoted(key)): \(error.message)") }
    }
}
