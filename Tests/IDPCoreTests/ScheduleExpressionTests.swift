import Testing
@testable import IDPCore

@Suite struct ScheduleExpressionTests {
    @Test(arguments: ScheduleExpression.validExamples + [
        "rate(1 minute)", "rate(2 days)", "cron(0 0 1 JAN-DEC ? 2030)", "cron(0 9 15W * ? *)",
        "cron(0 9 LW * ? *)", "cron(0 9 ? * 6L *)", "cron(5,10,15 1-5 ? * SUN,SAT 2026-2199)", "cron(0 18 ? * mon-fri *)",
    ])
    func acceptsValid(_ text: String) {
        #expect(throws: Never.self) { try ScheduleExpression.parse(text) }
    }

    @Test(arguments: ScheduleExpression.invalidExamples)
    func rejectsInvalidExamples(_ text: String) {
        #expect(throws: ScheduleError.self) { try ScheduleExpression.parse(text) }
    }

    @Test(arguments: [
        ("rate(1 hours)", "schedule.rate-unit"),
        ("rate(5 hour)", "schedule.rate-unit"),
        ("rate(5 weeks)", "schedule.rate-unit"),
        ("rate(-5 minutes)", "schedule.rate"),
        ("rate(٥ minutes)", "schedule.rate"),
        ("rate(5  minutes)", "schedule.rate"),
        ("cron(0 12 * * * *)", "schedule.cron-question-mark"),
        ("cron(0 12 ? * ? *)", "schedule.cron-question-mark"),
        ("cron(60 * * * ? *)", "schedule.cron-field"),
        ("cron(0 12 32 * ? *)", "schedule.cron-field"),
        ("cron(0 12 ? 13 MON *)", "schedule.cron-field"),
        ("cron(0 12 ? * 1#6 *)", "schedule.cron-field"),
        ("cron(0 12 ? * 1#1,2#2 *)", "schedule.cron-field"),
        ("cron(0 12 ? * 5-2 *)", "schedule.cron-field"),
        ("cron(0/0 * * * ? *)", "schedule.cron-field"),
        ("cron(? 12 * * ? *)", "schedule.cron-field"),
        ("cron(0 12 * * ? 1969)", "schedule.cron-field"),
        ("cron(0 12 * * ?)", "schedule.cron-fields"),
        ("at(2026-01-01T00:00:00)", "schedule.form"),
        ("cron(" + String(repeating: "0 ", count: 200) + ")", "schedule.length"),
    ])
    func reportsTheRuleBroken(_ text: String, _ code: String) {
        do {
            _ = try ScheduleExpression.parse(text)
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.code == code, "\(error.message)")
        }
    }

    @Test func messagesNameTheField() {
        do { _ = try ScheduleExpression.parse("cron(0 24 * * ? *)") } catch {
            #expect(error.message == #"schedule "cron(0 24 * * ? *)": hours "24": "24" is not in 0-23"#)
        }
    }
}
