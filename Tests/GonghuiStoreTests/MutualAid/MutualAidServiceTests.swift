import Foundation
import GonghuiDomain
@testable import GonghuiStore
import SQLKit
import Testing

/// Mutual aid in the store: a city's plan and its rounds, the county enrolling a unit's members
/// (all or a list, all or nothing with every refusal named), the contribution due and received,
/// cover from payment and the waiting period, renewal without waiting, leaving the union, scope.
@Suite("Mutual aid: plans, rounds, enrollment, contributions")
struct MutualAidServiceTests {
    static func d(_ s: String) -> CivilDate { try! CivilDate(parsing: s) }
    static let terms = MutualAidRound.exampleTerms(source: "武汉市总工会职工医疗互助办法（武工发〔2025〕1号）")

    static func ids(_ n: Int) -> String { idNumber("42010219800101" + String(format: "%03d", 200 + n)) }

    @Test(arguments: Engines.all)
    func aCityPlanEnrolledByAUnitAndPaid(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await SmallTree.build(t.store)
            let s = t.store.mutualAid
            let city = try await SmallTree.actor(t.store, org: "WH")
            let county = try await SmallTree.actor(t.store, org: "JA")
            var members: [Member] = []
            for i in 0..<3 { members.append(try await SmallTree.member(t.store, id: Self.ids(i), name: "会员\(i)", org: "JA01")) }
            let other = try await SmallTree.member(t.store, id: Self.ids(9), name: "外单位", org: "JA02")
            _ = try await t.store.members.changeStatus(id: members[2].id, to: .withdrawn, on: Self.d("2025-11-01"), reason: "退会", actor: .system("t"), today: Self.d("2025-11-01"))

            // Only a province or a city owns a plan, and only one in the officer's scope.
            await #expect(throws: StoreError.invalid([FieldProblem(field: "owner_code", value: "JA", reason: "互助计划由省或市总工会设立")])) {
                _ = try await s.createPlan(code: "WH-ZY", name: "武汉市职工住院医疗互助", kind: .hospitalization, ownerCode: "JA", actor: county)
            }
            await #expect(throws: StoreError.invalid([FieldProblem(field: "owner_code", value: "WH", reason: "所属工会不存在或不在您的管辖范围内")])) {
                _ = try await s.createPlan(code: "WH-ZY", name: "武汉市职工住院医疗互助", kind: .hospitalization, ownerCode: "WH", actor: county)
            }
            let plan = try await s.createPlan(code: "WH-ZY", name: "武汉市职工住院医疗互助", kind: .hospitalization, ownerCode: "WH", actor: city)
            // The county administers it but does not set its rounds.
            await #expect(throws: StoreError.forbidden("只有计划所属工会（武汉市总工会）可以设置轮次")) {
                _ = try await s.addRound(planCode: "WH-ZY", name: "2026 年度", startsOn: Self.d("2026-01-01"), endsOn: Self.d("2026-12-31"),
                                         enrollmentOpens: Self.d("2025-12-01"), enrollmentCloses: Self.d("2026-06-30"), terms: Self.terms, actor: county)
            }
            let r2025 = try await s.addRound(planCode: "WH-ZY", name: "2025 年度", startsOn: Self.d("2025-01-01"), endsOn: Self.d("2025-12-31"),
                                             enrollmentOpens: Self.d("2024-12-01"), enrollmentCloses: Self.d("2025-06-30"), terms: Self.terms, actor: city)
            let r2026 = try await s.addRound(planCode: "WH-ZY", name: "2026 年度", startsOn: Self.d("2026-01-01"), endsOn: Self.d("2026-12-31"),
                                             enrollmentOpens: Self.d("2025-12-01"), enrollmentCloses: Self.d("2026-06-30"), terms: Self.terms, actor: city)
            await #expect(throws: StoreError.invalid([FieldProblem(field: "starts_on", value: "2026-06-01", reason: "与本计划的轮次“2026 年度”日期重叠")])) {
                _ = try await s.addRound(planCode: "WH-ZY", name: "2026 下半年", startsOn: Self.d("2026-06-01"), endsOn: Self.d("2026-12-31"),
                                         enrollmentOpens: Self.d("2026-05-01"), enrollmentCloses: Self.d("2026-06-30"), terms: Self.terms, actor: city)
            }
            #expect(try await s.rounds(planCode: "WH-ZY", actor: county).map(\.name) == ["2025 年度", "2026 年度"])
            #expect(try await s.round(id: r2026.id, actor: county).1.terms == Self.terms)

            // 2025: member 0 enrolled in the window (so member 0 renews in 2026).
            #expect(try await s.enroll(roundID: r2025.id, unitCode: "JA01", memberIDs: [members[0].id], actor: county, today: Self.d("2025-03-01")) == 1)
            // 2026: outside the window, refused; a list with every fault named, nothing written.
            await #expect(throws: StoreError.conflict(code: "enrollment_closed", message: "本轮参保时间为 2025-12-01 至 2026-06-30")) {
                _ = try await s.enroll(roundID: r2026.id, unitCode: "JA01", actor: county, today: Self.d("2026-07-01"))
            }
            _ = try await s.enroll(roundID: r2026.id, unitCode: "JA01", memberIDs: [members[1].id], actor: county, today: Self.d("2026-01-10"))
            await #expect(throws: StoreError.invalid([
                FieldProblem(field: "members[1]", value: String(other.id), reason: "不是江岸机械厂工会的在会会员"),
                FieldProblem(field: "members[2]", value: String(members[0].id), reason: "名单中重复"),
                FieldProblem(field: "members[3]", value: String(members[2].id), reason: "不是江岸机械厂工会的在会会员"),
                FieldProblem(field: "members[4]", value: "会员1", reason: "本轮已参保"),
            ])) {
                _ = try await s.enroll(roundID: r2026.id, unitCode: "JA01", memberIDs: [members[0].id, other.id, members[0].id, members[2].id, members[1].id],
                                       actor: county, today: Self.d("2026-01-10"))
            }
            #expect(try await s.standings(roundID: r2026.id, actor: county).map(\.enrolled) == [1])
            // "All members": the ones in good standing not yet enrolled (member 0, renewing).
            #expect(try await s.enroll(roundID: r2026.id, unitCode: "JA01", actor: county, today: Self.d("2026-01-10")) == 1)
            let standing = try #require(try await s.standings(roundID: r2026.id, actor: county).first)
            #expect(standing.unitCode == "JA01" && standing.enrolled == 2 && standing.paid == 0 && standing.due == Money(yuan: 140))

            // The contribution: the wrong amount is refused with the figure expected; then received.
            await #expect(throws: StoreError.invalid([FieldProblem(field: "amount", value: "70.00", reason: "应缴 140.00 元（2 人 × 70.00 元），与到账金额不符")])) {
                _ = try await s.recordPayment(roundID: r2026.id, unitCode: "JA01", amount: Money(yuan: 70), receivedOn: Self.d("2026-01-20"), receiptNo: "HZ2026-001",
                                              actor: county, today: Self.d("2026-01-20"))
            }
            let paid = try await s.recordPayment(roundID: r2026.id, unitCode: "JA01", amount: Money(yuan: 140), receivedOn: Self.d("2026-01-20"), receiptNo: "HZ2026-001",
                                                 actor: county, today: Self.d("2026-01-20"))
            #expect(paid.paid == 2 && paid.due == .zero && paid.received == Money(yuan: 140))
            await #expect(throws: StoreError.conflict(code: "nothing_due", message: "江岸机械厂工会在本轮没有待缴的参保人员")) {
                _ = try await s.recordPayment(roundID: r2026.id, unitCode: "JA01", amount: Money(yuan: 70), receivedOn: Self.d("2026-01-20"), receiptNo: "HZ2026-002",
                                              actor: county, today: Self.d("2026-01-20"))
            }

            // Cover: the new enrollee after the 90 days from 10 January; the renewing one from the payment.
            let newcomer = try #require(try await s.enrollment(memberID: members[1].id, roundID: r2026.id))
            #expect(!newcomer.renewal && newcomer.paidOn == Self.d("2026-01-20") && MutualAidCover.from(newcomer, round: r2026) == Self.d("2026-04-11"))
            let renewing = try #require(try await s.enrollment(memberID: members[0].id, roundID: r2026.id))
            #expect(renewing.renewal && MutualAidCover.from(renewing, round: r2026) == Self.d("2026-01-20"))
            #expect(try await s.enrollment(memberID: other.id, roundID: r2026.id) == nil)
            // Leaving the union ends cover the day before.
            _ = try await t.store.members.changeStatus(id: members[0].id, to: .withdrawn, on: Self.d("2026-08-01"), reason: "退会", actor: .system("t"), today: Self.d("2026-08-01"))
            let left = try #require(try await s.enrollment(memberID: members[0].id, roundID: r2026.id))
            #expect(left.exit?.kind == .withdrawn && left.exit?.on == Self.d("2026-08-01"))
            #expect(MutualAidCover.problem(left, round: r2026, event: .hospitalStay, on: Self.d("2026-08-01")) != nil)

            // Scope: the unit's officers see the plan above them; another city does not; a unit outside the owner's subtree is refused.
            #expect(try await s.plans(actor: SmallTree.actor(t.store, org: "JA01")).map(\.code) == [plan.code])
            #expect(try await s.plans(actor: SmallTree.actor(t.store, org: "XL")).isEmpty)
            await #expect(throws: StoreError.notFound(entity: "互助轮次", key: String(r2026.id))) {
                _ = try await s.standings(roundID: r2026.id, actor: SmallTree.actor(t.store, org: "XL"))
            }
            _ = try await SmallTree.member(t.store, id: Self.ids(7), name: "宜昌会员", org: "XL01")
            await #expect(throws: StoreError.invalid([FieldProblem(field: "unit_code", value: "XL01", reason: "西陵电力公司工会不在武汉市总工会的互助计划范围内")])) {
                _ = try await s.enroll(roundID: r2026.id, unitCode: "XL01", actor: SmallTree.actor(t.store, org: "HB"), today: Self.d("2026-01-10"))
            }
            await #expect(throws: StoreError.forbidden("当前角色无权办理参保")) {
                _ = try await s.enroll(roundID: r2026.id, unitCode: "JA01", actor: SmallTree.actor(t.store, org: "JA", role: .reviewer), today: Self.d("2026-01-10"))
            }
        }
    }

    @Test(arguments: Engines.all)
    func aRosterFileAllOrNothingWithEveryBadRowNamed(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await SmallTree.build(t.store)
            let city = try await SmallTree.actor(t.store, org: "WH")
            let county = try await SmallTree.actor(t.store, org: "JA")
            var m: [Member] = []
            for i in 0..<3 { m.append(try await SmallTree.member(t.store, id: Self.ids(i), name: "会员\(i)", org: i == 2 ? "JA02" : "JA01")) }
            _ = try await SmallTree.member(t.store, id: Self.ids(8), name: "宜昌会员", org: "XL01")
            _ = try await SmallTree.member(t.store, id: Self.ids(4), name: "会员4", org: "JA02")
            _ = try await t.store.mutualAid.createPlan(code: "WH-ZY", name: "武汉市职工住院医疗互助", kind: .hospitalization, ownerCode: "WH", actor: city)
            let r = try await t.store.mutualAid.addRound(planCode: "WH-ZY", name: "2026 年度", startsOn: Self.d("2026-01-01"), endsOn: Self.d("2026-12-31"),
                                                         enrollmentOpens: Self.d("2025-12-01"), enrollmentCloses: Self.d("2026-06-30"), terms: Self.terms, actor: city)
            _ = try await t.store.mutualAid.enroll(roundID: r.id, unitCode: "JA01", memberIDs: [m[1].id], actor: county, today: Self.d("2026-01-05"))
            let header = ["身份证号", "姓名", "所属工会代码"]
            let options = ImportOptions(today: Self.d("2026-01-10"))
            let bad = try await MutualAidEnrollmentImporter(store: t.store).run(source: InMemoryTable(header: header, rows: [
                [Self.ids(0), "会员0", "JA01"],        // 2: good
                [Self.ids(0), "会员0", "JA01"],        // 3: twice in the file
                [Self.ids(1), "会员1", "JA01"],        // 4: already enrolled
                [Self.ids(2), "会员2", "JA01"],        // 5: registered at JA02
                [Self.ids(3), "无此人", "JA01"],        // 6: not in the registry
                ["123", "张三", "JA01"],               // 7: not an ID number
                [Self.ids(4), "别名", "JA02"],          // 8: the name is not the registered one
                [Self.ids(8), "宜昌会员", "XL01"],      // 9: outside the officer's scope
            ]), roundID: r.id, options: options, actor: county)
            #expect(!bad.written && bad.rowsTotal == 8 && bad.rejected == 7)
            #expect(Set(bad.problems.map(\.row)) == [3, 4, 5, 6, 7, 8, 9])
            #expect(bad.problems.contains { $0.row == 3 && $0.reason == "与本文件第 2 行重复" })
            #expect(bad.problems.contains { $0.row == 4 && $0.reason == "本轮已参保" })
            #expect(bad.problems.contains { $0.row == 5 && $0.reason == "不是该工会的会员（系统登记在 JA02）" })
            #expect(bad.problems.contains { $0.row == 6 && $0.reason == "系统中没有这名会员" })
            #expect(bad.problems.contains { $0.row == 8 && $0.column == "姓名" && $0.reason == "与系统登记的姓名“会员4”不符" })
            #expect(bad.problems.contains { $0.row == 9 && $0.reason == "工会不存在或不在您的管辖范围内" })
            #expect(try await t.store.mutualAid.standings(roundID: r.id, actor: county).map(\.enrolled) == [1])
            // The good rows of two units.
            let good = try await MutualAidEnrollmentImporter(store: t.store).run(source: InMemoryTable(header: header, rows: [
                [Self.ids(0), "会员0", "JA01"], [Self.ids(2), "会员2", "JA02"],
            ]), roundID: r.id, options: options, actor: county)
            #expect(good.written && good.inserted == 2 && good.problems.isEmpty)
            #expect(try await t.store.mutualAid.standings(roundID: r.id, actor: county).map(\.enrolled) == [2, 1])
        }
    }
}
