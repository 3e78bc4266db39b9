import Foundation
import GonghuiDemo
import GonghuiDomain
import GonghuiStore

/// Loads the synthetic demo province into an empty database through the same importers a
/// federation uses, then adds the demo accounts and a little life: transfers waiting in
/// worklists, a completed transfer, retirements.
struct DemoSeeder {
    let store: Store
    let members: Int
    var seed: UInt64 = 20_261_121

    /// Returns the demo accounts, or nothing when the database already holds data.
    func seedIfEmpty() async throws -> [DemoAccount] {
        let root = try await store.orgs.root(actor: .system("demo"))
        let province = DemoProvince(options: DemoOptions(members: members, seed: seed))
        if !root.isEmpty {
            // Already seeded: show the accounts again if they are the demo's.
            let users = try await store.users.list(actor: .system("demo"))
            return province.accounts.filter { a in users.contains { $0.username == a.username } }
        }
        let actor = Actor.system("demo")
        let bar = ProgressBar("生成演示数据")
        let orgTable = InMemoryTable(header: ImportColumns.orgs.chineseHeader, rows: province.orgs.map(Self.orgCells))
        let (orgReport, _) = try await OrgImporter(store: store).run(source: orgTable, options: ImportOptions(fileName: "demo-orgs"), actor: actor)
        guard orgReport.written else { throw DemoError.invalid(orgReport.problems.prefix(5).map(\.description).joined(separator: "；")) }
        let (memberReport, _) = try await MemberImporter(store: store).run(
            open: { DemoMemberTable(province: province) }, options: ImportOptions(fileName: "demo-members"), actor: actor,
            progress: { p in bar.update(rows: p.rows, fraction: Double(p.rows) / Double(max(members, 1)) / (p.phase == .loading ? 1 : 2) + (p.phase == .writing ? 0.5 : 0)) })
        guard memberReport.written else { throw DemoError.invalid(memberReport.problems.prefix(5).map(\.description).joined(separator: "；")) }
        bar.finish(rows: memberReport.inserted)
        for a in province.accounts {
            _ = try await store.users.add(username: a.username, displayName: a.displayName, password: a.password,
                                          role: Role(rawValue: a.role) ?? .auditor, orgCode: a.orgCode, actor: actor)
        }
        try await addLife(province: province)
        try await addContracts(province: province)
        return province.accounts
    }

    /// Collective contracts (集体合同) for one grassroots union in five: three-year terms from a
    /// year after founding, so that some are in force today and some have ended.
    func addContracts(province: DemoProvince) async throws {
        let actor = Actor.system("demo")
        let today = CivilDate.today()
        let kinds = ["综合性集体合同", "工资专项集体合同", "女职工权益保护专项集体合同"]
        var n = 0
        var drafts: [ContractDraft] = []
        for o in province.orgs where o.kind == .grassroots {
            n += 1
            guard n % 5 == 0 else { continue }
            var from = o.foundedOn.adding(years: 1)
            // Renewed every three years; the latest term may have run out.
            while from.adding(years: 3) <= today.adding(days: -(n % 400)) { from = from.adding(years: 3) }
            guard from <= today else { continue }
            drafts.append(ContractDraft(orgCode: o.code, kind: kinds[n % kinds.count], signedOn: from.adding(days: -10),
                                        validFrom: from, validTo: from.adding(years: 3).adding(days: -1), workersCovered: o.employees))
        }
        // One transaction for all of them, not one per contract at start-up.
        _ = try await store.statistics.addContracts(drafts, actor: actor)
    }

    /// A few transfers in each state inside the demo county, so worklists are not empty.
    func addLife(province: DemoProvince) async throws {
        let actor = Actor.system("demo")
        guard let county = province.accounts.first(where: { $0.username == "county" })?.orgCode else { return }
        let page = try await store.members.search(name: nil, orgCode: county, status: .active, actor: actor, limit: 12)
        let unions = try await store.orgs.search("", actor: actor, kind: .grassroots, limit: 200)
            .filter { $0.status == .active }
        guard page.items.count >= 6, unions.count >= 2 else { return }
        let today = CivilDate.today()
        let day = today.adding(days: -3)
        func otherUnion(than code: String) -> String { unions.first { $0.code != code }!.code }
        // Waiting for the releasing union.
        _ = try await store.members.requestTransfer(memberID: page.items[0].id, toOrgCode: otherUnion(than: page.items[0].orgCode), on: day, reason: "调动工作", actor: actor)
        // Released, waiting for the receiving union.
        let t2 = try await store.members.requestTransfer(memberID: page.items[1].id, toOrgCode: otherUnion(than: page.items[1].orgCode), on: day, reason: "劳动关系变更", actor: actor)
        _ = try await store.members.decideTransfer(id: t2.id, approve: true, on: day.adding(days: 1), reason: "", actor: actor)
        // Completed.
        let t3 = try await store.members.requestTransfer(memberID: page.items[2].id, toOrgCode: otherUnion(than: page.items[2].orgCode), on: day, reason: "调动工作", actor: actor)
        _ = try await store.members.decideTransfer(id: t3.id, approve: true, on: day.adding(days: 1), reason: "", actor: actor)
        _ = try await store.members.decideTransfer(id: t3.id, approve: true, on: day.adding(days: 2), reason: "", actor: actor)
        // Retired, keeping membership.
        _ = try await store.members.changeStatus(id: page.items[3].id, to: .retained, on: day, reason: "退休", actor: actor)
    }

    static func orgCells(_ o: DemoOrg) -> [String] {
        func yn(_ b: Bool) -> String { b ? "是" : "否" }
        return [o.code, o.name, o.parentCode ?? "", o.kind.label, o.creditCode ?? "", o.regionCode, o.unitNature?.rawValue ?? "", o.industry ?? "",
                String(o.employees), String(o.womenEmployees), String(o.migrantEmployees), o.foundedOn.iso, o.chairName ?? "",
                yn(o.hasWomenCommittee), yn(o.hasFundsAuditCommittee), yn(o.hasWorkersCongress), yn(o.hasFactoryAffairsOpenness),
                yn(o.hasLaborProtectionCommittee), yn(o.hasMediationCommittee)]
    }

    static func memberCells(_ m: DemoMember) -> [String] {
        [m.idNumber, m.name, m.phone, m.orgCode, m.joinedOn.iso, m.employmentType.label, m.isMigrant ? "是" : "否", m.status.label,
         m.ethnicity, m.education, ""]
    }

    enum DemoError: Error, UserFacingError {
        case invalid(String)
        var message: String {
            switch self { case .invalid(let s): "演示数据生成失败：\(s)" }
        }
    }
}

/// The generated members as a row source, produced on demand (no file, no memory).
final class DemoMemberTable: TableSource {
    let province: DemoProvince
    var index = 0
    init(province: DemoProvince) { self.province = province }
    func readHeader() throws -> [String]? { ImportColumns.members.chineseHeader }
    func nextRow() throws -> (number: Int, cells: [String])? {
        guard index < province.options.members else { return nil }
        defer { index += 1 }
        return (index + 2, DemoSeeder.memberCells(province.member(at: index)))
    }
}
