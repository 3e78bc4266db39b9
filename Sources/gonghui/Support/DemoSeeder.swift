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
        try await addHardship(province: province)
        try await addPrograms(province: province)
        try await addDisputes(province: province)
        try await addMutualAid(province: province)
        try await addLoans(province: province)
        try await addCards(province: province)
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

    /// The province's 低保 lines (illustrative amounts, not any real province's) and about twenty
    /// hardship archives in the demo county in every stage: some waiting at each level, one
    /// overdue, filed ones with a re-verification due soon and one overdue, one closed.
    func addHardship(province: DemoProvince) async throws {
        let actor = Actor.system("demo")
        let today = CivilDate.today()
        guard let root = province.orgs.first(where: { $0.parentCode == nil }) else { return }
        try await addSubsistenceLines(province: province, root: root, today: today)
        guard let countyCode = province.accounts.first(where: { $0.username == "county" })?.orgCode,
              let chairCode = province.accounts.first(where: { $0.username == "chair" })?.orgCode else { return }
        let regionOf = Dictionary(province.orgs.map { ($0.code, $0.regionCode) }, uniquingKeysWith: { a, _ in a })
        var people = try await store.members.search(name: nil, orgCode: chairCode, status: .active, actor: actor, limit: 6, offset: 2).items
        people += try await store.members.search(name: nil, orgCode: countyCode, status: .active, actor: actor, limit: 20, offset: 40).items
        var seen = Set<Int64>()
        people = people.filter { seen.insert($0.id).inserted }
        for (n, person) in people.prefix(22).enumerated() {
            // How far along it is, and when it was applied for.
            let plan: (stage: HardshipArchiveStage, daysAgo: Int) = [
                (.building, 2), (.building, 9), (.publicNotice, 6), (.recheck, 14), (.approval, 20), (.filed, 120), (.filed, 345),
                (.filed, 400), (.filed, 200), (.closed, 500), (.building, 1), (.publicNotice, 4), (.filed, 60),
            ][n % 13]
            let applied = today.adding(days: -plan.daysAgo)
            let draft = try Self.hardshipDraft(n, person: person, regionCode: regionOf[person.orgCode] ?? root.regionCode, appliedOn: applied)
            let archive: HardshipArchive
            do {
                archive = try await store.hardship.build(draft, actor: actor, today: applied)
            } catch {
                continue
            }
            var day = applied
            for (k, step) in Self.hardshipSteps(to: plan.stage, n).enumerated() {
                // Two days to build, the notice period, then a few days a step; never past today.
                day = min(today, day.adding(days: k == 0 ? 2 : (k == 1 ? archive.workflow.noticeDays : 3)))
                if case .close = step { day = today.adding(days: -30) }
                if case .sendBack = step { day = today }
                _ = try await store.hardship.act(id: archive.id, step, actor: actor, today: day)
            }
        }
    }

    /// The province's line and each city's, a little above the province's floor and raised again this year.
    private func addSubsistenceLines(province: DemoProvince, root: DemoOrg, today: CivilDate) async throws {
        let actor = Actor.system("demo")
        let lineFrom = CivilDate(year: today.year - 2, month: 1, day: 1)!
        try await store.hardship.setSubsistenceLine(SubsistenceLine(regionCode: root.regionCode, effectiveFrom: lineFrom, monthly: Money(yuan: 760)), actor: actor)
        for (i, city) in province.orgs.filter({ $0.kind == .city }).enumerated() {
            let base = Int64(780 + (i * 37) % 240)
            try await store.hardship.setSubsistenceLine(SubsistenceLine(regionCode: city.regionCode, effectiveFrom: lineFrom, monthly: Money(yuan: base)), actor: actor)
            try await store.hardship.setSubsistenceLine(SubsistenceLine(regionCode: city.regionCode, effectiveFrom: CivilDate(year: today.year, month: 1, day: 1)!,
                                                                        monthly: Money(yuan: base + 40)), actor: actor)
        }
    }

    /// The `n`th demo archive's application: its household, income, causes and family.
    private static func hardshipDraft(_ n: Int, person: Member, regionCode: String, appliedOn applied: CivilDate) throws -> HardshipArchiveDraft {
        let causes: [HardshipCauses] = [
            HardshipCauses(main: .majorIllness, secondary: [.childrensSchooling]), HardshipCauses(main: .unemployed, secondary: [.noSocialInsurance]),
            HardshipCauses(main: .childrensSchooling), HardshipCauses(main: .accident, secondary: [.majorIllness]),
            HardshipCauses(main: .noCapacityToWork, secondary: [.majorIllness, .laidOff]), HardshipCauses(main: .naturalDisaster),
        ]
        let illnesses = ["恶性肿瘤", "尿毒症", "脑卒中后遗症", "白血病"]
        let banks = ["中国工商银行", "中国农业银行", "中国建设银行", "湖北农信"]
        let size = 2 + n % 4
        // Yearly net income per person as a multiple of about 800 yuan a month: below the
        // line (深度), below twice the line (相对), or above it with a sudden cost (意外致困).
        let perMonth: Int64 = [560, 690, 1_150, 1_420, 2_300, 610, 1_280][n % 7]
        let income = Money(yuan: perMonth * 12 * Int64(size) + Int64(n * 37))
        let sudden = perMonth > 2_000 ? Money(yuan: perMonth * 12 * Int64(size)) : .zero
        let cause = perMonth > 2_000 ? HardshipCauses(main: .accident, secondary: [.majorIllness]) : causes[n % causes.count]
        let health = cause.main == .majorIllness || cause.secondary.contains(.majorIllness) ? "患大病" : (n % 5 == 0 ? "体弱多病" : "健康")
        let details = HardshipDetails(
            regionCode: regionCode,
            finances: HouseholdFinances(annualIncome: income, rigidExpenses: Money(yuan: Int64(1_200 * (n % 3))), householdSize: size, suddenCosts: sudden),
            ownMonthlyIncome: Money(yuan: perMonth + 300), causes: cause, health: health, majorIllness: health == "患大病" ? illnesses[n % illnesses.count] : nil,
            housing: ["租住私房", "自有住房", "公租房或廉租房"][n % 3], maritalStatus: n % 6 == 5 ? "离异" : "已婚", singleParent: n % 6 == 5,
            householdRegistration: person.isMigrant ? "农村" : "城镇", medicalInsurance: "职工医保", canSelfHelp: n % 4 == 0, zeroEmployment: n % 9 == 4,
            isMigrantWorker: person.isMigrant, livesInCity: true, laborRelationSince: person.joinedOn, bankName: banks[n % banks.count] + "营业部")
        var family: [HardshipFamilyMemberDraft] = []
        // Family members with names of their own: a spouse of another surname, children with the member's.
        let spouseSurnames = ["陈", "刘", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "罗"]
        let spouseGiven = ["秀英", "建国", "丽华", "志强", "桂兰", "海燕", "国平", "玉梅", "卫东", "春梅", "红霞", "德明"]
        let childGiven = ["子涵", "雨轩", "浩然", "欣怡", "梓萱", "俊杰", "思远", "雅琪"]
        let surname = String(person.name.prefix(1))
        if n % 6 != 5 {
            let spouse = spouseSurnames[(n * 7 + 3) % spouseSurnames.count]
            family.append(HardshipFamilyMemberDraft(name: (spouse == surname ? "林" : spouse) + spouseGiven[n % spouseGiven.count], relation: "配偶",
                                                    health: n % 4 == 1 ? "患大病" : "健康", monthlyIncome: Money(yuan: 900)))
        }
        for c in 0..<max(0, size - 1 - family.count) {
            family.append(HardshipFamilyMemberDraft(name: surname + childGiven[(n + c * 3) % childGiven.count], relation: "子女", schoolOrWork: ["小学", "初中", "高中", "大学"][(n + c) % 4]))
        }
        let account = try BankAccountNumber("62170028" + String(format: "%011d", 10_000_000 + Int(person.id % 89_999_999)))
        return HardshipArchiveDraft(person: .member(id: person.id), appliedOn: applied, details: details, bankAccount: account, family: family)
    }

    /// The workflow steps that take a new archive to `stage` (the second demo archive is sent back).
    private static func hardshipSteps(to stage: HardshipArchiveStage, _ n: Int) -> [HardshipArchiveAction] {
        switch stage {
        case .building: n == 1 ? [.submitForNotice, .endNotice, .sendBack(reason: "家庭收入证明缺少配偶单位盖章，请补充后重新公示")] : []
        case .publicNotice: [.submitForNotice]
        case .recheck: [.submitForNotice, .endNotice]
        case .approval: [.submitForNotice, .endNotice, .passRecheck]
        case .filed: [.submitForNotice, .endNotice, .passRecheck, .approve]
        case .closed: [.submitForNotice, .endNotice, .passRecheck, .approve, .close(.outOfHardship, note: "本人再就业，家庭收入稳定在低保标准 2 倍以上")]
        }
    }

    /// The programs, a running 送温暖 cycle and a 金秋助学 cycle with budgets passed down to the
    /// demo county and grants in every state: waiting for review and approval, approved, paid
    /// through a reconciled batch, one failed payment, one refused.
    func addPrograms(province: DemoProvince) async throws {
        let actor = Actor.system("demo")
        let a = store.assistance
        let today = CivilDate.today()
        guard let root = province.orgs.first(where: { $0.parentCode == nil }),
              let countyCode = province.accounts.first(where: { $0.username == "county" })?.orgCode,
              let county = province.orgs.first(where: { $0.code == countyCode }), let cityCode = county.parentCode else { return }
        for (code, name, kind) in [("SNW", "送温暖", ProgramKind.warmth), ("JQZX", "金秋助学", .schoolAid), ("XSQL", "夏送清凉", .summerCool), ("DBJZ", "大病救助", .seriousIllness)] {
            _ = try await a.createProgram(code: code, name: name, kind: kind, description: "\(name)（演示数据）", actor: actor)
        }
        let festival = today.month >= 3 ? today.year + 1 : today.year
        let warmth = try await a.openCycle(programCode: "SNW", name: "\(festival)年春节送温暖", startsOn: today.adding(days: -20), endsOn: today.adding(days: 75),
                                           rules: nil, budget: Money(yuan: 3_000_000), ownerOrgCode: root.code, actor: actor)
        let school = try await a.openCycle(programCode: "JQZX", name: "\(today.year)年金秋助学", startsOn: CivilDate(year: today.year, month: 7, day: 1)!,
                                           endsOn: max(today.adding(days: 30), CivilDate(year: today.year, month: 12, day: 31)!), rules: nil,
                                           budget: Money(yuan: 1_000_000), ownerOrgCode: root.code, actor: actor)
        for cycle in [warmth, school] {
            _ = try await a.allocate(cycleID: cycle.id, toOrgCode: cityCode, amount: Money(yuan: cycle.id == warmth.id ? 400_000 : 120_000), actor: actor)
            _ = try await a.allocate(cycleID: cycle.id, toOrgCode: countyCode, amount: Money(yuan: cycle.id == warmth.id ? 60_000 : 20_000), actor: actor)
        }
        // 送温暖: one application for every filed archive of the county, in every state.
        _ = try await a.generate(cycleID: warmth.id, orgCode: countyCode, actor: actor)
        let grants = try await a.grants(cycleID: warmth.id, actor: actor)
        for (i, g) in grants.enumerated() {
            switch i % 5 {
            case 0 where i == 0:
                // Refused, so that its worker can apply again in the portal.
                _ = try await a.decide(grantID: g.id, .reject(reason: "银行账户已变更，请本人在职工服务平台重新申请"), actor: actor)
            case 0: continue
            case 1: _ = try await a.decide(grantID: g.id, .review, actor: actor)
            default:
                _ = try await a.decide(grantID: g.id, .review, actor: actor)
                _ = try await a.decide(grantID: g.id, .approve, actor: actor)
            }
        }
        if let batch = try? await a.createBatch(cycleID: warmth.id, actor: actor) {
            let (_, lines) = try await a.exportBatch(id: batch.id, actor: actor)
            let results = lines.enumerated().map { i, l in
                BankResult(row: i + 2, reference: l.reference, paid: i != 1, reason: i == 1 ? "户名与账号不符" : nil)
            }
            _ = try await a.recordBankResults(batchID: batch.id, results, actor: actor)
            // A second batch sent to the bank, its results still to come.
            for (i, g) in grants.enumerated() where i % 5 == 1 { _ = try await a.decide(grantID: g.id, .approve, actor: actor) }
            if let second = try? await a.createBatch(cycleID: warmth.id, actor: actor) { _ = try await a.exportBatch(id: second.id, actor: actor) }
        }
        // 金秋助学: children admitted this autumn, declared by the families.
        let filed = try await store.hardship.list({ var f = HardshipFilter(); f.orgCode = countyCode; f.stages = [.filed]; return f }(), actor: actor)
        for (i, archive) in filed.items.enumerated() {
            guard let member = archive.memberID else { continue }
            let admission: ChildAdmission? = [.university, .vocational, nil][i % 3]
            guard let admission else { continue }
            let g = try await a.apply(cycleID: school.id, memberID: member, declaration: .init(childAdmission: admission), actor: actor,
                                      today: min(today, CivilDate(year: today.year, month: 8, day: 20)!))
            _ = try await a.decide(grantID: g.id, .review, actor: actor)
            if i % 2 == 0 { _ = try await a.decide(grantID: g.id, .approve, actor: actor) }
        }
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
