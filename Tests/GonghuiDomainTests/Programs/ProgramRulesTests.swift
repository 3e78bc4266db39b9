import GonghuiDomain
import Testing

@Suite("Program rules")
struct ProgramRulesTests {
    static let start = CivilDate(year: 2027, month: 1, day: 10)!
    static let end = CivilDate(year: 2027, month: 2, day: 10)!

    @Test func aProgramCodeIsShortASCIIAndANameIsGiven() {
        #expect(AssistanceProgram.problems(code: "SNW-2027", name: "送温暖").isEmpty)
        #expect(AssistanceProgram.problems(code: "送温暖", name: "送温暖").map(\.field) == ["code"])
        #expect(AssistanceProgram.problems(code: String(repeating: "A", count: 33), name: "x").map(\.field) == ["code"])
        #expect(AssistanceProgram.problems(code: "", name: "").map(\.field) == ["code", "name"])
        #expect(AssistanceProgram.problems(code: "A", name: String(repeating: "字", count: 51)).map(\.field) == ["name"])
    }

    @Test func aCycleNeedsANameDatesInOrderAndABudget() {
        let rules = GrantRules.preset(.warmth)
        #expect(ProgramCycle.openingProblems(name: "2027年春节送温暖", startsOn: Self.start, endsOn: Self.end, budget: Money(yuan: 1), rules: rules).isEmpty)
        let bad = ProgramCycle.openingProblems(name: "  ", startsOn: Self.end, endsOn: Self.start, budget: .zero, rules: rules)
        #expect(bad.map(\.field) == ["name", "ends_on", "budget"])
        #expect(!ProgramCycle.openingProblems(name: "x", startsOn: Self.start, endsOn: Self.end, budget: Money(yuan: 1), rules: GrantRules([])).isEmpty)
    }

    static func cycle(owner: String, open: Bool = true) -> ProgramCycle {
        ProgramCycle(id: 1, programCode: "SNW", programName: "送温暖", kind: .warmth, name: "2027年春节送温暖", startsOn: start, endsOn: end, isOpen: open,
                     rules: .preset(.warmth), ownerOrgCode: "HB", ownerOrgName: "湖北省总工会", ownerOrgPath: owner)
    }

    @Test func aCycleTakesApplicationsOnlyWhileOpenAndWithinItsDates() {
        let c = Self.cycle(owner: "/1/")
        #expect(c.accepts(on: Self.start) && c.accepts(on: Self.end))
        #expect(!c.accepts(on: Self.start.adding(days: -1)) && !c.accepts(on: Self.end.adding(days: 1)))
        #expect(!Self.cycle(owner: "/1/", open: false).accepts(on: Self.start))
    }

    @Test func onlyTheOwnerOrAUnionAboveClosesACycleAndASiblingsIsNotItsConcern() {
        let county = Scope(path: "/1/2/3/"), province = Scope(path: "/1/"), sibling = Scope(path: "/1/2/4/")
        let countyCycle = Self.cycle(owner: "/1/2/3/"), provinceCycle = Self.cycle(owner: "/1/")
        #expect(countyCycle.closingRefusal(for: county) == nil && countyCycle.closingRefusal(for: province) == nil)
        #expect(provinceCycle.closingRefusal(for: county)?.contains("湖北省总工会") == true)
        #expect(county.concerns(path: provinceCycle.ownerOrgPath) && province.concerns(path: countyCycle.ownerOrgPath))
        #expect(!sibling.concerns(path: countyCycle.ownerOrgPath))
        // A path that merely starts with the same digits is another union.
        #expect(!Scope(path: "/1/2/3/").concerns(path: "/1/2/30/") && !Scope(path: "/1/2/30/").concerns(path: "/1/2/3/"))
    }

    @Test func eachStepStartsFromItsStatesAndARefusalSaysWhy() {
        #expect(GrantStep.review.refusal(from: .submitted) == nil)
        #expect(GrantStep.approve.refusal(from: .reviewed) == nil)
        #expect(GrantStep.reject(reason: "收入超标").refusal(from: .submitted) == nil)
        #expect(GrantStep.reject(reason: "收入超标").refusal(from: .reviewed) == nil)
        for state in GrantState.allCases where state != .submitted {
            #expect(GrantStep.review.refusal(from: state) != nil, "review from \(state)")
        }
        for state in GrantState.allCases where state != .reviewed {
            #expect(GrantStep.approve.refusal(from: state) != nil, "approve from \(state)")
        }
        #expect(GrantStep.reject(reason: "x").refusal(from: .approved) == .wrongState("申请当前为“\(GrantState.approved.title)”，不能退回"))
        #expect(GrantStep.reject(reason: " \n").refusal(from: .submitted) == .missingReason)
    }

    @Test func aBankResultIsAppliedOnceDatedWithinTheBatchAndAFailureSaysWhy() {
        let made = CivilDate(year: 2027, month: 1, day: 20)!, today = CivilDate(year: 2027, month: 1, day: 25)!
        func check(_ r: BankResult, _ current: String = "pending") -> BankResultCheck { r.check(current: current, batchMadeOn: made, today: today) }
        #expect(check(BankResult(row: 2, reference: "R1", paid: true)) == .apply)
        #expect(check(BankResult(row: 2, reference: "R1", paid: true, on: made.adding(days: -1))) == .apply)
        #expect(check(BankResult(row: 2, reference: "R1", paid: true), "paid") == .alreadyRecorded)
        #expect(check(BankResult(row: 2, reference: "R1", paid: false, reason: "销户"), "failed") == .alreadyRecorded)
        if case .refused(_, let why) = check(BankResult(row: 2, reference: "R1", paid: false, reason: "x"), "paid") { #expect(why.contains("不能改为")) } else { Issue.record("a paid line turned failed") }
        if case .refused(let v, _) = check(BankResult(row: 2, reference: "R1", paid: true, on: today.adding(days: 1))) { #expect(v == today.adding(days: 1).iso) } else { Issue.record("a future date") }
        if case .refused = check(BankResult(row: 2, reference: "R1", paid: true, on: made.adding(days: -2))) {} else { Issue.record("a date before the batch") }
        if case .refused(_, let why) = check(BankResult(row: 2, reference: "R1", paid: false, reason: "  ")) { #expect(why.contains("失败原因")) } else { Issue.record("a failure without a reason") }
    }

    @Test func aPaymentAccountChangeNeedsASecondAdministratorOfThePayingUnion() {
        func decide(_ approver: String, _ role: Role, _ path: String?) -> String? {
            PaymentAccountChange.decide(proposer: "reviewer.k", approver: approver, approverRole: role, approverOrgPath: path, budgetOrgPath: "/1/2/3/")
        }
        #expect(decide("admin.k", .orgAdmin, "/1/2/3/") == nil)
        #expect(decide("root", .systemAdmin, "/1/") == nil)
        #expect(decide("system:cli", .systemAdmin, nil) == nil)
        #expect(decide("reviewer.k", .orgAdmin, "/1/2/3/") != nil, "the proposer cannot approve")
        #expect(decide("reviewer.x", .reviewer, "/1/2/3/") != nil, "a reviewer cannot approve")
        #expect(decide("admin.city", .orgAdmin, "/1/2/") != nil, "only the paying union's administrator")
        #expect(decide("root.other", .systemAdmin, "/1/9/") != nil, "a system administrator of another subtree")
    }
}
