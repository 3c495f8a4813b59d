import Testing
@testable import IDPCore

/// Sections written after the sticky comment: replaced in place, never duplicated, never able to
/// carry HTML or a mention out of a commenter's words.
@Suite struct PRCommentSectionsTests {
    static let body = PRComment(environment: try! EnvironmentName("preview-pay"), status: .ready, endpoint: "https://x.example.com")
        .body(now: Timestamp(iso8601: "2026-12-01T10:00:00Z")!)

    @Test func aSectionIsAddedReplacedAndRemoved() {
        let once = PRComment.replacingSection(.command, with: "first", in: Self.body)
        #expect(once.hasPrefix(Self.body.trimmingWhitespace) && once.hasSuffix("---\n<!-- mini-idp:section:command -->\nfirst\n"))
        let twice = PRComment.replacingSection(.command, with: "second\nline", in: once)
        #expect(!twice.contains("first") && twice.components(separatedBy: PRComment.Section.command.marker).count == 2)
        #expect(PRComment.replacingSection(.command, with: "second\nline", in: twice) == twice, "idempotent: an unchanged comment is not written")
        #expect(PRComment.replacingSection(.command, with: nil, in: twice) == Self.body.trimmingWhitespace + "\n")
    }

    @Test func sectionsKeepEachOther() {
        let both = PRComment.replacingSection(.expiryWarning, with: "warning",
                                              in: PRComment.replacingSection(.command, with: "answer", in: Self.body))
        let replaced = PRComment.replacingSection(.command, with: "new answer", in: both)
        #expect(replaced.contains("warning") && replaced.contains("new answer") && !replaced.contains("\nanswer"))
        let removed = PRComment.replacingSection(.command, with: nil, in: both)
        #expect(removed == PRComment.replacingSection(.expiryWarning, with: "warning", in: Self.body))
        #expect(PRComment.isMarked(removed, for: try! EnvironmentName("preview-pay")), "the marker stays the first line")
    }

    @Test func quotedWordsCannotOpenHTMLMentionOrLink() {
        let quoted = PRComment.quotedText("/preview extend <!-- mini-idp:section:command --> @team [x](https://evil) acme/shop#1")
        #expect(!quoted.contains("<!--") && !quoted.contains("@t") && quoted.contains(#"\[x](https"#), "\(quoted)")
        #expect(quoted.hasPrefix("> ") && !quoted.contains("\n") && !quoted.contains("#1") && !quoted.contains("https://"))
    }

    @Test func answersNameTheCommenterAndTheOutcome() {
        let refused = PreviewCommand.refusal(login: "rita", permission: "read", headRepository: "acme/shop", repository: "acme/shop", open: true)
        #expect(refused?.text == #"@rita has "read" permission on this repository; commands need write, maintain or admin. Nothing was changed."#)
        #expect(PreviewCommand.refusal(login: "alice", permission: "admin", headRepository: "mallory/shop", repository: "acme/shop", open: true)
                == .fork(head: "mallory/shop"))
        #expect(PreviewCommand.refusal(login: "alice", permission: "admin", headRepository: nil, repository: "acme/shop", open: true) == .fork(head: nil))
        #expect(PreviewCommand.refusal(login: "alice", permission: "admin", headRepository: "Acme/Shop", repository: "acme/shop", open: false) == .closed)
        #expect(PreviewCommand.refusal(login: "walt", permission: "write", headRepository: "acme/shop", repository: "acme/shop", open: true) == nil)
        let answer = PreviewCommand.answer(login: "walt", comment: "/preview extend 3d\nplease", outcome: "done", refused: false)
        #expect(answer == "**👍 Done** — @walt asked:\n> /preview extend 3d\n\ndone")
    }
}
