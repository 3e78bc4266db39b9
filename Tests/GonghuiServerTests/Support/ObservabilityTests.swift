import Foundation
import GonghuiDomain
@testable import GonghuiServer
import GonghuiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit
import Synchronization
import Testing

/// Lines a ``StructuredLogHandler`` wrote, kept in memory.
final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    var output: LogOutput {
        LogOutput { [self] bytes in
            let line = String(decoding: bytes, as: UTF8.self)
            lines.withLock { $0.append(line) }
        }
    }

    /// The JSON lines that are request lines (`msg` = `request`).
    func requestLines() throws -> [[String: Any]] {
        try all.compactMap { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
            return object["msg"] as? String == "request" ? object : nil
        }
    }
}

/// Like `withApp`, but with the application's logger writing JSON lines into `log`.
func withLoggedApp(_ engine: Engine, configuration: AppConfiguration = AppConfiguration(), log: CapturedLog,
                   _ body: @Sendable (Fixture, any TestClientProtocol) async throws -> Void) async throws {
    let key = KeySettings(key: FieldCipher.generateEncodedKey())
    func run(_ store: Store) async throws {
        do {
            let fixture = try await Fixture.seed(store)
            let logger = Logger(label: "gonghui") { label in
                StructuredLogHandler(label: label, format: .json, level: .trace, output: log.output)
            }
            let app = buildApplication(configuration: configuration, store: store, logger: logger)
            try await app.test(.router) { client in try await body(fixture, client) }
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }
    switch engine {
    case .sqlite:
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gonghui-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, _) = try await Store.open(configuration: StoreConfiguration(location: .sqlite(path: dir.appendingPathComponent("test.sqlite").path), key: key))
        try await run(store)
    case .postgres:
        let adminURL = ProcessInfo.processInfo.environment["GONGHUI_TEST_POSTGRES_URL"]!
        let name = "w_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        let admin = try await Database.open(.postgres(url: adminURL))
        try await admin.read { db in try await db.raw("CREATE DATABASE \(unsafeRaw: String(name))").run() }
        var c = URLComponents(string: adminURL)!
        c.path = "/" + name
        var failure: (any Error)?
        do {
            let (store, _) = try await Store.open(configuration: StoreConfiguration(location: .postgres(url: c.string!), key: key))
            try await run(store)
        } catch {
            failure = error
        }
        try? await admin.read { db in try await db.raw("DROP DATABASE IF EXISTS \(unsafeRaw: String(name)) WITH (FORCE)").run() }
        await admin.close()
        if let failure { throw failure }
    }
}

@Suite("Logs: structured lines, one per request, nothing sensitive")
struct LogTests {
    @Test("a logfmt line: time, level, logger, message, then the metadata by key; values quoted only when they must be")
    func logfmt() {
        let line = LogLine.render(format: .logfmt, time: (seconds: 1_763_700_000, milliseconds: 7), level: .info, label: "gonghui",
                                  message: "request", metadata: [
                                      "route": "/api/v1/members/{id}", "status": .stringConvertible(200),
                                      "detail": "两个 词", "quote": #"say "hi"\now"#, "empty": "",
                                  ])
        #expect(String(decoding: line, as: UTF8.self) == #"ts=2025-11-21T04:40:00.007Z level=info logger=gonghui msg=request "#
            + #"detail="两个 词" empty="" quote="say \"hi\"\\now" route=/api/v1/members/{id} status=200"# + "\n")
    }

    @Test("no value can start a line of its own: newlines and control characters are escaped in both formats")
    func injection() throws {
        let hostile: Logger.Metadata = ["user": "a\nts=1970-01-01T00:00:00.000Z level=error msg=forged", "bell": "\u{7}"]
        for format in LogFormat.allCases {
            let text = String(decoding: LogLine.render(format: format, time: (0, 0), level: .warning, label: "x", message: "m\r\nn",
                                                       metadata: hostile), as: UTF8.self)
            #expect(text.filter { $0 == "\n" || $0 == "\r\n" }.count == 1, "\(format): \(text)")
            #expect(text.hasSuffix("\n"))
            #expect(!text.contains("\u{7}"))
        }
    }

