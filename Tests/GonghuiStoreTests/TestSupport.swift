import Foundation
import GonghuiDomain
@testable import GonghuiStore
import SQLKit
import Synchronization

/// The engines a store test runs on: SQLite always, PostgreSQL when the test script gives a
/// server (GONGHUI_TEST_POSTGRES_URL). Each test gets a fresh database.
enum Engines {
    static var all: [SQLEngine] {
        // On a nation's deployment (NationTest) the run is about PostgreSQL only.
        ProcessInfo.processInfo.environment["GONGHUI_TEST_POSTGRES_URL"].map { _ in NationTest.shards == nil ? [.sqlite, .postgres] : [.postgres] } ?? [.sqlite]
    }
}

struct TestStore {
    let store: Store
    let cleanup: () async -> Void

    static func make(_ engine: SQLEngine) async throws -> TestStore {
        let text = FieldCipher.generateEncodedKey()
        TestKeys.remember(text)
        let key = KeySettings(key: text)
        switch engine {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gonghui-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let (store, _) = try await Store.open(configuration: StoreConfiguration(location: .sqlite(path: dir.appendingPathComponent("t.sqlite").path), key: key))
            return TestStore(store: store) {
                await store.close()
                try? FileManager.default.removeItem(at: dir)
            }
        case .postgres:
            let base = ProcessInfo.processInfo.environment["GONGHUI_TEST_POSTGRES_URL"]!
            let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
            let admin = try await Database.open(.postgres(url: base))
            _ = try await admin.read { db in try await db.raw("CREATE DATABASE \(unsafeRaw: String(name))").run() }
            var c = URLComponents(string: base)!
            c.path = "/" + name
            c.queryItems = [URLQueryItem(name: "pool", value: "4")]
            if let shards = NationTest.shards {
                try await NationTest.lay(String(name), coordinator: c.string!, shards: shards)
            }
            let (store, _) = try await Store.open(configuration: StoreConfiguration(location: .postgres(url: c.string!), key: key))
            return TestStore(store: store) {
                await store.close()
                _ = try? await admin.read { db in try await db.raw("DROP DATABASE IF EXISTS \(unsafeRaw: String(name)) WITH (FORCE)").run() }
                await admin.close()
                if let shards = NationTest.shards { await Nation.dropDatabase(String(name), on: shards) }
            }
        }
    }
}

/// GONGHUI_TEST_NATION_SHARDS (space-separated server URLs, from scripts/nation-up.sh) makes
/// every PostgreSQL test database a nation's coordinator (GONGHUI_TEST_POSTGRES_URL's server)
/// with a database of the same name on each shard: the whole suite then runs distributed.
enum NationTest {
    static var shards: [String]? {
        let list = (ProcessInfo.processInfo.environment["GONGHUI_TEST_NATION_SHARDS"] ?? "").split(separator: " ").map(String.init)
        return list.isEmpty ? nil : list
    }
    /// The tests' provinces: 湖北 on the first shard, 湖南 and the server tests' P42 on the second.
    static let assignments = ["HB": 1, "HN": 2, "P42": 2]

    static func lay(_ name: String, coordinator: String, shards: [String]) async throws {
        try await Nation.createDatabase(name, on: shards)
        try await Nation.initialize(coordinator: coordinator, shards: shards.map { Nation.url($0, database: name) },
                                    assign: assignments.filter { $0.value <= shards.count })
    }
}

/// The keys the tests' stores were opened with, by fingerprint: a backup or a rotation test
/// needs the key as text.
enum TestKeys {
    private static let keys = Mutex<[String: String]>([:])
    static func remember(_ text: String) {
        let fp = try! FieldCipher(encodedKey: text).fingerprint
        keys.withLock { $0[fp] = text }
    }
    static func text(for fingerprint: String) -> String? { keys.withLock { $0[fingerprint] } }
}

/// Runs `body` on a fresh store and always closes it, whether the body passes, fails or throws.
func withStore(_ engine: SQLEngine, _ body: (TestStore) async throws -> Void) async throws {
    let t = try await TestStore.make(engine)
    do {
        try await body(t)
    } catch {
        await t.cleanup()
        throw error
    }
    await t.cleanup()
}

/// Valid ID numbers built with the check character, so tests state only what matters.
func idNumber(_ first17: String) -> String { first17 + String(IDNumber.checkCharacter(for: first17)) }

let system = Actor.system("test")
let today = CivilDate.today()

/// A small province: two cities, each with a county, each with two grassroots unions.
///
///     HB  湖北省总工会
///     ├─ WH 武汉市总工会 ── JA 江岸区总工会 ── JA01, JA02
///     └─ YC 宜昌市总工会 ── XL 西陵区总工会 ── XL01, XL02
struct SmallTree {
    static func build(_ store: Store) async throws {
        func org(_ code: String, _ name: String, _ parent: String?, _ kind: OrgKind, employees: Int = 0, region: String? = nil) async throws {
            _ = try await store.orgs.create(
                OrganizationDraft(code: code, name: name, parentCode: parent, kind: kind,
                                  regionCode: try region.map { try RegionCode($0) }, employees: employees),
                on: CivilDate(year: 2020, month: 1, day: 1)!, actor: system)
        }
        try await org("HB", "湖北省总工会", nil, .province, region: "420000")
        try await org("WH", "武汉市总工会", "HB", .city, region: "420100")
        try await org("JA", "江岸区总工会", "WH", .county, region: "420102")
        try await org("JA01", "江岸机械厂工会", "JA", .grassroots, employees: 100, region: "420102")
        try await org("JA02", "江岸物流公司工会", "JA", .grassroots, employees: 50, region: "420102")
        try await org("YC", "宜昌市总工会", "HB", .city, region: "420500")
        try await org("XL", "西陵区总工会", "YC", .county, region: "420502")
        try await org("XL01", "西陵电力公司工会", "XL", .grassroots, employees: 80, region: "420502")
        try await org("XL02", "西陵纺织厂工会", "XL", .grassroots, employees: 40, region: "420502")
    }

