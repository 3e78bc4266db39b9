import Foundation
import GonghuiDomain
@testable import GonghuiStore
import SQLKit
import Testing

/// Legal aid in the store: the rules assessed with the rule that decided, a province's own
/// coverage, priorities from the case and the archive, the lawyer from the roster of the union or
/// above, the outcome in fen, scope and the audit.
@Suite("Legal aid")
struct LegalAidTests {
    typealias D = DisputeServiceTests
    static let day = CivilDate(year: 2026, month: 3, day: 1)!
    static let memberID = idNumber("42010219850101123")
    static let strangerID = idNumber("42010219900202345")

    static func draft(_ id: String, matter: LegalAidMatter = .arbitration, caseID: Int64? = nil, orgCode: String? = nil) throws -> LegalAidDraft {
        LegalAidDraft(name: "李师傅", idNumber: try IDNumber(id), phone: try PhoneNumber("13900001111"), matter: matter,
                      request: "调解不成，申请代理劳动仲裁，追讨三个月工资", caseID: caseID, orgCode: orgCode, appliedOn: day)
    }

    static func lawyer(_ n: Int) -> LegalAidLawyerDraft {
        LegalAidLawyerDraft(name: "王律师\(n)", firm: "湖北楚天律师事务所", licenceNo: "1420120101234567\(n)", phone: try? PhoneNumber("1380000000\(n)"), specialties: "劳动争议")
    }