    @Test("a JSON line is one object: numbers are numbers, nested values nest, reserved keys are not overwritten")
    func json() throws {
        let line = LogLine.render(format: .json, time: (0, 999), level: .error, label: "gonghui.db", message: "查询失败", metadata: [
            "status": .stringConvertible(503), "duration_ms": .stringConvertible(Milliseconds(nanoseconds: 12_345_678)),
            "tags": ["a", "b"], "ctx": ["k": "v"], "msg": "forged", "version": .stringConvertible(Version()),
        ])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        #expect(object["ts"] as? String == "1970-01-01T00:00:00.999Z")
        #expect(object["level"] as? String == "error")
        #expect(object["logger"] as? String == "gonghui.db")
        #expect(object["msg"] as? String == "查询失败")
        #expect(object["status"] as? Int == 503)
        #expect((object["duration_ms"] as? NSNumber)?.doubleValue == 12.345)
        #expect(object["tags"] as? [String] == ["a", "b"])
        #expect(object["ctx"] as? [String: String] == ["k": "v"])
        // Not a number to JSON, whatever its text looks like.
        #expect(object["version"] as? String == "2.0")
    }

    struct Version: CustomStringConvertible, Sendable { var description: String { "2.0" } }

    /// The ID number with another check character: no longer valid.
    static func wrongCheck(_ id: String) -> String { String(id.dropLast()) + (id.last == "0" ? "1" : "0") }

    @Test("milliseconds keep three decimals")
    func milliseconds() {
        #expect(Milliseconds(nanoseconds: 1_234_567).description == "1.234")
        #expect(Milliseconds(nanoseconds: 999).description == "0.000")
        #expect(Milliseconds(nanoseconds: 5_000_050_000).description == "5000.050")
    }

    @Test("the handler keeps its level and metadata per logger, and adds the event's metadata")
    func handler() throws {
        let log = CapturedLog()
        var logger = Logger(label: "t") { StructuredLogHandler(label: $0, format: .logfmt, level: .notice, output: log.output) }
        logger[metadataKey: "hb.request.id"] = "abc"
        logger.info("dropped")
        logger.notice("kept", metadata: ["n": .stringConvertible(1)])
        #expect(log.all.count == 1)
        let line = try #require(log.all.first)
        #expect(line.contains(" level=notice logger=t msg=kept hb.request.id=abc n=1\n"))
    }

    @Test("one info line per request with method, route pattern, status, duration and the request id the client saw; no ID number, phone, name, password or query reaches the log",
          arguments: Engine.available)
    func requestLines(engine: Engine) async throws {
        let log = CapturedLog()
        try await withLoggedApp(engine, log: log) { f, client in
            var answers: [(what: String, response: TestResponse)] = []
            // Login: the password travels in the body.
            let login = try await client.call(.post, "/api/v1/auth/login", json: ["username": "officer.a", "password": testPassword])
            #expect(login.status == .ok)
            answers.append(("login", login))
            let token = try #require(try login.object()["token"] as? String)
            let bearer: HTTPFields = [.authorization: "Bearer \(token)"]
            // A failed login.
            answers.append(("bad login", try await client.call(.post, "/api/v1/auth/login", json: ["username": "officer.a", "password": testPassword + "x"])))
            // Look-up by ID number (POST body), and the identifiers revealed in a response.
            let found = try await client.call(.post, "/api/v1/members/lookup", json: ["idNumber": f.idA], headers: bearer)
            #expect(found.status == .ok)
            answers.append(("lookup", found))
            answers.append(("identifiers", try await client.call(.post, "/api/v1/members/\(f.memberA.id)/identifiers", headers: bearer)))
            // A name in the query string.
            answers.append(("search", try await client.call(.get, "/api/v1/members?name=%E5%BC%A0%E4%B8%89&limit=5", headers: bearer)))
            // Another county's member: 404 from the store.
            answers.append(("outside", try await client.call(.post, "/api/v1/members/lookup", json: ["idNumber": f.idB], headers: bearer)))
            // A wrong check character: 422, the problem document echoes the value to the client.
            let invalid = try await client.call(.post, "/api/v1/members/lookup", json: ["idNumber": Self.wrongCheck(f.idA)], headers: bearer)
            #expect(invalid.status == .unprocessableContent)
            answers.append(("invalid", invalid))
            // No route: the ID number and the phone are in the path and the query.
            let nowhere = try await client.call(.get, "/api/v1/nowhere/\(f.idA)?phone=13800138000", headers: bearer)
            #expect(nowhere.status == .notFound)
            answers.append(("no route", nowhere))

            let lines = try log.requestLines()
            #expect(lines.count == answers.count, "\(log.all)")
            for (line, (what, response)) in zip(lines, answers) {
                let id = try #require(response.headers[HTTPField.Name("X-Request-Id")!], "\(what)")
                #expect(line["level"] as? String == "info", "\(what)")
                #expect(line["hb.request.id"] as? String == id, "\(what)")
                #expect(line["status"] as? Int == response.status.code, "\(what)")
                #expect((line["duration_ms"] as? NSNumber).map { $0.doubleValue >= 0 } == true, "\(what)")
                #expect(line["method"] as? String != nil, "\(what)")
                if response.status.code >= 400, response.headers[.contentType] == "application/problem+json" {
                    #expect(try response.object()["requestId"] as? String == id, "\(what): the problem shows the same id")
                }
            }
            #expect(lines.map { $0["route"] as? String } == [
                "/api/v1/auth/login", "/api/v1/auth/login", "/api/v1/members/lookup", "/api/v1/members/{id}/identifiers",
                "/api/v1/members", "/api/v1/members/lookup", "/api/v1/members/lookup", "unmatched",
            ])
            #expect(Set(lines.compactMap { $0["hb.request.id"] as? String }).count == answers.count, "one id per request")

