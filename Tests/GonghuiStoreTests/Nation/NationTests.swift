import Foundation
import GonghuiDomain
@testable import GonghuiStore
import SQLKit
import Testing

/// The nation's layout on a coordinator and two shards (scripts/nation-up.sh): routing by
/// province, a member moving between provinces, a shard that is down, and a province moving
/// between shards stopped at every step. Runs when the test script gives the shards.
@Suite(.enabled(if: NationTest.shards != nil, "needs GONGHUI_TEST_NATION_SHARDS (scripts/nation-up.sh)"))
struct NationTests {
    /// 湖北 (the small tree, on shard 1) with three members, and 湖南 (shard 2) with one union and two.
    static func twoProvinces(_ t: TestStore) async throws -> (hb: Organization, hn: Organization) {
        try await SmallTree.build(t.store)
        let on = CivilDate(year: 2020, month: 1, day: 1)!
        _ = try await t.store.orgs.create(OrganizationDraft(code: "HN", name: "湖南省总工会", parentCode: nil, kind: .province, regionCode: try RegionCode("430000")), on: on, actor: system)
        _ = try await t.store.orgs.create(OrganizationDraft(code: "CS01", name: "长沙机床厂工会", parentCode: "HN", kind: .grassroots, regionCode: try RegionCode("430102"), employees: 30), on: on, actor: system)
        _ = try await SmallTree.member(t.store, id: idNumber("42010219800101001"), name: "张伟", org: "JA01")
        _ = try await SmallTree.member(t.store, id: idNumber("42010219800101002"), name: "李娜", org: "JA01")
        _ = try await SmallTree.member(t.store, id: idNumber("42050219800101003"), name: "王芳", org: "XL01")
        _ = try await SmallTree.member(t.store, id: idNumber("43010219800101004"), name: "刘洋", org: "CS01")
        _ = try await SmallTree.member(t.store, id: idNumber("43010219800101005"), name: "陈静", org: "CS01")
        return (try await t.store.orgs.org(code: "HB", actor: system), try await t.store.orgs.org(code: "HN", actor: system))
    }

    static func url(_ t: TestStore) -> String {
        guard case .postgres(let url) = t.store.database.location else { return "" }
        return url
    }

