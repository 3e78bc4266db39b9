import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SQLKit
import Testing

/// The database engines the HTTP tests run on: SQLite always, PostgreSQL when
/// GONGHUI_TEST_POSTGRES_URL names a server (each test gets a fresh database on it).
enum Engine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres
    var testDescription: String { rawValue }

    static var available: [Engine] {
        ProcessInfo.processInfo.environment["GONGHUI_TEST_POSTGRES_URL"].map {
            $0.isEmpty ? [.sqlite] : (ProcessInfo.processInfo.environment["GONGHUI_TEST_NATION_SHARDS"] ?? "").isEmpty ? [.sqlite, .postgres] : [.postgres]
        } ?? [.sqlite]
    }
}

let testPassword = "Passw0rd!test"

/// A valid ID number for a birth date and sequence, with its check character computed.
func idNumber(_ address: String = "420102", birth: String, seq: String) -> String {
    let first17 = address + birth + seq
    return first17 + String(IDNumber.checkCharacter(for: first17))
}

/// A small province: P ─ C01 ─ K01 ─ G01 (members: 张三), K02 ─ G02 (members: 李四), and users
/// admin (system admin at P), officer.a (org admin at K01), officer.b (org admin at K02),
/// auditor (auditor at P), reviewer.a (reviewer at K01).
struct Fixture: Sendable {
    let store: Store
    let memberA: Member
    let memberB: Member
    let idA: String
    let idB: String

    static func seed(_ store: Store) async throws -> Fixture {
        let sys = Actor.system("test")
        let past = try CivilDate(parsing: "2010-01-01")
        _ = try await store.orgs.create(OrganizationDraft(code: "P42", name: "湖北省总工会", parentCode: nil, kind: .province), on: past, actor: sys)
        _ = try await store.orgs.create(OrganizationDraft(code: "C01", name: "武汉市总工会", parentCode: "P42", kind: .city), on: past, actor: sys)
        _ = try await store.orgs.create(OrganizationDraft(code: "K01", name: "江岸区总工会", parentCode: "C01", kind: .county), on: past, actor: sys)
        _ = try await store.orgs.create(OrganizationDraft(code: "K02", name: "江汉区总工会", parentCode: "C01", kind: .county), on: past, actor: sys)
        _ = try await store.orgs.create(OrganizationDraft(code: "G01", name: "江岸机械厂工会", parentCode: "K01", kind: .grassroots, employees: 100), on: past, actor: sys)
        _ = try await store.orgs.create(OrganizationDraft(code: "G02", name: "江汉纺织厂工会", parentCode: "K02", kind: .grassroots, employees: 80), on: past, actor: sys)
        let idA = idNumber(birth: "19900101", seq: "123")
        let idB = idNumber(birth: "19850615", seq: "246")
        let joined = try CivilDate(parsing: "2015-01-01")
        let a = try await store.members.register(MemberDraft(idNumber: try IDNumber(idA), name: "张三", phone: try PhoneNumber("13800138000"), orgCode: "G01",
                                                             joinedOn: joined, employmentType: .openEnded, isMigrant: false), actor: sys)
        let b = try await store.members.register(MemberDraft(idNumber: try IDNumber(idB), name: "李四", phone: nil, orgCode: "G02",
                                                             joinedOn: joined, employmentType: .fixedTerm, isMigrant: true), actor: sys)
        for (user, role, org) in [("admin", Role.systemAdmin, "P42"), ("officer.a", .orgAdmin, "K01"), ("officer.b", .orgAdmin, "K02"),
                                  ("auditor", .auditor, "P42"), ("reviewer.a", .reviewer, "K01")] {
            _ = try await store.users.add(username: user, displayName: user, password: testPassword, role: role, orgCode: org, actor: sys)
        }
        return Fixture(store: store, memberA: a, memberB: b, idA: idA, idB: idB)
    }
}