            // Nothing sensitive in any line (the request lines and whatever else was logged).
            let text = log.all.joined()
            let secrets = [f.idA, f.idB, Self.wrongCheck(f.idA), "13800138000", testPassword, "张三", "%E5%BC%A0", "name=", "phone=", token]
            for secret in secrets {
                #expect(!text.contains(secret), "the log holds “\(secret)”")
            }
        }
    }

    @Test("the request id of an HTML error page is the request's id in the log", arguments: [Engine.sqlite])
    func pageErrorID(engine: Engine) async throws {
        let log = CapturedLog()
        try await withLoggedApp(engine, log: log) { _, client in
            let page = try await client.execute(uri: "/no/such/page", method: .get, headers: [.accept: "text/html"], body: nil)
            #expect(page.status == .notFound)
            let id = try #require(page.headers[HTTPField.Name("X-Request-Id")!])
            #expect(page.text.contains(id))
            let line = try #require(try log.requestLines().last)
            #expect(line["hb.request.id"] as? String == id)
            #expect(line["route"] as? String == "unmatched")
        }
    }

    @Test("probes are logged at debug, so that a load balancer's polling does not fill the log", arguments: [Engine.sqlite])
    func probesAtDebug(engine: Engine) async throws {
        let log = CapturedLog()
        try await withLoggedApp(engine, configuration: AppConfiguration(logLevel: "debug"), log: log) { _, client in
            #expect(try await client.call(.get, "/healthz").status == .ok)
            #expect(try await client.call(.get, "/readyz").status == .ok)
            let lines = try log.requestLines()
            #expect(lines.map { $0["route"] as? String } == ["/healthz", "/readyz"])
            #expect(lines.allSatisfy { $0["level"] as? String == "debug" })
        }
    }
}

@Suite("Health: /healthz and /readyz")
struct HealthTests {
    @Test("ready while the database answers and its schema is this build's; 503 with the reason otherwise", arguments: Engine.available)
    func ready(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let ok = try await client.call(.get, "/readyz")
            #expect(ok.status == .ok)
            #expect(try ok.object()["status"] as? String == "ready")
            #expect(try ok.object()["schemaVersion"] as? Int == Database.newestMigration)
            #expect(Database.newestMigration > 1)

            // As after `gonghui migrate --down`, or a server newer than its database.
            let newest = Database.newestMigration
            let name = try await f.store.database.read { db in
                try await db.raw("SELECT name FROM schema_migrations WHERE version = \(bind: newest)").first()?.decode(column: "name", as: String.self)
            }
            try await f.store.database.write { db in try await db.raw("DELETE FROM schema_migrations WHERE version = \(bind: newest)").run() }
            let behind = try await client.call(.get, "/readyz")
            let p = try behind.problem(.serviceUnavailable, code: "not_ready")
            #expect((p["detail"] as? String)?.contains("第 \(newest) 号") == true)
            #expect(behind.headers[.contentType] == "application/problem+json", "a problem document, not an error page")
            // The liveness check does not look at the database.
            #expect(try await client.call(.get, "/healthz").status == .ok)

            try await f.store.database.write { db in
                try await db.raw("INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(bind: newest), \(bind: name ?? "x"), 0)").run()
            }
            #expect(try await client.call(.get, "/readyz").status == .ok)
        }
    }

    @Test("another method on the probes and /metrics is a problem document, never a 500 (the contract check sends TRACE with a token)",
          arguments: [Engine.sqlite])
    func otherMethods(engine: Engine) async throws {
        try await withApp(engine, configuration: AppConfiguration(metricsToken: MetricsTests.token)) { _, client in
            let admin = try await client.login("admin")
            for path in ["/readyz", "/metrics", "/healthz"] {
                for method in [HTTPRequest.Method.trace, .delete, .post] {
                    let r = try await client.call(method, path, headers: admin.bearer)
                    #expect(r.status.code < 500, "\(method) \(path): \(r.text)")
                    #expect(r.headers[.contentType] == "application/problem+json", "\(method) \(path)")
                }
            }
        }
    }

    @Test("a database that does not answer in time is not ready, and the probe does not hang with it")
    func timeout() async throws {
        // The work ignores cancellation, like a connection stuck in the network, and ends only when
        // the test lets it go: so `withTimeout` returning at all, with the work still running, shows
        // it does not wait for the work (no wall-clock bound, which a busy machine would break).
        let released = Mutex(false)
        let finished = Mutex(false)
        await #expect(throws: TimedOut.self) {
            try await withTimeout(.milliseconds(50)) { () async throws -> Int in
                let giveUp = ContinuousClock.now + .seconds(60)
                while !released.withLock({ $0 }) && ContinuousClock.now < giveUp { try? await Task.sleep(for: .milliseconds(10)) }
                finished.withLock { $0 = true }
                return 1
            }
        }
        #expect(finished.withLock { $0 } == false, "the timeout waited for the work it gave up on")
        released.withLock { $0 = true }
        #expect(try await withTimeout(.seconds(5)) { 42 } == 42)
    }
}

