import Testing
@testable import IDPCore

@Suite struct TofuOutputsTests {
    func decode(_ text: String) throws -> JSONValue {
        try JSONValue.parse(text)
    }

    @Test func readsTheNestedValueForm() throws {
        let outputs = try TofuOutputs(json: decode("""
            {"endpoint": {"sensitive": false, "type": "string", "value": "https://preview-x.example.com"},
             "db": {"sensitive": true, "type": ["object", {}], "value": {"password": "s3cr3t", "port": 5432}},
             "ports": {"sensitive": false, "type": ["list", "number"], "value": [80, 443]}}
            """))
        #expect(outputs.string("endpoint") == "https://preview-x.example.com")
        #expect(outputs.string("ports") == "[80,443]")
        #expect(outputs.secretStrings == ["s3cr3t", "5432"])
    }

    @Test func theFlatFormOfTheFirstPlatformIsRejectedByName() throws {
        #expect(throws: OutputsError.flatEntry("endpoint")) { try TofuOutputs(json: decode(#"{"endpoint": "http://x"}"#)) }
        #expect(throws: OutputsError.notAnObject) { try TofuOutputs(json: decode("[]")) }
    }

    @Test func jsonWriterIsSortedAndEscaped() {
        let value = JSONValue.object(["b": .int(1), "a": .array([.string("x\n\"y\""), .null, .bool(true), .number(1.5)])])
        #expect(value.rendered(pretty: false) == #"{"a":["x\n\"y\"",null,true,1.5],"b":1}"#)
        #expect(JSONValue.object([:]).rendered() == "{}")
    }
}
