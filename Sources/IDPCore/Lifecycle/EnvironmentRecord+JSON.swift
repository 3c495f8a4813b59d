import Foundation

extension EnvironmentRecord {
    /// Decodes `metadata.json`, turning every way it can be broken into a `RecordError`, so
    /// an unreadable record is reported and never mistaken for an expired one.
    public static func decode(_ data: [UInt8]) -> Result<EnvironmentRecord, RecordError> {
        struct Version: Decodable { var schema_version: Int? }
        let bytes = Data(data)
        if let version = try? JSONDecoder().decode(Version.self, from: bytes).schema_version,
            version > currentSchemaVersion
        {
            return .failure(.schema(version))
        }
        do {
            return .success(try JSONDecoder().decode(EnvironmentRecord.self, from: bytes))
        } catch let DecodingError.keyNotFound(key, _) {
            return .failure(.unreadable("missing field \(quoted(key.stringValue))"))
        } catch let DecodingError.dataCorrupted(context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return .failure(.unreadable(field.isEmpty ? "not valid JSON" : "field \(quoted(field)): \(context.debugDescription)"))
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            return .failure(.unreadable("field \(quoted(context.codingPath.map(\.stringValue).joined(separator: "."))) has the wrong type"))
        } catch {
            return .failure(.unreadable("\(error)"))
        }
    }

    /// The JSON document written to S3: sorted keys, so diffs between versions are readable.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        // Encoding plain strings and numbers cannot fail.
        return String(decoding: try! encoder.encode(self), as: UTF8.self) + "\n"
    }
}
