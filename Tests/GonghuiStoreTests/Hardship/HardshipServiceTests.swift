import Foundation
import GonghuiDomain
@testable import GonghuiStore
import SQLKit
import Testing

/// Hardship archives in the store: the category from the 低保 table, the workflow with who may
/// take each step, one open archive per household, scoping, attachments and the audit.
@Suite("Hardship archives")
struct HardshipServiceTests {
    static let jan2020 = CivilDate(year: 2020, month: 1, day: 1)!

    /// The small tree, the province's line of 800 yuan and 江岸's own of 1,000 yuan from 2025.
    static func setUp(_ store: Store) async throws {
        try await SmallTree.build(store)
        try await store.hardship.setSubsistenceLine(SubsistenceLine(regionCode: "420000", effectiveFrom: jan2020, monthly: Money(yuan: 800)), actor: system)
        try await store.hardship.setSubsistenceLine(SubsistenceLine(regionCode: "420102", effectiveFrom: CivilDate(year: 2025, month: 1, day: 1)!, monthly: Money(yuan: 1000)), actor: system)
    }

    static func details(region: String = "420502", income: String = "30000.00", rigid: String = "0", size: Int = 3, sudden: String = "0",
                        causes: HardshipCauses = HardshipCauses(main: .majorIllness, secondary: [.childrensSchooling])) throws -> HardshipDetails {
        HardshipDetails(regionCode: region,
                        finances: HouseholdFinances(annualIncome: try Money(parsingYuan: income), rigidExpenses: try Money(parsingYuan: rigid),
                                                    householdSize: size, suddenCosts: try Money(parsingYuan: sudden)),
                        ownMonthlyIncome: Money(yuan: 1500), causes: causes, health: "患大病", majorIllness: "恶性肿瘤", bankName: "中国工商银行宜昌西陵支行")
    }

    static func draft(member: Int64, appliedOn: CivilDate = CivilDate(year: 2026, month: 3, day: 2)!, details: HardshipDetails,
                      family: [HardshipFamilyMemberDraft] = [], override: HardshipCategory? = nil, reason: String = "") throws -> HardshipArchiveDraft {
        HardshipArchiveDraft(person: .member(id: member), appliedOn: appliedOn, details: details, bankAccount: try BankAccountNumber("6222 0212 3456 7890 123"),
                             family: family, categoryOverride: override, overrideReason: reason)
    }