/// Serialized: the scrape-time gauges live in the process's one registry.
@Suite("Metrics: /metrics in the Prometheus text format", .serialized)
struct MetricsTests {
    static let token = "test-metrics-token-0123456789abcdef"

    @Test("without metrics.token there is no /metrics (404), even for a signed-in administrator", arguments: [Engine.sqlite])
    func absent(engine: Engine) async throws {
        try await withApp(engine) { _, client in
            let admin = try await client.login("admin")
            try await client.call(.get, "/metrics").problem(.notFound, code: "not_found")
            try await client.call(.get, "/metrics", headers: admin.bearer).problem(.notFound, code: "not_found")
        }
    }

    @Test("requests by route pattern and status, database and pool time, imports, reports and the gauges read at scrape time; only for the token's bearer",
          arguments: Engine.available)
    func scrape(engine: Engine) async throws {
        // What `gonghui serve` does before it opens the store (once per process).
        ServerMetrics.bootstrap()
        try await withApp(engine, configuration: AppConfiguration(metricsToken: Self.token)) { f, client in
            try await client.call(.get, "/metrics").problem(.unauthorized, code: "unauthenticated")
            try await client.call(.get, "/metrics", headers: [.authorization: "Bearer " + Self.token.dropLast()]).problem(.unauthorized)
            let admin = try await client.login("admin")
            try await client.call(.get, "/metrics", headers: admin.bearer).problem(.unauthorized)

            #expect(try await client.call(.post, "/api/v1/members/lookup", json: ["idNumber": f.idA], headers: admin.bearer).status == .ok)
            #expect(try await client.call(.get, "/api/v1/nowhere/\(f.idA)").status == .notFound)
            let system = Actor.system("test")
            let header = ["组织代码", "组织名称", "上级组织代码", "组织类型", "统一社会信用代码", "行政区划代码", "职工人数", "女职工人数"]
            let (imported, _) = try await OrgImporter(store: f.store).run(
                source: InMemoryTable(header: header, rows: [["K09", "测试区总工会", "C01", "县", "", "420102", "", ""]]), options: ImportOptions(), actor: system)
            #expect(imported.written)
            _ = try await f.store.statistics.annualReport(code: "P42", asOf: .today(), depth: nil, actor: system)

            let r = try await client.call(.get, "/metrics", headers: [.authorization: "Bearer \(Self.token)"])
            #expect(r.status == .ok)
            #expect(r.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let text = r.text
            let figures = try await f.store.watchedFigures()
            func value(_ series: String) -> Double? {
                text.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { Double($0.split(separator: " ").last!) }
            }
            #expect((value(#"http_server_requests_total{route="/api/v1/members/lookup",method="POST",status="200"}"#) ?? 0) >= 1, "\(text)")
            #expect((value(#"http_server_request_duration_seconds_count{route="/api/v1/members/lookup",method="POST",status="200"}"#) ?? 0) >= 1)
            #expect(text.contains(#"http_server_request_duration_seconds_bucket{route="/api/v1/members/lookup",method="POST",status="200",le="0.001"}"#))
            #expect((value(#"http_server_requests_total{route="unmatched",method="GET",status="404"}"#) ?? 0) >= 1)
            #expect((value(#"http_server_requests_total{route="/metrics",method="GET",status="401"}"#) ?? 0) >= 3)
            #expect((value(#"gonghui_db_duration_seconds_count{engine="\#(engine.rawValue)",kind="read"}"#) ?? 0) >= 1)
            #expect((value(#"gonghui_db_duration_seconds_count{engine="\#(engine.rawValue)",kind="write"}"#) ?? 0) >= 1)
            #expect(text.contains(#"gonghui_db_duration_seconds_bucket{engine="\#(engine.rawValue)",kind="read",le="0.0001"}"#))
            #expect((value(#"gonghui_db_pool_wait_seconds_count{engine="\#(engine.rawValue)",kind="read"}"#) ?? 0) >= 1)
            #expect((value(#"gonghui_import_rows_total{kind="orgs"}"#) ?? 0) >= 1)
            #expect((value(#"gonghui_import_duration_seconds_count{kind="orgs"}"#) ?? 0) >= 1)
            #expect((value(#"gonghui_report_duration_seconds_count{report="annual"}"#) ?? 0) >= 1)
            #expect(value("gonghui_audit_chain_length") == Double(figures.auditChainLength))
            #expect(figures.auditChainLength > 0)
            for stage in HardshipArchiveStage.allCases {
                #expect(value(#"gonghui_hardship_archives{stage="\#(stage.rawValue)"}"#) == Double(figures.archivesByStage[stage] ?? -1))
            }
            for state in GrantState.allCases {
                #expect(value(#"gonghui_grants{state="\#(state.rawValue)"}"#) == Double(figures.grantsByState[state] ?? -1))
            }
            // Labels are patterns and fixed words: nothing a client sent.
            #expect(!text.contains(f.idA))
            #expect(!text.contains("/nowhere"))
        }
    }

