import GonghuiDomain
import Testing

/// The rules of assistance programs with the issue's own amounts.
@Suite("Grant rules")
struct GrantRulesTests {
    @Test func warmthGivesByCategory() {
        let rules = GrantRules.preset(.warmth)
        #expect(rules.decide(GrantFacts(archiveFiled: true, category: .deep)).amount == Money(yuan: 2000))
        #expect(rules.decide(GrantFacts(archiveFiled: true, category: .relative)).amount == Money(yuan: 1000))
        #expect(rules.decide(GrantFacts(archiveFiled: true, category: .accident)).amount == Money(yuan: 1500))
        // A category without a filed archive (still being built) gives nothing.
        let building = rules.decide(GrantFacts(archiveFiled: false, category: .deep))
        #expect(!building.isEligible && building.amount == .zero && building.explanation.count == 3)
        #expect(building.explanation[0].contains("✗ 困难职工档案在档：否"))
    }

    @Test func schoolAidByTheSchoolAdmitted() {
        let rules = GrantRules.preset(.schoolAid)
        let university = rules.decide(GrantFacts(archiveFiled: true, category: .relative, childAdmission: .university))
        #expect(university.amount == Money(yuan: 5000) && university.ruleName == "子女考入普通本科")
        let vocational = rules.decide(GrantFacts(archiveFiled: true, category: .relative, childAdmission: .vocational))
        #expect(vocational.amount == Money(yuan: 3000))
        #expect(vocational.explanation.count == 2 && vocational.explanation[0].contains("不适用"))
        #expect(!rules.decide(GrantFacts(archiveFiled: true, category: .deep)).isEligible)
    }

    @Test func seriousIllnessIsAShareUpToTheCap() {
        let rules = GrantRules.preset(.seriousIllness)
        // 30% of the costs, at most 20,000 yuan, for listed illnesses above 20,000 yuan.
        let exactly = rules.decide(GrantFacts(illness: "尿毒症", outOfPocket: Money(yuan: 20_000)))
        #expect(!exactly.isEligible)
        let above = rules.decide(GrantFacts(illness: "尿毒症", outOfPocket: Money(fen: 2_000_001)))
        #expect(above.amount == Money(fen: 600_000) && above.explanation.last?.contains("20000.01") == true)
        let capped = rules.decide(GrantFacts(illness: "恶性肿瘤", outOfPocket: Money(yuan: 90_000)))
        #expect(capped.amount == Money(yuan: 20_000) && capped.explanation.last?.contains("封顶") == true)
        #expect(!rules.decide(GrantFacts(illness: "感冒", outOfPocket: Money(yuan: 90_000))).isEligible)
        #expect(!rules.decide(GrantFacts(isMember: false, illness: "尿毒症", outOfPocket: Money(yuan: 90_000))).isEligible)
    }

    @Test func rulesAreCheckedForSense() {
        #expect(GrantRules([]).problems == ["至少需要一条规则"])
        let bad = GrantRules([GrantRule(name: "", conditions: [GrantCondition(.category, categories: [])], amount: .share(percent: 0, cap: .zero))])
        #expect(bad.problems.count == 4)
        for kind in ProgramKind.allCases { #expect(GrantRules.preset(kind).problems.isEmpty) }
    }
}
