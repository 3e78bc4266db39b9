import Foundation
@testable import GonghuiDomain
import Testing

/// The supervision's clocks and worklist word with the law's numbers: 15 working days on the
/// State Council's 2026 holiday notice, a province's own rule from a date, and the next letter
/// proposed the day after the last day, not on it.
@Suite("Labor-law supervision clocks")
struct SupervisionClockTests {
    static func date(_ s: String) -> CivilDate { try! CivilDate(parsing: s) }

    static func letter(_ kind: SupervisionLetterKind, issued: String, due: CivilDate?, answered: (String, SupervisionAnswerResult)? = nil, id: Int64 = 1) -> SupervisionLetter {
        SupervisionLetter(id: id, kind: kind, number: kind.number(year: 2026, sequence: Int(id)), issuedOn: date(issued), dueOn: due, recipient: "武汉某建筑劳务有限公司",
                          violation: "拖欠工资", legalBasis: "《劳动法》第五十条", correction: "足额支付", issuedBy: "张三",
                          answeredOn: answered.map { date($0.0) }, answerResult: answered?.1, answer: answered.map { _ in "答复" })
    }

    static func matter(_ letters: [SupervisionLetter], state: SupervisionState = .open) -> SupervisionMatter {
        SupervisionMatter(id: 1, matterNo: "JD2026-000001", orgID: 1, orgCode: "JA", orgName: "江岸区总工会", employerName: "武汉某建筑劳务有限公司",
                          employerCreditCode: "91420102MA4KXXXX1X", caseID: nil, caseNo: nil, violation: "拖欠 46 名职工工资", legalBasis: "《劳动法》第五十条",
                          correction: "足额支付拖欠工资", laborDepartment: "江岸区人力资源和社会保障局", openedOn: letters.first?.issuedOn ?? date("2026-09-01"),
                          state: state, closedOn: nil, decision: nil, decisionNote: nil, letters: letters, version: 1)
    }

    @Test func theFifteenthWorkingDayCountsAcrossMidAutumnAndNationalDay() {
        let policy = PolicyBook(SupervisionPolicy.defaults.rules)
        // Issued Tuesday 22 September 2026: 23, 24 (25–27 中秋), 28, 29, 30 (1–7 October 国庆),
        // 8, 9, 10 (Saturday, 调休上班), 12–16, 19, 20 — the 15th working day is 20 October.
        #expect(SupervisionPolicy.answerDue(.opinion, issuedOn: Self.date("2026-09-22"), policy: policy) == Self.date("2026-10-20"))
        #expect(SupervisionPolicy.answerDue(.reminder, issuedOn: Self.date("2026-09-22"), policy: policy) == Self.date("2026-10-20"))
        // Without the holidays it would be 13 October; a proposal has no answer clock.
        #expect(PolicyBook(SupervisionPolicy.defaults.rules, calendar: HolidayCalendar([])).end(of: SupervisionPolicy.defaults.rules[1], from: Self.date("2026-09-22")) == Self.date("2026-10-13"))
        #expect(SupervisionPolicy.answerDue(.proposal, issuedOn: Self.date("2026-09-22"), policy: policy) == nil)
    }

    @Test func aProvinceRuleFromADateLeavesEarlierLettersOnTheirClock() {
        let policy = PolicyBook(SupervisionPolicy.defaults.rules).merging([
            PolicyRule(key: SupervisionPolicy.opinionAnswerDays, value: 10, effectiveFrom: Self.date("2026-10-01"), source: "本省工会劳动法律监督实施细则：10 日", workingDays: false),
        ])
        // 30 September: 8, 9, 10 (调休), 12–16, 19–23, 26, 27 October — the 15th working day.
        #expect(SupervisionPolicy.answerDue(.opinion, issuedOn: Self.date("2026-09-30"), policy: policy) == Self.date("2026-10-27"))
        #expect(SupervisionPolicy.answerDue(.opinion, issuedOn: Self.date("2026-10-09"), policy: policy) == Self.date("2026-10-19"))
        // The reminder keeps the shipped rule: 10 (调休), 12–16, 19–23, 26–29 October.
        #expect(SupervisionPolicy.answerDue(.reminder, issuedOn: Self.date("2026-10-09"), policy: policy) == Self.date("2026-10-29"))
    }