    @Test("the gauges count archives per stage and grants per state from the database", arguments: [Engine.sqlite])
    func figures(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let before = try await f.store.watchedFigures()
            #expect(before.archivesByStage.values.reduce(0, +) == 0)
            #expect(Set(before.archivesByStage.keys) == Set(HardshipArchiveStage.allCases))
            #expect(Set(before.grantsByState.keys) == Set(GrantState.allCases))
            #expect(before.grantsByState.values.reduce(0, +) == 0)
            // One archive, as a county officer opens it.
            let admin = try await client.login("admin").bearer
            let county = try await client.login("officer.a").bearer
            let line: [String: Any] = ["regionCode": "420000", "effectiveFrom": "2020-01-01", "monthlyFen": 80_000]
            #expect(try await client.call(.post, "/api/v1/hardship/lines", json: line, headers: admin).status == .ok)
            let created = try await client.call(.post, "/api/v1/hardship/archives", json: [
                "memberId": f.memberA.id, "bankAccount": "6217 0028 7001 2345 678",
                "details": HardshipAPITests.details(incomeFen: 2_879_999),
            ], headers: county)
            #expect(created.status == .created, "\(created.text)")
            let stage = try #require(HardshipArchiveStage(rawValue: try created.object()["stage"] as? String ?? ""))
            let after = try await f.store.watchedFigures()
            #expect(after.archivesByStage[stage] == 1)
            #expect(after.archivesByStage.values.reduce(0, +) == 1)
            #expect(after.auditChainLength > before.auditChainLength)
        }
    }
}

@Suite("Configuration: log.format and metrics.token")
struct ObservabilityConfigurationTests {
    @Test("log.format is logfmt or json; metrics.token has at least 16 characters and is never shown")
    func settings() async throws {
        let c = try await AppConfiguration.load(environment: ["GONGHUI_LOG_FORMAT": "JSON", "GONGHUI_METRICS_TOKEN": "0123456789abcdef"])
        #expect(c.logFormat == "json")
        #expect(c.metricsToken == "0123456789abcdef")
        #expect(try await AppConfiguration.load(environment: [:]).metricsToken == nil)
        do {
            _ = try await AppConfiguration.load(environment: ["GONGHUI_LOG_FORMAT": "xml", "GONGHUI_METRICS_TOKEN": "short-secret"])
            Issue.record("no error")
        } catch let e as any UserFacingError {
            // Both settings named, the secret's value not shown.
            #expect(e.message.contains("log.format"))
            #expect(e.message.contains("“xml”"))
            #expect(e.message.contains("metrics.token（环境变量 GONGHUI_METRICS_TOKEN）"))
            #expect(!e.message.contains("short-secret"))
        }
    }
}
