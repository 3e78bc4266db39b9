import Foundation
import GonghuiDomain
@testable import GonghuiStore
import SQLKit
import Testing

@Suite("Imports")
struct ImportTests {
    static let header = ["身份证号", "姓名", "手机号", "所属工会代码", "入会日期", "用工形式", "是否农民工", "会员状态"]

    func importMembers(_ store: Store, _ rows: [[String]], header: [String] = header, skipInvalid: Bool = false) async throws -> ImportReport {
        var rejected: [Int] = []
        let (report, _) = try await MemberImporter(store: store).run(
            open: { InMemoryTable(header: header, rows: rows) }, options: ImportOptions(skipInvalid: skipInvalid, fileSHA256: "x"),
            actor: system, onReject: { row, _, _ in rejected.append(row) })
        #expect(Set(rejected).count == report.rejected)
        return report
    }

    func memberCount(_ store: Store) async throws -> Int {
        try await store.database.read { db in try await db.raw("SELECT COUNT(*) AS n FROM members").first()!.decode(column: "n", as: Int.self) }
    }

    @Test(arguments: Engines.all)
    func everyBadRowIsReportedAndNothingIsWritten(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await SmallTree.build(t.store)
        _ = try await SmallTree.member(t.store, id: idNumber("42050219850101002"), name: "李四", org: "XL01")
        let good = idNumber("42010219900307123")
        var badCheck = String(good.dropLast()); badCheck += good.last == "1" ? "2" : "1"
        let rows: [[String]] = [
            [good, "张三", "13812345678", "JA01", "2020-05-01", "固定期限", "否", ""],          // 2: fine
            [badCheck, "赵六", "13812345679", "JA01", "2020-05-01", "固定期限", "否", ""],      // 3: bad check character
            [idNumber("42010219900230123"), "孙七", "", "JA01", "2020-05-01", "劳务派遣", "是", ""], // 4: 1990-02-30
            [idNumber("42010219910307123"), "周八", "", "NOPE", "2020-05-01", "固定期限", "否", ""], // 5: unknown org
            [idNumber("42050219850101002"), "李四", "", "JA01", "2020-05-01", "固定期限", "否", ""], // 6: member elsewhere
            [good, "张三", "13812345678", "JA01", "2020-05-01", "固定期限", "否", ""],          // 7: duplicate of row 2
            [idNumber("42010219920307123"), "吴九", "", "JA01", "2020/13/01", "固定期限", "否", ""], // 8: malformed date
            [idNumber("42010219930307123"), "", "", "JA01", "2020-05-01", "固定期限", "否", ""],     // 9: empty name
            [idNumber("42010219940307123"), "郑十", "", "JA", "2020-05-01", "临时工", "也许", ""],  // 10: county, type, yes/no
        ]
        let report = try await importMembers(t.store, rows)
        #expect(!report.written)
        #expect(report.rejected == 8)
        let byRow = Dictionary(grouping: report.problems, by: \.row)
        #expect(byRow[2] == nil)
        #expect(byRow[3]?.first?.column == "身份证号")
        #expect(byRow[3]?.first?.reason.contains("校验") == true)
        #expect(byRow[4]?.first?.reason.contains("19900230") == true)
        #expect(byRow[5]?.first?.column == "所属工会代码")
        #expect(byRow[6]?.first?.reason.contains("其他工会") == true)
        #expect(byRow[7]?.first?.reason.contains("第 2 行") == true)
        #expect(byRow[8]?.first?.column == "入会日期")
        #expect(byRow[9]?.first?.column == "姓名")
        #expect(Set(byRow[10]?.map(\.column) ?? []) == ["所属工会代码", "用工形式", "是否农民工"])
        #expect(try await memberCount(t.store) == 1)

        // With skip-invalid the good row lands and only it.
        let partial = try await importMembers(t.store, rows, skipInvalid: true)
        #expect(partial.written)
        #expect(partial.inserted == 1)
        #expect(try await memberCount(t.store) == 2)
        }
    }

    func memberIndexes(_ store: Store) async throws -> Set<String> {
        try await store.database.read { db in
            let q: SQLQueryString = store.database.engine == .sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('members', 'member_periods') AND sql IS NOT NULL"
                : NationTest.shards == nil
                ? "SELECT indexname AS name FROM pg_indexes WHERE tablename IN ('members', 'member_periods') AND schemaname = current_schema()"
                // On a nation's coordinator the indexes are the partitions' (the local one here).
                : "SELECT regexp_replace(indexname, '_local$', '') AS name FROM pg_indexes WHERE tablename IN ('members__local', 'member_periods__local') AND schemaname = current_schema()"
            return Set(try await db.raw(q).all().map { try $0.decode(column: "name", as: String.self) })
        }
    }

    /// The first load into an empty registry validates and writes in one pass, with the member
    /// indexes built at the end: a bad file still writes nothing, and the indexes survive both ways.
    @Test(arguments: Engines.all)
    func firstLoadIntoAnEmptyRegistry(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await SmallTree.build(t.store)
        let indexes = try await memberIndexes(t.store)
        #expect(indexes.contains("members_name") && indexes.contains("member_periods_org"))
        var rows: [[String]] = (0..<40).map { i in
            [idNumber("42010219900307\(String(format: "%03d", i))"), "王\(i)", "", "JA01", "2020-05-01", "固定期限", i % 2 == 0 ? "是" : "否", i == 5 ? "保留会籍" : ""]
        }
        rows[30][4] = "2020-02-30"                      // row 32: impossible date, after 29 good rows
        rows.append(rows[3])                            // row 42: duplicate of row 5
        let bad = try await importMembers(t.store, rows)
        #expect(!bad.written)
        #expect(bad.rowsTotal == 41 && bad.rejected == 2)
        #expect(Set(bad.problems.map(\.row)) == [32, 42])
        #expect(bad.problems.first { $0.row == 42 }?.reason.contains("第 5 行") == true)
        #expect(try await memberCount(t.store) == 0)
        #expect(try await memberIndexes(t.store) == indexes)
        #expect(try await memberTotalsMismatches(t.store).isEmpty)

        // Skipping the bad rows: the other 39 land, once each, with their periods and indexes.
        let partial = try await importMembers(t.store, rows, skipInvalid: true)
        #expect(partial.written && partial.inserted == 39 && partial.rejected == 2)
        #expect(try await memberCount(t.store) == 39)
        #expect(try await memberIndexes(t.store) == indexes)
        let found = try await t.store.members.lookup(idNumber: try IDNumber(rows[5][0]), actor: system)
        #expect(found.name == "王5" && found.status == .retained)
        let page = try await t.store.members.search(name: "王1", orgCode: nil, status: nil, actor: system)
        #expect(page.total == 11) // 王1, 王10…王19
        let onJoinDay = try await t.store.members.members(of: "JA01", asOf: try CivilDate(parsing: "2020-05-01"), actor: system)
        #expect(onJoinDay.count == 39)
        // The roll-up was rebuilt once at the end (38 in good standing, 王5 retained) and is kept
        // by its triggers again afterwards.
        #expect(try await memberTotalsMismatches(t.store).isEmpty)
        let ja01 = try await t.store.statistics.annualReport(code: "JA01", asOf: .today(), depth: 0, actor: system)
        #expect(ja01.root.figures.members == 38 && ja01.root.figures.migrantMembers == 19)

        // The registry is no longer empty: the same file again goes the two-pass way and changes nothing.
        let again = try await importMembers(t.store, rows, skipInvalid: true)
        #expect(again.unchanged == 39 && again.inserted == 0)
        _ = try await t.store.members.changeStatus(id: found.id, to: .active, on: .today(), reason: "恢复", actor: system)
        #expect(try await t.store.statistics.annualReport(code: "JA01", asOf: .today(), depth: 0, actor: system).root.figures.members == 39)
        #expect(try await memberTotalsMismatches(t.store).isEmpty)
        }
    }

    @Test(arguments: Engines.all)
    func wrongColumnsAreRefused(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        let report = try await importMembers(t.store, [["x"]], header: ["身份证号", "姓名", "工号"])
        #expect(!report.written)
        #expect(report.problems.contains { $0.column == "工号" && $0.reason.contains("未知的列名") })
        #expect(report.problems.contains { $0.reason.contains("所属工会代码") })
        }
    }

    @Test(arguments: Engines.all)
    func reimportChangesNothingAndEnglishHeadersWork(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await SmallTree.build(t.store)
        let rows: [[String]] = (0..<30).map { i in
            let id = idNumber("4201021990" + String(format: "%02d%02d", i / 28 + 1, i % 28 + 1) + "123")
            return [id, "会员\(i)", "1381234" + String(format: "%04d", i), i % 2 == 0 ? "JA01" : "XL01",
                    "2019-01-0\(i % 9 + 1)", i % 3 == 0 ? "new_forms" : "fixed_term", i % 4 == 0 ? "是" : "否", i == 5 ? "保留会籍" : ""]
        }
        let english = ["id_number", "name", "phone", "org_code", "joined_on", "employment_type", "is_migrant", "status"]
        let first = try await importMembers(t.store, rows, header: english)
        #expect(first.written)
        #expect(first.inserted == 30)
        let auditBefore = try await t.store.auditLog.verify().entries
        let second = try await importMembers(t.store, rows, header: english)
        #expect(second.inserted == 0)
        #expect(second.updated == 0)
        #expect(second.unchanged == 30)
        #expect(second.summary.contains("没有任何更改"))
        #expect(try await memberCount(t.store) == 30)
        // A changed phone is an update, not a new member.
        var changed = rows
        changed[0][2] = "13999999999"
        let third = try await importMembers(t.store, changed, header: english)
        #expect(third.updated == 1)
        #expect(third.unchanged == 29)
        #expect(try await t.store.auditLog.verify().entries == auditBefore + 2)
        let retained = try await t.store.members.search(name: "会员5", orgCode: nil, status: .retained, actor: system)
        #expect(retained.total == 1)
        }
    }

    @Test(arguments: Engines.all)
    func orgsInAnyOrderAndBadRows(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        let header = ["组织代码", "组织名称", "上级组织代码", "组织类型", "统一社会信用代码", "行政区划代码", "职工人数", "女职工人数"]
        let first17 = "91420102MA4K00001"
        let validCredit = first17 + String(CreditCode.checkCharacter(for: first17)!)
        // Children come before their parents.
        var rows: [[String]] = [
            ["G1", "江岸机械厂工会", "C1", "基层", validCredit, "420102", "100", "40"],
            ["C1", "江岸区总工会", "S1", "县", "", "420102", "", ""],
            ["S1", "武汉市总工会", "P1", "市", "", "420100", "", ""],
            ["P1", "湖北省总工会", "", "省", "", "420000", "", ""],
        ]
        let (report, _) = try await OrgImporter(store: t.store).run(source: InMemoryTable(header: header, rows: rows), options: ImportOptions(), actor: system)
        #expect(report.problems.isEmpty)
        #expect(report.inserted == 4)
        let g1 = try await t.store.orgs.org(code: "G1", actor: system)
        #expect(g1.depth == 3)
        #expect(g1.parentCode == "C1")
        let bad: [[String]] = [
            ["G2", "坏工会", "C1", "基层", "91420102MA4K0000I", "420102", "10", "20"],   // bad USCC length+char, women > employees
            ["G3", "无上级", "NOPE", "基层", "", "420199", "1", "0"],                   // unknown parent, region not in catalog
            ["G4", "县下设县", "C1", "县", "", "", "", ""],                             // kind not allowed
            ["G6", "无上级", "NOPE", "基层", "", "420102", "1", "0"],                   // unknown parent
            ["G5", "好工会", "C1", "基层", "", "", "5", "1"],
        ]
        let (r2, _) = try await OrgImporter(store: t.store).run(source: InMemoryTable(header: header, rows: bad), options: ImportOptions(), actor: system)
        #expect(!r2.written)
        #expect(r2.rejected == 4)
        #expect(r2.problems.contains { $0.row == 2 && $0.column == "统一社会信用代码" })
        #expect(r2.problems.contains { $0.row == 2 && $0.column == "女职工人数" })
        #expect(r2.problems.contains { $0.row == 3 && $0.column == "行政区划代码" })
        #expect(r2.problems.contains { $0.row == 5 && $0.column == "上级组织代码" })
        #expect(r2.problems.contains { $0.row == 4 && $0.column == "组织类型" })
        await #expect(throws: StoreError.self) { _ = try await t.store.orgs.org(code: "G5", actor: system) }
        // The chair's phone is not in the template: an import that edits the union keeps it.
        let draft = OrganizationDraft(code: "G1", name: "江岸机械厂工会", parentCode: "C1", kind: .grassroots,
                                      creditCode: try CreditCode(validCredit), regionCode: try RegionCode("420102"),
                                      employees: 100, womenEmployees: 40, chairPhone: try PhoneNumber("13912345678"))
        let withPhone = try await t.store.orgs.update(code: "G1", with: draft, expectedVersion: nil, on: today, actor: system)
        #expect(withPhone.chairPhoneMasked == "139****5678")
        var renamed = rows
        renamed[0][1] = "江岸机械厂有限公司工会"
        let (r4, _) = try await OrgImporter(store: t.store).run(source: InMemoryTable(header: header, rows: renamed), options: ImportOptions(), actor: system)
        #expect(r4.updated == 1)
        let afterImport = try await t.store.orgs.org(code: "G1", actor: system)
        #expect(afterImport.name == "江岸机械厂有限公司工会")
        #expect(afterImport.chairPhoneMasked == "139****5678")
        // An edit that leaves the phone out keeps it; one that gives none clears it.
        var edit = draft
        edit.name = "江岸机械厂有限公司工会"
        edit.chairPhone = nil
        #expect(try await t.store.orgs.update(code: "G1", with: edit, keepChairPhone: true, expectedVersion: nil, on: today, actor: system).chairPhoneMasked == "139****5678")
        #expect(try await t.store.orgs.update(code: "G1", with: edit, expectedVersion: nil, on: today, actor: system).chairPhoneMasked == nil)
        rows[0][1] = "江岸机械厂有限公司工会"
        // Re-import of the first file: nothing changes.
        let (r3, _) = try await OrgImporter(store: t.store).run(source: InMemoryTable(header: header, rows: rows), options: ImportOptions(), actor: system)
        #expect(r3.unchanged == 4)
        #expect(r3.inserted == 0)
        }
    }
}