    @Test func theNextLetterIsProposedTheDayAfterTheLastDay() {
        let due = Self.date("2026-10-20")
        let m = Self.matter([Self.letter(.reminder, issued: "2026-09-22", due: due)])
        #expect(m.nextStep(today: Self.date("2026-10-20")) == .awaitingAnswer(due: due, daysLeft: 0))
        #expect(m.nextStep(today: Self.date("2026-10-21")) == .propose(.opinion, because: .notAnswered(due: due, daysLate: 1)))
        #expect(m.issuable == [.opinion])
        // Answered but only partly corrected: the opinion is proposed at once; corrected: nothing.
        let partly = Self.matter([Self.letter(.reminder, issued: "2026-09-22", due: due, answered: ("2026-10-10", .partly))])
        #expect(partly.nextStep(today: Self.date("2026-10-11")) == .propose(.opinion, because: .notCorrected(.partly)))
        let fixed = Self.matter([Self.letter(.reminder, issued: "2026-09-22", due: due, answered: ("2026-10-10", .corrected))], state: .corrected)
        #expect(fixed.nextStep(today: Self.date("2026-12-01")) == nil && fixed.issuable.isEmpty)
        // After an opinion, the proposal; once referred, the labor department's decision is awaited.
        let opinion = Self.matter([Self.letter(.reminder, issued: "2026-09-22", due: due),
                                   Self.letter(.opinion, issued: "2026-10-21", due: Self.date("2026-11-11"), id: 2)])
        #expect(opinion.nextStep(today: Self.date("2026-11-12")) == .propose(.proposal, because: .notAnswered(due: Self.date("2026-11-11"), daysLate: 1)))
        #expect(opinion.issuable == [.proposal])
        let referred = Self.matter(opinion.letters + [Self.letter(.proposal, issued: "2026-11-12", due: nil, id: 3)], state: .referred)
        #expect(referred.nextStep(today: Self.date("2026-11-22")) == .awaitingDecision(since: Self.date("2026-11-12"), days: 10) && referred.issuable.isEmpty)
    }

    @Test func theLettersSayWhatTheRecordSays() {
        let reminder = Self.letter(.reminder, issued: "2026-09-22", due: Self.date("2026-10-20"))
        let opinion = Self.letter(.opinion, issued: "2026-10-21", due: Self.date("2026-11-11"), id: 2)
        let proposal = SupervisionLetter(id: 3, kind: .proposal, number: "工监建〔2026〕3号", issuedOn: Self.date("2026-11-12"), dueOn: nil,
                                         recipient: "江岸区人力资源和社会保障局", violation: "拖欠工资", legalBasis: "《劳动法》第五十条", correction: "足额支付",
                                         issuedBy: "张三", answeredOn: nil, answerResult: nil, answer: nil)
        let m = Self.matter([reminder, opinion, proposal], state: .referred)
        let text = { (d: SupervisionDocument) in d.blocks.map { "\($0)" }.joined(separator: "\n") }
        let o = SupervisionDocument.compose(opinion, of: m)
        #expect(o.title == "工会劳动法律监督意见书" && o.number == "工监意〔2026〕2号")
        #expect(text(o).contains("工监提〔2026〕1号") && text(o).contains("你单位未在期限内书面答复") && text(o).contains("2026年11月11日前"))
        #expect(o.blocks.contains(.signatures(["江岸区总工会劳动法律监督委员会（盖章）", "2026年10月21日"])))
        let p = SupervisionDocument.compose(proposal, of: m)
        #expect(p.blocks[1] == .paragraph("江岸区人力资源和社会保障局：") && text(p).contains("工监意〔2026〕2号") && text(p).contains("该单位逾期未作答复"))
        #expect(!text(p).contains("送达回执") && text(o).contains("送达回执"))
        // The record's text reads as a sentence whether or not it was typed with its full stop.
        #expect(text(p).contains("责令其改正（足额支付），并请将处理结果函告本会。") && text(p).contains("违法情形：拖欠工资。本会已于"))
    }
}