/// Opens a store on a fresh database of the engine, seeds it, runs `body` against the
/// application that `buildApplication` returns, and removes the database afterwards.
func withApp(_ engine: Engine, configuration: AppConfiguration = AppConfiguration(),
             _ body: @Sendable (Fixture, any TestClientProtocol) async throws -> Void) async throws {
    let key = KeySettings(key: FieldCipher.generateEncodedKey())
    switch engine {
    case .sqlite:
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gonghui-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, _) = try await Store.open(configuration: StoreConfiguration(location: .sqlite(path: dir.appendingPathComponent("test.sqlite").path), key: key))
        try await run(store, configuration, body)
    case .postgres:
        let adminURL = ProcessInfo.processInfo.environment["GONGHUI_TEST_POSTGRES_URL"]!
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        let admin = try await Database.open(.postgres(url: adminURL))
        try await admin.read { db in try await db.raw("CREATE DATABASE \(unsafeRaw: String(name))").run() }
        var c = URLComponents(string: adminURL)!
        c.path = "/" + name
        let shards = (ProcessInfo.processInfo.environment["GONGHUI_TEST_NATION_SHARDS"] ?? "").split(separator: " ").map(String.init)
        do {
            if !shards.isEmpty {
                // The whole suite on a nation's coordinator (see the store tests' NationTest).
                try await Nation.createDatabase(String(name), on: shards)
                try await Nation.initialize(coordinator: c.string!, shards: shards.map { Nation.url($0, database: String(name)) },
                                            assign: ["HB": 1, "HN": 2, "P42": 2].filter { $0.value <= shards.count })
            }
            let (store, _) = try await Store.open(configuration: StoreConfiguration(location: .postgres(url: c.string!), key: key))
            try await run(store, configuration, body)
        } catch {
            try? await admin.read { db in try await db.raw("DROP DATABASE IF EXISTS \(unsafeRaw: String(name)) WITH (FORCE)").run() }
            await admin.close()
            await Nation.dropDatabase(String(name), on: shards)
            throw error
        }
        try? await admin.read { db in try await db.raw("DROP DATABASE IF EXISTS \(unsafeRaw: String(name)) WITH (FORCE)").run() }
        await admin.close()
        await Nation.dropDatabase(String(name), on: shards)
    }
}

private func run(_ store: Store, _ configuration: AppConfiguration, _ body: @Sendable (Fixture, any TestClientProtocol) async throws -> Void) async throws {
    do {
        let fixture = try await Fixture.seed(store)
        var logger = Logger(label: "gonghui.test")
        logger.logLevel = .warning
        let app = buildApplication(configuration: configuration, store: store, logger: logger)
        try await app.test(.router) { client in try await body(fixture, client) }
    } catch {
        await store.close()
        throw error
    }
    await store.close()
}

// MARK: Requests

struct Login: Sendable {
    let token: String
    let csrf: String
    let cookie: String
    var bearer: HTTPFields { [.authorization: "Bearer \(token)"] }
}

extension TestClientProtocol {
    func call(_ method: HTTPRequest.Method, _ uri: String, json: Any? = nil, raw: String? = nil, headers: HTTPFields = [:]) async throws -> TestResponse {
        var headers = headers
        var body: ByteBuffer?
        if let json {
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
            headers[.contentType] = "application/json"
        } else if let raw {
            body = ByteBuffer(string: raw)
            headers[.contentType] = "application/json"
        }
        return try await execute(uri: uri, method: method, headers: headers, body: body)
    }

    func login(_ username: String, password: String = testPassword) async throws -> Login {
        let r = try await call(.post, "/api/v1/auth/login", json: ["username": username, "password": password])
        #expect(r.status == .ok, "login \(username): \(String(buffer: r.body))")
        let j = try r.object()
        let cookie = (r.headers[.setCookie] ?? "").split(separator: ";").first.map(String.init) ?? ""
        return Login(token: j["token"] as? String ?? "", csrf: j["csrfToken"] as? String ?? "", cookie: cookie)
    }
}

extension TestResponse {
    func object() throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(body.readableBytesView))
        return try #require(value as? [String: Any], "not a JSON object: \(String(buffer: body))")
    }

    func items() throws -> [[String: Any]] {
        try #require(try object()["items"] as? [[String: Any]])
    }

    var text: String { String(buffer: body) }

    /// Checks the problem document shape and returns it.
    @discardableResult
    func problem(_ status: HTTPResponse.Status, code: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        #expect(self.status == status, "\(text)", sourceLocation: sourceLocation)
        #expect(headers[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
        let p = try object()
        #expect(p["type"] as? String == "about:blank", sourceLocation: sourceLocation)
        #expect(p["status"] as? Int == status.code, sourceLocation: sourceLocation)
        #expect((p["title"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        #expect((p["detail"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        if let code { #expect(p["code"] as? String == code, "\(text)", sourceLocation: sourceLocation) }
        return p
    }
}