    static func actor(_ store: Store, org code: String, role: Role = .orgAdmin, username: String? = nil) async throws -> Actor {
        let org = try await store.orgs.org(code: code, actor: system)
        let path = try await store.database.read { db in try await OrgService.path(of: org.id, on: db) }
        return Actor(userID: 1, username: username ?? "officer-\(code)", displayName: username ?? code, role: role, orgID: org.id, orgCode: code, orgName: org.name,
                     scope: Scope(path: path))
    }

    static func member(_ store: Store, id: String, name: String, org: String, joined: CivilDate = CivilDate(year: 2021, month: 3, day: 1)!, phone: String? = "13812345678") async throws -> Member {
        try await store.members.register(
            MemberDraft(idNumber: try IDNumber(id), name: name, phone: try phone.map { try PhoneNumber($0) }, orgCode: org, joinedOn: joined,
                        employmentType: .fixedTerm, isMigrant: false),
            actor: system)
    }
}

/// Where the maintained roll-up (`org_member_totals`) differs from a recount, done here, of the
/// open periods in good standing, and where a period's copy of its member's attributes is out of
/// date: one line per union and figure or per period, empty when all is exact.
func memberTotalsMismatches(_ store: Store) async throws -> [String] {
    try await store.database.read { db in
        let zero = Array(repeating: 0, count: MemberTotals.columns.count)
        var expected: [Int64: [Int]] = [:], actual: [Int64: [Int]] = [:]
        let open = try await db.raw("""
            SELECT p.org_id, m.gender, m.is_migrant, m.employment_type FROM member_periods p JOIN members m ON m.id = p.member_id
            WHERE p.valid_to IS NULL AND p.status = 'active'
            """).all()
        for row in open {
            let type = try row.decode(column: "employment_type", as: String.self)
            let counts = [1, try row.decode(column: "gender", as: String.self) == "female" ? 1 : 0, try row.decode(column: "is_migrant", as: Bool.self) ? 1 : 0]
                + EmploymentType.allCases.map { $0.rawValue == type ? 1 : 0 }
            let id = try row.decode(column: "org_id", as: Int64.self)
            expected[id] = zip(expected[id] ?? zero, counts).map(+)
        }
        for row in try await db.raw("SELECT org_id, \(unsafeRaw: MemberTotals.columnList) FROM org_member_totals").all() {
            actual[try row.decode(column: "org_id", as: Int64.self)] = try MemberTotals.columns.map { try row.decode(column: $0, as: Int.self) }
        }
        var out: [String] = []
        // Every period carries its member's current attributes.
        for row in try await db.raw("""
            SELECT p.id FROM member_periods p JOIN members m ON m.id = p.member_id
            WHERE p.gender IS NULL OR p.gender <> m.gender OR p.is_migrant IS NULL OR p.is_migrant <> m.is_migrant
               OR p.employment_type IS NULL OR p.employment_type <> m.employment_type OR p.joined_on IS NULL OR p.joined_on <> m.joined_on
            """).all() {
            out.append("period \(try row.decode(column: "id", as: Int64.self)): attributes differ from its member's")
        }
        for id in Set(expected.keys).union(actual.keys) {
            let e = expected[id] ?? zero, a = actual[id] ?? zero
            for (i, column) in MemberTotals.columns.enumerated() where e[i] != a[i] { out.append("org \(id) \(column): roll-up \(a[i]), recount \(e[i])") }
        }
        // Every kept snapshot: recounted from the periods in good standing on the day, with the
        // members' own attributes.
        let snapshotZero = Array(repeating: 0, count: MemberSnapshots.columns.count)
        for day in try await MemberSnapshots.keptDays(on: db) {
            var expected: [Int64: [Int]] = [:], actual: [Int64: [Int]] = [:]
            for row in try await db.raw("""
                SELECT p.org_id, m.gender, m.is_migrant, m.employment_type, m.joined_on FROM member_periods p JOIN members m ON m.id = p.member_id
                WHERE p.status = 'active' AND p.valid_from <= \(bind: day.iso) AND (p.valid_to IS NULL OR p.valid_to > \(bind: day.iso))
                """).all() {
                let type = try row.decode(column: "employment_type", as: String.self)
                let counts = [1, try row.decode(column: "gender", as: String.self) == "female" ? 1 : 0, try row.decode(column: "is_migrant", as: Bool.self) ? 1 : 0]
                    + EmploymentType.allCases.map { $0.rawValue == type ? 1 : 0 }
                    + [try row.decode(column: "joined_on", as: String.self) >= day.startOfYear.iso ? 1 : 0]
                let id = try row.decode(column: "org_id", as: Int64.self)
                expected[id] = zip(expected[id] ?? snapshotZero, counts).map(+)
            }
            for row in try await db.raw("SELECT org_id, \(unsafeRaw: MemberSnapshots.columnList) FROM org_member_snapshots WHERE day = \(bind: day.iso)").all() {
                actual[try row.decode(column: "org_id", as: Int64.self)] = try MemberSnapshots.columns.map { try row.decode(column: $0, as: Int.self) }
            }
            for id in Set(expected.keys).union(actual.keys) {
                let e = expected[id] ?? snapshotZero, a = actual[id] ?? snapshotZero
                for (i, column) in MemberSnapshots.columns.enumerated() where e[i] != a[i] {
                    out.append("org \(id) \(column) on \(day.iso): snapshot \(a[i]), recount \(e[i])")
                }
            }
        }
        return out.sorted()
    }
}
