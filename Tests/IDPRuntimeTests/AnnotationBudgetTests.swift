import Foundation
import IDPCore
import Testing
@testable import IDPRuntime

@Suite struct AnnotationBudgetTests {
    @Test func tenPerTypeThenNone() {
        var budget = AnnotationBudget(path: nil)
        let taken = (0..<11).map { _ in budget.take(.error) }
        #expect(taken == Array(repeating: true, count: 10) + [false])
        let warning = budget.take(.warning)
        #expect(warning)
    }

    @Test func aBudgetFileIsSharedAcrossProcesses() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("budget-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var first = AnnotationBudget(path: path)
        for _ in 0..<7 { _ = first.take(.error) }
        first.save()
        var second = AnnotationBudget(path: path)
        let taken = (0..<4).map { _ in second.take(.error) }
        #expect(taken == [true, true, true, false])
    }

    @Test func contextTreatsEmptyVariablesAsUnset() {
        let context = ActionsContext(environment: ["IDP_TTL": "", "IDP_X": "7d", "GITHUB_ACTIONS": "true"])
        #expect(context.isActions)
        #expect(context.resolve(nil, "IDP_TTL", "IDP_X") == "7d")
        #expect(context.resolve("2h", "IDP_X") == "2h")
        #expect(context.resolve("", "IDP_TTL") == nil)
    }
}
