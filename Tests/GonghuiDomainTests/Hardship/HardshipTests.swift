import Testing
@testable import GonghuiDomain

@Suite("Hardship categories (DOMAIN.md §4)")
struct HardshipTests {
    private func date(_ s: String) -> CivilDate { try! CivilDate(parsing: s) }
    private func yuan(_ s: String) -> Money { try! Money(parsingYuan: s) }

    /// A line of 800 yuan a month per person: for three people the line is 28,800 yuan a year
    /// after rigid expenses, twice the line 57,600.
    private let line = SubsistenceLine(regionCode: "420102", effectiveFrom: CivilDate(year: 2025, month: 1, day: 1)!, monthly: Money(yuan: 800))

    private func assess(income: String, rigid: String, size: Int, sudden: String = "0") -> HardshipAssessment {
        HardshipAssessment.assess(HouseholdFinances(annualIncome: yuan(income), rigidExpenses: yuan(rigid), householdSize: size,
                                                    suddenCosts: yuan(sudden)), line: line)
    }

    @Test func belowTheLineIsDeepAndOnItIsRelative() {
        let below = assess(income: "40000", rigid: "11200.01", size: 3)
        #expect(below.category == .deep)
        #expect(below.perCapitaMonthly == yuan("799.99"))
        let on = assess(income: "40000", rigid: "11200", size: 3)
        #expect(on.category == .relative)
        #expect(on.perCapitaMonthly == Money(yuan: 800))
    }

    @Test func belowTwiceTheLineIsRelativeAndOnItIsNeither() {
        #expect(assess(income: "57599.99", rigid: "0", size: 3).category == .relative)
        let on = assess(income: "57600", rigid: "0", size: 3)
        #expect(on.category == nil)
        #expect(on.perCapitaMonthly == Money(yuan: 1600))
        #expect(on.steps.last?.contains("不符合") == true)
    }

    @Test func suddenCostsAboveEightyPercentOfIncomeAreAccident() {
        // 60,000 a year for one person is far above twice the line; 80% of it is 48,000.
        #expect(assess(income: "60000", rigid: "0", size: 1, sudden: "48000").category == nil)
        let hit = assess(income: "60000", rigid: "0", size: 1, sudden: "48000.01")
        #expect(hit.category == .accident)
        #expect(hit.steps.last?.contains("48000.00") == true)
        // Income below the line stays 深度 whatever the sudden costs.
        #expect(assess(income: "9000", rigid: "0", size: 1, sudden: "9000").category == .deep)
    }

    @Test func aDeficitIsDeepAndRoundsDown() {
        let a = assess(income: "1000", rigid: "2000.01", size: 2)
        #expect(a.category == .deep)
        // −1,000.01 ÷ 24 = −41.667: rounded down to −41.67, never up to −41.66.
        #expect(a.perCapitaMonthly == yuan("-41.67"))
        #expect(a.steps.first == "家庭年可支配收入 1000.00 元 − 刚性支出 2000.01 元 = -1000.01 元")
    }

    @Test func theLineIsTheMostSpecificRegionsInForce() {
        let table = SubsistenceTable([
            SubsistenceLine(regionCode: "420000", effectiveFrom: date("2024-01-01"), monthly: Money(yuan: 700)),
            SubsistenceLine(regionCode: "420100", effectiveFrom: date("2024-07-01"), monthly: Money(yuan: 900)),
            SubsistenceLine(regionCode: "420100", effectiveFrom: date("2023-07-01"), monthly: Money(yuan: 850)),
            SubsistenceLine(regionCode: "420102", effectiveFrom: date("2025-01-01"), monthly: Money(yuan: 1000)),
        ])
        #expect(table.line(for: "420102", on: date("2025-03-01"))?.monthly == Money(yuan: 1000))
        #expect(table.line(for: "420102", on: date("2024-12-31"))?.monthly == Money(yuan: 900))
        #expect(table.line(for: "420102", on: date("2024-06-30"))?.monthly == Money(yuan: 850))
        #expect(table.line(for: "420202", on: date("2024-06-30"))?.monthly == Money(yuan: 700))
        #expect(table.line(for: "420202", on: date("2023-12-31")) == nil)
        #expect(table.line(for: "4201", on: date("2025-03-01")) == nil)
    }

    @Test func oneMainCauseAndAtMostThreeSecondary() {
        #expect(HardshipCauses(main: .majorIllness, secondary: [.laidOff, .childrensSchooling, .other]).problems.isEmpty)
        #expect(HardshipCauses(main: .majorIllness, secondary: [.laidOff, .childrensSchooling, .other, .accident]).problems.count == 1)
        #expect(HardshipCauses(main: .majorIllness, secondary: [.majorIllness]).problems.map(\.reason) == ["次要致困原因不能与主要致困原因（本人或家属患大病）相同"])
        #expect(HardshipCauses(main: .other, secondary: [.laidOff, .laidOff]).problems
                == [FieldProblem(field: "secondary_causes", value: "下岗、下岗", reason: "次要致困原因有重复")])
        #expect(HardshipCause.allCases.map(\.rawValue) == Array(1...10))
    }

    @Test func migrantWorkersNeedMoreThanOneYearOfLaborRelation() {
        let since = date("2024-03-01")
        #expect(!isHardshipMigrantWorker(category: .relative, isMigrant: true, livesInCity: true, laborRelationSince: since, on: date("2025-03-01")))
        #expect(isHardshipMigrantWorker(category: .relative, isMigrant: true, livesInCity: true, laborRelationSince: since, on: date("2025-03-02")))
        #expect(!isHardshipMigrantWorker(category: nil, isMigrant: true, livesInCity: true, laborRelationSince: since, on: date("2026-01-01")))
        #expect(!isHardshipMigrantWorker(category: .deep, isMigrant: true, livesInCity: false, laborRelationSince: since, on: date("2026-01-01")))
    }

    @Test func figuresAreChecked() {
        #expect(HouseholdFinances(annualIncome: Money(yuan: -1), rigidExpenses: .zero, householdSize: 0).problems.map(\.field) == ["household_size", "annual_income"])
        #expect(HardshipCategory(parsing: "深度困难") == .deep)
        #expect(HardshipCategory(parsing: "相对") == .relative)
        #expect(HardshipCategory(parsing: "accident") == .accident)
        #expect(HardshipCategory(parsing: "困难") == nil)
    }
}