    static func plan(_ t: TestStore, _ query: String) async throws -> String {
        try await t.store.database.read { db in
            try await db.raw(sqlText("EXPLAIN (VERBOSE, COSTS OFF) " + query)).all().map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "\n")
        }
    }

    /// Rows of `table` for province `code` counted on the shard itself.
    static func onShard(_ t: TestStore, _ shard: Int, _ table: String, _ code: String) async throws -> Int? {
        let base = try await t.store.database.read { db in
            try await db.raw("SELECT url FROM nation_shards WHERE n = \(bind: shard)").first()!.decode(column: "url", as: String.self)
        }
        let db = try await Database.open(.postgres(url: base))
        defer { Task { await db.close() } }
        return try await db.read { sql in
            guard try await sql.raw("SELECT to_regclass(\(bind: "public." + NationLayout.partition(table, code: code))) IS NOT NULL AS yes").first()!.decode(column: "yes", as: Bool.self) else { return nil }
            return try await sql.raw(sqlText("SELECT COUNT(*) AS n FROM public.\(NationLayout.partition(table, code: code))")).first()!.decode(column: "n", as: Int.self)
        }
    }

    @Test func aProvincesWorkGoesToItsShardAndTheNationsToEvery() async throws {
        try await withStore(.postgres) { t in
            // setup
            let (hb, hn) = try await Self.twoProvinces(t)
            // action
            let one = try await Self.plan(t, "SELECT id, name FROM members WHERE province_id = \(hb.id) AND name = '张伟'")
            let national = try await Self.plan(t, "SELECT province_id, COUNT(*) FROM members GROUP BY province_id")
            // check: one foreign scan, on 湖北's partition, which lives on shard1
            #expect(one.components(separatedBy: "Foreign Scan").count - 1 == 1, "\(one)")
            #expect(one.contains("public.members_hb"), "\(one)")
            let server = try await t.store.database.read { db in
                try await db.raw("""
                    SELECT s.srvname::text AS s FROM pg_foreign_table f JOIN pg_foreign_server s ON s.oid = f.ftserver WHERE f.ftrelid = 'public.members_hb'::regclass
                    """).first()!.decode(column: "s", as: String.self)
            }
            #expect(server == "shard1")
            #expect(national.contains("public.members_hb") && national.contains("public.members_hn"), "\(national)")
            // grouped by province, each shard counts its own and the shards work at once
            #expect(national.components(separatedBy: "Relations: Aggregate on").count - 1 == 2, "\(national)")
            #expect(national.contains("Async Foreign Scan"), "\(national)")
            // the rows are where the plan says
            #expect(try await Self.onShard(t, 1, "members", "HB") == 3)
            #expect(try await Self.onShard(t, 2, "members", "HN") == 2)
            #expect(try await Self.onShard(t, 1, "members", "HN") == nil)
            // and the application's figures are exact
            #expect(try await t.store.statistics.annualReport(code: "HB", asOf: .today(), depth: 1, actor: system).root.figures.members == 3)
            #expect(try await t.store.statistics.annualReport(code: "HN", asOf: .today(), depth: 1, actor: system).root.figures.members == 2)
            #expect(try await memberTotalsMismatches(t.store).isEmpty)
            _ = hn
        }
    }

    @Test func aMemberTransferredFromHubeiToHunanMovesShardAndKeepsHistory() async throws {
        try await withStore(.postgres) { t in
            // setup
            _ = try await Self.twoProvinces(t)
            let m = try await t.store.members.lookup(idNumber: try IDNumber(idNumber("42010219800101001")), actor: system)
            let d1 = CivilDate.today().adding(days: -20), d2 = CivilDate.today().adding(days: -10)
            // action
            let tr = try await t.store.members.requestTransfer(memberID: m.id, toOrgCode: "CS01", on: d1, reason: "调往长沙", actor: system)
            _ = try await t.store.members.decideTransfer(id: tr.id, approve: true, on: d1, reason: "", actor: system)
            _ = try await t.store.members.decideTransfer(id: tr.id, approve: true, on: d2, reason: "", actor: system)
            // check: the member row now lives on shard 2, same id; history spans both provinces
            let after = try await t.store.members.member(id: m.id, actor: system)
            #expect(after.orgCode == "CS01")
            #expect(try await Self.onShard(t, 1, "members", "HB") == 2)
            #expect(try await Self.onShard(t, 2, "members", "HN") == 3)
            let history = try await t.store.members.history(id: m.id, actor: system)
            #expect(history.count >= 2, "\(history)")
            let periods = try await t.store.database.read { db in
                try await db.raw("SELECT valid_from, valid_to, tableoid::regclass::text AS part FROM member_periods WHERE member_id = \(bind: m.id) ORDER BY valid_from").all()
                    .map { (try $0.decode(column: "part", as: String.self), try $0.decode(column: "valid_to", as: String?.self)) }
            }
            #expect(periods.map(\.0) == ["member_periods_hb", "member_periods_hn"], "\(periods)")
            #expect(periods.first?.1 == d2.iso && periods.last?.1 == nil, "\(periods)")
            #expect(try await t.store.statistics.annualReport(code: "HB", asOf: .today(), depth: 1, actor: system).root.figures.members == 2)
            #expect(try await t.store.statistics.annualReport(code: "HN", asOf: .today(), depth: 1, actor: system).root.figures.members == 3)
            #expect(try await t.store.statistics.annualReport(code: "HB", asOf: d1, depth: 1, actor: system).root.figures.members == 3)
            #expect(try await memberTotalsMismatches(t.store).isEmpty)
            // an update that would change a row's province in place is refused, not misfiled
            await #expect(throws: (any Error).self) {
                try await t.store.database.write { db in try await db.raw("UPDATE members SET province_id = province_id + 1 WHERE id = \(bind: m.id)").run() }
            }
        }
    }

    @Test func aShardThatIsDownFailsItsProvincesClearlyAndOnlyThem() async throws {
        try await withStore(.postgres) { t in
            // setup
            _ = try await Self.twoProvinces(t)
            // action: this deployment's second shard stops answering (its server points at a closed port)
            try await t.store.database.write { db in try await db.raw("ALTER SERVER shard2 OPTIONS (SET port '1')").run() }
            // check
            #expect(try await t.store.statistics.annualReport(code: "HB", asOf: .today(), depth: 1, actor: system).root.figures.members == 3)
            do {
                _ = try await t.store.statistics.annualReport(code: "HN", asOf: .today(), depth: 1, actor: system)
                Issue.record("湖南's report should fail while its shard is down")
            } catch let e as NationError {
                guard case .shardUnavailable(let server, _) = e else { Issue.record("\(e)"); return }
                #expect(server == "shard2")
                #expect(e.message.contains("shard2") && e.message.contains("其他省份不受影响"))
            }
        }
    }

    @Test(arguments: Nation.MoveStep.allCases)
    func movingAProvinceStoppedAfterAnyStepLosesNothing(_ stop: Nation.MoveStep) async throws {
        try await withStore(.postgres) { t in
            // setup
            _ = try await Self.twoProvinces(t)
            let url = Self.url(t)
            let before = try await Self.onShard(t, 1, "member_periods", "HB")
            // action: stopped after `stop`
            await #expect(throws: NationError.stoppedAfter(stop.label)) {
                _ = try await Nation.moveProvince(coordinator: url, code: "HB", to: 2, stopAfter: stop)
            }
            // check: meanwhile readable, not writable, and recorded
            let placement = try await Nation.placements(t.store.database).first { $0.code == "HB" }
            #expect(placement?.readOnly == true && placement?.moveStep == stop.rawValue && placement?.movingFrom == 1 && placement?.movingTo == 2)
            #expect(try await t.store.statistics.annualReport(code: "HB", asOf: .today(), depth: 1, actor: system).root.figures.members == 3)
            await #expect(throws: (any Error).self) { _ = try await SmallTree.member(t.store, id: idNumber("42010219800101009"), name: "赵磊", org: "JA02") }
            // action: run again, to the end
            let report = try await Nation.moveProvince(coordinator: url, code: "HB", to: 2)
            // check
            #expect(report.resumedAfter == stop)
            #expect(report.tables.first { $0.table == "member_periods" }?.rows == Int64(before ?? -1))
            #expect(try await Self.onShard(t, 2, "member_periods", "HB") == before)
            #expect(try await Self.onShard(t, 1, "member_periods", "HB") == nil)
            let now = try await Nation.placements(t.store.database).first { $0.code == "HB" }
            #expect(now?.shard == 2 && now?.readOnly == false && now?.moveStep == nil)
            _ = try await SmallTree.member(t.store, id: idNumber("42010219800101009"), name: "赵磊", org: "JA02")
            #expect(try await t.store.statistics.annualReport(code: "HB", asOf: .today(), depth: 1, actor: system).root.figures.members == 4)
            #expect(try await memberTotalsMismatches(t.store).isEmpty)
        }
    }

    /// Two provinces' rosters loaded at once into a nation with nobody yet: each takes the bulk
    /// path into its own province without waiting for the other, and the roll-up is exact.
    @Test func twoProvincesRostersLoadAtOnce() async throws {
        try await withStore(.postgres) { t in
            // setup: 湖北 and 湖南, no members
            try await SmallTree.build(t.store)
            let on = CivilDate(year: 2020, month: 1, day: 1)!
            _ = try await t.store.orgs.create(OrganizationDraft(code: "HN", name: "湖南省总工会", parentCode: nil, kind: .province, regionCode: try RegionCode("430000")), on: on, actor: system)
            _ = try await t.store.orgs.create(OrganizationDraft(code: "CS01", name: "长沙机床厂工会", parentCode: "HN", kind: .grassroots, regionCode: try RegionCode("430102"), employees: 300), on: on, actor: system)
            func rows(_ prefix: String, _ orgs: [String], _ n: Int) -> [[String]] {
                (0..<n).map { i in [idNumber(prefix + String(format: "%03d", i)), "职工\(i)", "", orgs[i % orgs.count], "2020-05-01", "固定期限", i % 3 == 0 ? "是" : "否", i % 10 == 9 ? "保留会籍" : ""] }
            }
            let hubei = rows("42010219900307", ["JA01", "JA02", "XL01"], 120), hunan = rows("43010219900307", ["CS01"], 80)
            let store = t.store
            // action
            async let a = MemberImporter(store: store).run(open: { InMemoryTable(header: ImportTests.header, rows: hubei) },
                                                           options: ImportOptions(fileSHA256: "hb"), actor: system, onReject: { _, _, _ in })
            async let b = MemberImporter(store: store).run(open: { InMemoryTable(header: ImportTests.header, rows: hunan) },
                                                           options: ImportOptions(fileSHA256: "hn"), actor: system, onReject: { _, _, _ in })
            let (ra, rb) = try await (a, b)
            // check
            #expect(ra.0.written && ra.0.inserted == 120 && rb.0.written && rb.0.inserted == 80)
            #expect(try await Self.onShard(t, 1, "members", "HB") == 120)
            #expect(try await Self.onShard(t, 2, "members", "HN") == 80)
            #expect(try await t.store.statistics.annualReport(code: "HB", asOf: .today(), depth: 1, actor: system).root.figures.members == 108)
            #expect(try await t.store.statistics.annualReport(code: "HN", asOf: .today(), depth: 1, actor: system).root.figures.members == 72)
            let mismatches = try await memberTotalsMismatches(t.store)
            #expect(mismatches.isEmpty, "\(mismatches)")
            // the triggers are back on: one more member counts at once
            _ = try await SmallTree.member(t.store, id: idNumber("43010219800101005"), name: "陈静", org: "CS01")
            #expect(try await t.store.statistics.annualReport(code: "HN", asOf: .today(), depth: 1, actor: system).root.figures.members == 73)
            #expect(try await memberTotalsMismatches(t.store).isEmpty)
        }
    }

    @Test func setupIsRefusedWithReasons() async throws {
        #expect(throws: NationError.badAssignment("HB")) { _ = try Nation.parseAssignments("HB") }
        #expect(throws: NationError.badAssignment("H-B=1")) { _ = try Nation.parseAssignments("H-B=1") }
        #expect(try Nation.parseAssignments("hb=1, HN=2") == ["HB": 1, "HN": 2])
        await #expect(throws: NationError.unknownShard(code: "HN", shard: 3, shards: 1)) {
            _ = try await Nation.initialize(coordinator: "postgres://127.0.0.1/x", shards: ["postgres://127.0.0.1/y"], assign: ["HN": 3])
        }
        try await withStore(.postgres) { t in
            await #expect(throws: NationError.alreadyANation) {
                _ = try await Nation.initialize(coordinator: Self.url(t), shards: NationTest.shards ?? [], assign: ["HB": 1])
            }
        }
    }
}