    @Test(arguments: Engines.all)
    func categoryFromTheLineOfTheFamilysRegion(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await Self.setUp(t.store)
        let a = try await SmallTree.member(t.store, id: idNumber("42050219800101123"), name: "王芳", org: "XL01")
        let b = try await SmallTree.member(t.store, id: idNumber("42050219810101123"), name: "李强", org: "XL01")
        let c = try await SmallTree.member(t.store, id: idNumber("42010219820101123"), name: "赵敏", org: "JA01")
        // Three people at the province's 800 yuan: 28,799.99 a year after rigid expenses is
        // below the line, 28,800.00 is on it (相对困难).
        let deep = try await t.store.hardship.build(try Self.draft(member: a.id, details: try Self.details(rigid: "1200.01")), actor: system)
        #expect(deep.category == .deep && deep.computedCategory == .deep)
        #expect(deep.line.monthly == Money(yuan: 800) && deep.line.regionCode == "420000")
        #expect(deep.assessment.perCapitaMonthly == Money(fen: 79_999))
        let relative = try await t.store.hardship.build(try Self.draft(member: b.id, details: try Self.details(rigid: "1200.00")), actor: system)
        #expect(relative.category == .relative)
        #expect(relative.assessment.perCapitaMonthly == Money(yuan: 800))
        // 江岸 has its own line of 1,000 yuan from 2025: the same 28,800 is deep there.
        let jiangan = try await t.store.hardship.build(try Self.draft(member: c.id, details: try Self.details(region: "420102", rigid: "1200.00")), actor: system)
        #expect(jiangan.category == .deep && jiangan.line.regionCode == "420102")
        #expect(jiangan.archiveNo == String(format: "KN2026-%06lld", jiangan.id))
        }
    }

    @Test(arguments: Engines.all)
    func notQualifyingNeedsAnOfficersCategoryWithAReason(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await Self.setUp(t.store)
        let m = try await SmallTree.member(t.store, id: idNumber("42050219800101123"), name: "王芳", org: "XL01")
        let xl01 = try await SmallTree.actor(t.store, org: "XL01")
        // 57,600.00 for three is exactly twice the line: neither category.
        do {
            _ = try await t.store.hardship.build(try Self.draft(member: m.id, details: try Self.details(income: "57600.00")), actor: xl01)
            Issue.record("a family on twice the line was filed")
        } catch StoreError.invalid(let problems) {
            #expect(problems.map(\.field) == ["category"])
            #expect(problems[0].reason.contains("1600.00"))
        }
        do {
            _ = try await t.store.hardship.build(try Self.draft(member: m.id, details: try Self.details(income: "57600.00"), override: .accident), actor: xl01)
            Issue.record("an override without a reason was accepted")
        } catch StoreError.invalid(let problems) {
            #expect(problems.map(\.field) == ["override_reason"])
        }
        let archive = try await t.store.hardship.build(try Self.draft(member: m.id, details: try Self.details(income: "57600.00"), override: .accident,
                                                                      reason: "3 月家中失火，房屋损毁"), actor: xl01)
        #expect(archive.computedCategory == nil && archive.category == .accident && archive.overrideReason == "3 月家中失火，房屋损毁")
        let entries = try await t.store.auditLog.list(actor: system, filter: .init(limit: 50)).filter { $0.entity == "hardship_archive" }
        #expect(entries.map(\.action).contains("hardship.category_override"))
        #expect(entries.first(where: { $0.action == "hardship.category_override" })?.summary.contains("3 月家中失火") == true)
        }
    }

    @Test(arguments: Engines.all)
    func workflowStepsBelongToTheirLevels(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await Self.setUp(t.store)
        let m = try await SmallTree.member(t.store, id: idNumber("42050219800101123"), name: "王芳", org: "XL01")
        let union = try await SmallTree.actor(t.store, org: "XL01")
        let unionReviewer = try await SmallTree.actor(t.store, org: "XL01", role: .reviewer)
        let county = try await SmallTree.actor(t.store, org: "XL", role: .reviewer)
        let applied = CivilDate(year: 2026, month: 3, day: 2)!
        var a = try await t.store.hardship.build(try Self.draft(member: m.id, appliedOn: applied, details: try Self.details()), actor: union)
        #expect(a.workflow.stage == .building && a.workflow.dueOn == CivilDate(year: 2026, month: 3, day: 7)!)
        let hardship = t.store.hardship
        // A reviewer does not build; the union does, within five days.
        await #expect(throws: StoreError.self) { _ = try await hardship.act(id: a.id, .submitForNotice, actor: unionReviewer, today: applied) }
        a = try await hardship.act(id: a.id, .submitForNotice, actor: union, today: CivilDate(year: 2026, month: 3, day: 4)!)
        #expect(a.workflow.stage == .publicNotice)
        // The notice runs five days.
        do {
            _ = try await hardship.act(id: a.id, .endNotice, actor: union, today: CivilDate(year: 2026, month: 3, day: 8)!)
            Issue.record("the notice ended early")
        } catch let e as StoreError { #expect(e.message.contains("2026-03-09")) }
        a = try await hardship.act(id: a.id, .endNotice, actor: union, today: CivilDate(year: 2026, month: 3, day: 9)!)
        #expect(a.workflow.stage == .recheck)
        // The re-check is the upper level's, not the union's own.
        do {
            _ = try await hardship.act(id: a.id, .passRecheck, actor: unionReviewer, today: CivilDate(year: 2026, month: 3, day: 10)!)
            Issue.record("the union re-checked its own archive")
        } catch let e as StoreError { #expect(e.code == "forbidden") }
        // Sent back with a reason, rebuilt, and through again.
        await #expect(throws: StoreError.self) { _ = try await hardship.act(id: a.id, .sendBack(reason: "  "), actor: county) }
        a = try await hardship.act(id: a.id, .sendBack(reason: "缺少单位证明"), actor: county, today: CivilDate(year: 2026, month: 3, day: 10)!)
        #expect(a.workflow.stage == .building && a.workflow.returnReason == "缺少单位证明")
        a = try await hardship.act(id: a.id, .submitForNotice, actor: union, today: CivilDate(year: 2026, month: 3, day: 11)!)
        a = try await hardship.act(id: a.id, .endNotice, actor: union, today: CivilDate(year: 2026, month: 3, day: 16)!)
        a = try await hardship.act(id: a.id, .passRecheck, actor: county, today: CivilDate(year: 2026, month: 3, day: 17)!)
        #expect(a.workflow.stage == .approval)
        // Approval is the assistance center's, at county level or above.
        do {
            _ = try await hardship.act(id: a.id, .approve, actor: unionReviewer, today: CivilDate(year: 2026, month: 3, day: 18)!)
            Issue.record("a grassroots union approved")
        } catch let e as StoreError { #expect(e.message.contains("县级以上")) }
        // Someone who looked before the last step cannot act on what they saw.
        do {
            _ = try await hardship.act(id: a.id, .approve, expectedVersion: a.version - 1, actor: county, today: CivilDate(year: 2026, month: 3, day: 18)!)
            Issue.record("a stale version was accepted")
        } catch let e as StoreError { #expect(e.code == "stale_version") }
        a = try await hardship.act(id: a.id, .approve, expectedVersion: a.version, actor: county, today: CivilDate(year: 2026, month: 3, day: 18)!)
        #expect(a.workflow.stage == .filed && a.workflow.dueOn == CivilDate(year: 2027, month: 3, day: 18)!)
        #expect(!a.workflow.isOverdue(on: CivilDate(year: 2027, month: 3, day: 18)!) && a.workflow.isOverdue(on: CivilDate(year: 2027, month: 3, day: 19)!))
        a = try await hardship.act(id: a.id, .reverify, actor: union, today: CivilDate(year: 2027, month: 3, day: 1)!)
        #expect(a.workflow.dueOn == CivilDate(year: 2028, month: 3, day: 1)!)
        // The grassroots union cannot close a filed archive; the center can, with a reason kept.
        await #expect(throws: StoreError.self) { _ = try await hardship.act(id: a.id, .close(.outOfHardship, note: ""), actor: union) }
        a = try await hardship.act(id: a.id, .close(.outOfHardship, note: "本人再就业，家庭收入回升"), actor: county, today: CivilDate(year: 2027, month: 6, day: 1)!)
        #expect(a.workflow.stage == .closed && a.closingReason == .outOfHardship && a.closingNote == "本人再就业，家庭收入回升")

        let history = try await hardship.history(id: a.id, actor: union)
        #expect(history.map(\.kind) == ["built", "notice_started", "notice_ended", "sent_back", "notice_started", "notice_ended", "rechecked", "approved", "reverified", "closed"])
        #expect(history[3].detail.contains("缺少单位证明"))
        // Every change of state is in the audit log, with the stage before and after.
        let audited = try await t.store.auditLog.list(actor: system, filter: .init(limit: 100)).filter { $0.entity == "hardship_archive" && $0.entityID == String(a.id) }
        #expect(audited.count == 10)
        #expect(audited.contains { $0.action == "hardship.approved" && $0.before == "approval" && $0.after == "filed" })
        }
    }

    @Test(arguments: Engines.all)
    func oneOpenArchivePerHousehold(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await Self.setUp(t.store)
        let husbandID = idNumber("42050219800101123"), wifeID = idNumber("42050219820202234")
        let husband = try await SmallTree.member(t.store, id: husbandID, name: "王强", org: "XL01")
        let wife = try await SmallTree.member(t.store, id: wifeID, name: "刘丽", org: "XL02")
        let family = [HardshipFamilyMemberDraft(name: "刘丽", relation: "配偶", idNumber: try IDNumber(wifeID), monthlyIncome: Money(yuan: 900)),
                      HardshipFamilyMemberDraft(name: "王小明", relation: "子女", health: "健康", schoolOrWork: "小学三年级")]
        // The worker among their own family is refused, by the number itself.
        do {
            _ = try await t.store.hardship.build(try Self.draft(member: husband.id, details: try Self.details(),
                                                                family: [HardshipFamilyMemberDraft(name: "王强", relation: "其他", idNumber: try IDNumber(husbandID))]), actor: system)
            Issue.record("the applicant was his own family member")
        } catch StoreError.invalid(let problems) { #expect(problems.map(\.field) == ["family[1].id_number"]) }
        let first = try await t.store.hardship.build(try Self.draft(member: husband.id, details: try Self.details(), family: family), actor: system)
        #expect(first.family.map(\.name) == ["刘丽", "王小明"])
        #expect(first.family[0].idNumberMasked == (try IDNumber(wifeID)).masked && first.family[1].idNumberMasked == nil)
        // The wife, a member of another union, cannot open a second archive for the household,
        // and neither can the husband again.
        for member in [wife.id, husband.id] {
            do {
                _ = try await t.store.hardship.build(try Self.draft(member: member, details: try Self.details()), actor: system)
                Issue.record("a second archive for the household")
            } catch let e as StoreError {
                #expect(e.code == "household_has_archive")
                #expect(e.message.contains(first.archiveNo))
            }
        }
        // An officer of the wife's union does not learn the number of an archive it cannot see.
        let other = try await SmallTree.actor(t.store, org: "XL02")
        let xl01 = try await SmallTree.actor(t.store, org: "XL01")
        do {
            _ = try await t.store.hardship.build(try Self.draft(member: wife.id, details: try Self.details()), actor: other)
            Issue.record("a second archive for the household")
        } catch let e as StoreError {
            #expect(e.code == "household_has_archive" && !e.message.contains(first.archiveNo))
        }
        // Revising keeps the wife's ID number on file when it is left empty.
        var revision = HardshipRevision(details: try Self.details(income: "24000"), family: [
            HardshipFamilyMemberDraft(name: "刘丽", relation: "配偶", monthlyIncome: Money(yuan: 900)),
            HardshipFamilyMemberDraft(name: "王小明", relation: "子女", schoolOrWork: "小学三年级")])
        let revised = try await t.store.hardship.revise(id: first.id, revision, actor: xl01)
        #expect(revised.family[0].idNumberMasked == (try IDNumber(wifeID)).masked && revised.version == first.version + 1)
        await #expect(throws: StoreError.self) { _ = try await t.store.hardship.build(try Self.draft(member: wife.id, details: try Self.details()), actor: system) }
        // Once closed, the household may be archived again.
        revision.expectedVersion = first.version
        await #expect(throws: StoreError.self) { _ = try await t.store.hardship.revise(id: first.id, revision, actor: xl01) }
        _ = try await t.store.hardship.act(id: first.id, .close(.ineligible, note: "夫妻二人另有经营收入"), actor: system)
        let second = try await t.store.hardship.build(try Self.draft(member: wife.id, details: try Self.details()), actor: system)
        #expect(second.workflow.stage == .building)
        // Closed archives stay: both are listed.
        let all = try await t.store.hardship.list(HardshipFilter(), actor: system)
        #expect(all.total == 2)
        }
    }

    @Test(arguments: Engines.all)
    func concurrentBuildsForOneHouseholdLeaveOne(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await Self.setUp(t.store)
        let husbandID = idNumber("42050219800101123"), wifeID = idNumber("42050219820202234")
        let husband = try await SmallTree.member(t.store, id: husbandID, name: "王强", org: "XL01")
        let wife = try await SmallTree.member(t.store, id: wifeID, name: "刘丽", org: "XL02")
        let drafts = [try Self.draft(member: husband.id, details: try Self.details(), family: [HardshipFamilyMemberDraft(name: "刘丽", relation: "配偶", idNumber: try IDNumber(wifeID))]),
                      try Self.draft(member: wife.id, details: try Self.details(), family: [HardshipFamilyMemberDraft(name: "王强", relation: "配偶", idNumber: try IDNumber(husbandID))])]
        let store = t.store
        // Each build either lands or is refused as the household's second archive: no deadlock
        // or other engine error reaches the officer.
        let results = await withTaskGroup(of: String.self) { group in
            for i in 0..<8 {
                let d = drafts[i % 2]
                group.addTask {
                    do { _ = try await store.hardship.build(d, actor: system); return "built" } catch let e as StoreError { return e.code } catch { return "\(error)" }
                }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(results.filter { $0 == "built" }.count == 1)
        #expect(results.filter { $0 == "household_has_archive" }.count == 7)
        #expect(try await t.store.hardship.list(HardshipFilter(), actor: system).total == 1)
        }
    }

    @Test(arguments: Engines.all)
    func scopingFiltersAndWorklistCounts(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await Self.setUp(t.store)
        let a = try await SmallTree.member(t.store, id: idNumber("42050219800101123"), name: "王芳", org: "XL01")
        let b = try await SmallTree.member(t.store, id: idNumber("42010219810101123"), name: "李强", org: "JA01")
        let xl = try await t.store.hardship.build(try Self.draft(member: a.id, appliedOn: CivilDate(year: 2026, month: 1, day: 5)!, details: try Self.details(rigid: "6000")), actor: system)
        let ja = try await t.store.hardship.build(try Self.draft(member: b.id, details: try Self.details(region: "420102", income: "40000",
                                                                  causes: HardshipCauses(main: .unemployed, secondary: [.majorIllness]))), actor: system)
        let yichang = try await SmallTree.actor(t.store, org: "YC")
        // Another county's archive is "not found", not "forbidden".
        do {
            _ = try await t.store.hardship.archive(id: ja.id, actor: yichang)
            Issue.record("another city's archive was visible")
        } catch let e as StoreError { #expect(e.code == "not_found") }
        await #expect(throws: StoreError.self) { _ = try await t.store.hardship.history(id: ja.id, actor: yichang) }
        #expect(try await t.store.hardship.list(HardshipFilter(), actor: yichang).items.map(\.id) == [xl.id])
        var f = HardshipFilter()
        f.cause = .majorIllness
        #expect(try await t.store.hardship.list(f, actor: system).total == 2)
        f.cause = .childrensSchooling
        #expect(try await t.store.hardship.list(f, actor: system).items.map(\.id) == [xl.id])
        f = HardshipFilter(); f.category = .relative
        #expect(try await t.store.hardship.list(f, actor: system).items.map(\.id) == [ja.id])
        // Built on 5 January with five days: overdue on 2026-03-10, 江岸's one (2 March) is not.
        f = HardshipFilter(); f.overdueOnly = true; f.today = CivilDate(year: 2026, month: 3, day: 6)!
        #expect(try await t.store.hardship.list(f, actor: system).items.map(\.id) == [xl.id])
        let counts = try await t.store.hardship.stageCounts(actor: system, today: CivilDate(year: 2026, month: 3, day: 6)!)
        #expect(counts[.building]?.total == 2 && counts[.building]?.overdue == 1)
        #expect(try await t.store.hardship.stageCounts(actor: yichang, today: CivilDate(year: 2026, month: 3, day: 6)!)[.building]?.total == 1)
        }
    }

    @Test(arguments: Engines.all)
    func attachmentsAreKeptEncryptedAndChecked(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await Self.setUp(t.store)
        let m = try await SmallTree.member(t.store, id: idNumber("42050219800101123"), name: "王芳", org: "XL01")
        let a = try await t.store.hardship.build(try Self.draft(member: m.id, details: try Self.details()), actor: system)
        let pdf = Array("%PDF-1.4\n帮扶申请书 王芳\n%%EOF\n".utf8)
        let saved = try await t.store.hardship.addAttachment(archiveID: a.id, kind: .application, filename: "C:\\扫描\\申请书.pdf", data: pdf, actor: system)
        #expect(saved.filename == "申请书.pdf" && saved.contentType == "application/pdf" && saved.size == pdf.count)
        let (meta, bytes) = try await t.store.hardship.attachmentData(archiveID: a.id, attachmentID: saved.id, actor: system)
        #expect(bytes == pdf && meta.sha256 == saved.sha256)
        // Stored encrypted: the text of the paper is not in the row.
        let raw = try await t.store.database.read { db in try await db.raw("SELECT data FROM hardship_attachments").first()!.decode(column: "data", as: Data.self) }
        #expect(raw.count == pdf.count + 28 && !String(decoding: raw, as: UTF8.self).contains("帮扶申请书"))
        // A file that is not what it claims is refused.
        do {
            _ = try await t.store.hardship.addAttachment(archiveID: a.id, kind: .other, filename: "a.pdf", data: Array("MZ\u{90}".utf8), actor: system)
            Issue.record("an executable was kept")
        } catch StoreError.invalid(let problems) { #expect(problems.first?.field == "file") }
        // A name that would break a header keeps its text without quotes or line breaks.
        let odd = try await t.store.hardship.addAttachment(archiveID: a.id, kind: .other, filename: "a\"b\r\nSet-Cookie: x.pdf", data: pdf, actor: system)
        #expect(odd.filename == "abSet-Cookie: x.pdf")
        #expect(try await t.store.hardship.attachments(archiveID: a.id, actor: system).count == 2)
        let downloads = try await t.store.auditLog.list(actor: system, filter: .init(limit: 50)).filter { $0.action == "hardship.attachment_download" }
        #expect(downloads.count == 1)
        }
    }

    @Test(arguments: Engines.all)
    func onlyTheProvinceKeepsTheLines(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await Self.setUp(t.store)
        let city = try await SmallTree.actor(t.store, org: "WH")
        let province = try await SmallTree.actor(t.store, org: "HB")
        let line = SubsistenceLine(regionCode: "420100", effectiveFrom: CivilDate(year: 2026, month: 1, day: 1)!, monthly: Money(yuan: 1100))
        await #expect(throws: StoreError.self) { try await t.store.hardship.setSubsistenceLine(line, actor: city) }
        try await t.store.hardship.setSubsistenceLine(line, actor: province)
        // Recorded again for the same date, it is corrected, not doubled.
        try await t.store.hardship.setSubsistenceLine(SubsistenceLine(regionCode: "420100", effectiveFrom: line.effectiveFrom, monthly: Money(fen: 110_050)), actor: province)
        let lines = try await t.store.hardship.subsistenceLines()
        #expect(lines.filter { $0.regionCode == "420100" }.map(\.monthly) == [Money(fen: 110_050)])
        // No line in force on the day: the archive cannot be assessed.
        let m = try await SmallTree.member(t.store, id: idNumber("42050219800101123"), name: "王芳", org: "XL01")
        do {
            _ = try await t.store.hardship.build(try Self.draft(member: m.id, appliedOn: CivilDate(year: 2019, month: 6, day: 1)!, details: try Self.details()), actor: system)
            Issue.record("assessed without a line")
        } catch StoreError.invalid(let problems) { #expect(problems.first?.field == "region_code") }
        await #expect(throws: StoreError.self) { try await t.store.hardship.setNoticeDays(0, actor: province) }
        try await t.store.hardship.setNoticeDays(7, actor: province)
        let a = try await t.store.hardship.build(try Self.draft(member: m.id, details: try Self.details()), actor: system)
        #expect(a.workflow.noticeDays == 7)
        }
    }
}