    @Test(arguments: Engines.all)
    func aMemberIsEligibleAStrangerIsRefusedByTheRuleAndTheProvinceDecidesCoverage(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await D.setUp(t.store)
            _ = try await SmallTree.member(t.store, id: Self.memberID, name: "李师傅", org: "JA01")
            let county = try await SmallTree.actor(t.store, org: "JA")
            // A collective wage case of the county: priorities come from it.
            let c = try await t.store.disputes.register(try D.intake(workers: 10), allowDuplicate: true, actor: county, today: Self.day)
            let member = try await t.store.legalAid.apply(try Self.draft(Self.memberID, caseID: c.id), actor: county, today: Self.day)
            #expect(member.applicationNo == String(format: "FY2026-%06lld", member.id) && member.state == .applied && member.orgCode == "JA")
            #expect(member.assessment.eligible && member.assessment.priorities == ["集体劳动争议", "欠薪"])
            #expect(member.idMasked == Self.memberID.prefix(6) + "********" + Self.memberID.suffix(4) && member.caseNo == c.caseNo)
            let stranger = try await t.store.legalAid.apply(try Self.draft(Self.strangerID), actor: county, today: Self.day)
            #expect(!stranger.assessment.eligible && stranger.assessment.decidingRule?.detail == "申请人不是本系统登记的会员")
            await #expect(throws: StoreError.conflict(code: "ineligible", message: "不符合援助条件（须为在会会员）：申请人不是本系统登记的会员")) {
                _ = try await t.store.legalAid.decide(id: stranger.id, approve: true, note: "", actor: county, today: Self.day)
            }
            await #expect(throws: StoreError.invalid([FieldProblem(field: "note", value: "", reason: "不予援助须写明理由，申请人会看到")])) {
                _ = try await t.store.legalAid.decide(id: stranger.id, approve: false, note: " ", actor: county, today: Self.day)
            }
            let refused = try await t.store.legalAid.decide(id: stranger.id, approve: false, note: "非会员，已告知可向当地法律援助中心申请", actor: county, today: Self.day)
            #expect(refused.state == .refused && refused.decisionNote == "非会员，已告知可向当地法律援助中心申请")
            // The province opens legal aid to non-members from a date, and stops covering litigation: each decision shows it.
            let province = try await SmallTree.actor(t.store, org: "HB")
            let later = Self.day.adding(days: 10)
            try await t.store.disputes.setPolicyRule(PolicyRule(key: LegalAidPolicy.requireMember, value: 0, effectiveFrom: later, source: "本省农民工法律援助规定"), actor: province)
            try await t.store.disputes.setPolicyRule(PolicyRule(key: LegalAidMatter.litigation.coverageKey, value: 0, effectiveFrom: later, source: "本省规定：诉讼代理由司法行政部门援助"), actor: province)
            await #expect(throws: StoreError.invalid([FieldProblem(field: "value", value: "2", reason: "取值应为 0 至 1")])) {
                try await t.store.disputes.setPolicyRule(PolicyRule(key: LegalAidPolicy.requireMember, value: 2, effectiveFrom: later, source: "x"), actor: province)
            }
            var open = try Self.draft(Self.strangerID, matter: .opinion)
            open.appliedOn = later
            #expect(try await t.store.legalAid.apply(open, actor: county, today: later).assessment.eligible)
            var litigation = try Self.draft(Self.memberID, matter: .litigation)
            litigation.appliedOn = later
            let notCovered = try await t.store.legalAid.apply(litigation, actor: county, today: later)
            #expect(notCovered.assessment.decidingRule == LegalAidAssessment.Check(rule: "援助范围", passed: false, detail: "本省法律援助不含诉讼代理", source: "本省规定：诉讼代理由司法行政部门援助"))
            // A reviewer reads and does not decide; another county finds nothing.
            await #expect(throws: StoreError.forbidden("当前角色无权审查法律援助申请")) {
                _ = try await t.store.legalAid.decide(id: member.id, approve: true, note: "", actor: SmallTree.actor(t.store, org: "JA", role: .reviewer), today: Self.day)
            }
            let other = try await SmallTree.actor(t.store, org: "XL")
            await #expect(throws: StoreError.notFound(entity: "法律援助申请", key: String(member.id))) { _ = try await t.store.legalAid.find(id: member.id, actor: other) }
            #expect(try await t.store.legalAid.list(actor: other).total == 0)
            #expect(try await t.store.legalAid.list(actor: county).total == 4)
        }
    }

    @Test(arguments: Engines.all)
    func aLawyerFromTheRosterOrAboveThenTheOutcomeInFen(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await D.setUp(t.store)
            _ = try await SmallTree.member(t.store, id: Self.memberID, name: "李师傅", org: "JA01")
            let county = try await SmallTree.actor(t.store, org: "JA")
            let city = try await SmallTree.actor(t.store, org: "WH")
            let ownLawyer = try await t.store.legalAid.addLawyer(Self.lawyer(1), orgCode: nil, actor: county)
            let cityLawyer = try await t.store.legalAid.addLawyer(Self.lawyer(2), orgCode: nil, actor: city)
            let otherCity = try await t.store.legalAid.addLawyer(Self.lawyer(3), orgCode: "YC", actor: SmallTree.actor(t.store, org: "HB"))
            await #expect(throws: StoreError.invalid([FieldProblem(field: "licence_no", value: "12345", reason: "律师执业证号应为 17 位数字")])) {
                var bad = Self.lawyer(4)
                bad.licenceNo = "12345"
                _ = try await t.store.legalAid.addLawyer(bad, orgCode: nil, actor: county)
            }
            #expect(try await t.store.legalAid.lawyers(forOrgCode: "JA", activeOnly: true).map(\.id) == [ownLawyer.id, cityLawyer.id])
            let applied = try await t.store.legalAid.apply(try Self.draft(Self.memberID), actor: county, today: Self.day)
            await #expect(throws: StoreError.conflict(code: "workflow", message: "申请当前为“待审查”，不能指派律师")) {
                _ = try await t.store.legalAid.assign(id: applied.id, lawyerID: ownLawyer.id, actor: county, today: Self.day)
            }
            let approved = try await t.store.legalAid.decide(id: applied.id, approve: true, note: "", actor: county, today: Self.day)
            #expect(approved.state == .approved && approved.decidedBy == "JA")
            await #expect(throws: StoreError.invalid([FieldProblem(field: "lawyer_id", value: String(otherCity.id), reason: "请从本工会或上级工会的在册律师中选择")])) {
                _ = try await t.store.legalAid.assign(id: applied.id, lawyerID: otherCity.id, actor: county, today: Self.day)
            }
            let assigned = try await t.store.legalAid.assign(id: applied.id, lawyerID: cityLawyer.id, actor: county, today: Self.day)
            #expect(assigned.state == .assigned && assigned.lawyer?.name == "王律师2" && assigned.assignedOn == Self.day)
            // A lawyer off the roster is no longer offered nor assignable.
            _ = try await t.store.legalAid.setLawyerActive(id: ownLawyer.id, active: false, actor: county)
            #expect(try await t.store.legalAid.lawyers(forOrgCode: "JA", activeOnly: true).map(\.id) == [cityLawyer.id])
            await #expect(throws: StoreError.invalid([FieldProblem(field: "concluded_on", value: "2026-02-28", reason: "结案日期不能早于指派日期 2026-03-01")])) {
                _ = try await t.store.legalAid.conclude(id: applied.id, outcome: .won, obtained: Money(yuan: 1), fee: .zero, note: "",
                                                        concludedOn: Self.day.adding(days: -1), actor: county, today: Self.day.adding(days: 60))
            }
            let done = try await t.store.legalAid.conclude(id: applied.id, outcome: .partlyWon, obtained: Money(fen: 1_234_567), fee: Money(yuan: 3_000),
                                                           note: "仲裁裁决支付工资及经济补偿", concludedOn: Self.day.adding(days: 50), actor: county, today: Self.day.adding(days: 60))
            #expect(done.state == .concluded && done.outcome == .partlyWon && done.obtained == Money(fen: 1_234_567) && done.fee == Money(fen: 300_000))
            let audit = try await t.store.database.read { db in
                try await db.raw("SELECT action, summary FROM audit_log WHERE entity = 'legal_aid' ORDER BY seq").all().map {
                    try $0.decode(column: "action", as: String.self) + "|" + $0.decode(column: "summary", as: String.self)
                }
            }
            #expect(audit.map { String($0.prefix { $0 != "|" }) } == ["legal_aid.apply", "legal_aid.approve", "legal_aid.assign", "legal_aid.conclude"])
            #expect(audit.last?.hasSuffix("部分支持，为职工挽回 12,345.67 元，支付律师费 3,000.00 元") == true)
            #expect(try await t.store.auditLog.verify().ok)
            // The figures of the period: where the application's union lies, and nowhere else.
            let figures = try await t.store.rightsFigures(code: "WH", from: Self.day, to: Self.day.adding(days: 60), actor: city)
            #expect(figures.legalAidApplications == 1 && figures.legalAidApproved == 1 && figures.legalAidRefused == 0)
            #expect(figures.legalAidByOutcome == [.partlyWon: 1] && figures.legalAidObtained == Money(fen: 1_234_567) && figures.legalAidFees == Money(yuan: 3_000))
            #expect(try await t.store.rightsFigures(code: "YC", from: Self.day, to: Self.day.adding(days: 60), actor: system).legalAidApplications == 0)
            #expect(try await t.store.rightsFigures(code: "WH", from: Self.day.adding(days: 1), to: Self.day.adding(days: 60), actor: city).legalAidApplications == 0)
        }
    }
}
