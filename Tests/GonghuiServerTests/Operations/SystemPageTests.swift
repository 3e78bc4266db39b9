import Foundation
import GonghuiDomain
@testable import GonghuiServer
import GonghuiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import GonghuiConfiguration
import SQLKit
import Testing

/// The system administrator's page and the operations settings: the last backup, the
/// schedule, what retention finds due and the button that applies it; nobody else sees it.
@Suite("System page")
struct SystemPageTests {
    @Test("the administrator sees the database, the last backup and the retention rules; officers and auditors do not", arguments: Engine.available)
    func page(engine: Engine) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("gonghui-sys-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        var configuration = AppConfiguration()
        configuration.backupDirectory = root
        configuration.backupMinute = 2 * 60 + 30
        configuration.backupKeep = 3
        let settings = configuration
        try await withApp(engine, configuration: configuration) { f, client in
            var (admin, _) = try await client.webLogin("admin")
            let before = try await client.get("/system", &admin)
            #expect(before.status == .ok)
            #expect(before.text.contains("尚无备份记录") && before.text.contains("每天 02:30（北京时间）备份到 \(root)，保留最近 3 份"))
            #expect(before.text.contains("第十九条") && before.text.contains("目前没有到期的数据"))
            #expect(before.text.contains(f.store.cipher.fingerprint))
            // The daily job's work, as the server runs it.
            await OperationsJobs(store: f.store, configuration: settings, logger: .init(label: "test")).runOnce()
            if !(ProcessInfo.processInfo.environment["GONGHUI_TEST_NATION_SHARDS"] ?? "").isEmpty {
                // A nation's coordinator is backed up instance by instance: the job takes none.
                #expect(try await f.store.lastBackup() == nil)
            } else {
                let last = try #require(try await f.store.lastBackup())
                #expect(last.trigger == "schedule" && last.directory.hasPrefix(root))
                let after = try await client.get("/system", &admin)
                #expect(after.text.contains("定时备份") && after.text.contains(last.directory) && !after.text.contains("尚无备份记录"))
                #expect(after.text.contains("<a href=\"/system\" aria-current=\"page\">"))
            }
            // A county officer and the auditor: not for them, and no link.
            var (officer, _) = try await client.webLogin("officer.a")
            #expect(try await client.get("/system", &officer).status == .forbidden)
            #expect(!(try await client.get("/", &officer).text.contains("href=\"/system\"")))
            var (auditor, auditorCSRF) = try await client.webLogin("auditor")
            #expect(try await client.get("/system", &auditor).status == .forbidden)
            #expect(try await client.post("/system/retention", [("_csrf", auditorCSRF)], &auditor).status == .forbidden)
            // The backup is in the audit log under its own words.
            let audit = try await client.get("/audit?action=system.backup", &auditor)
            #expect(audit.text.contains("备份数据库"))
        }
    }

    @Test("the button applies what is due, audited, and says so", arguments: [Engine.sqlite])
    func applyRetention(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let now = Clock.nowMillis()
            try await f.store.database.write { db in
                try await db.raw("INSERT INTO login_attempts (subject, failures, locked_until, updated_at) VALUES ('officer:gone', 2, 0, \(bind: now - 200 * 86_400_000))").run()
            }
            var (admin, csrf) = try await client.webLogin("admin")
            let page = try await client.get("/system", &admin)
            #expect(page.text.contains("登录失败记录 1") && page.text.contains("立即清理到期数据"))
            let r = try await client.post("/system/retention", [("_csrf", csrf)], &admin)
            #expect(r.status == .seeOther && r.headers[.location] == "/system?ok=retention")
            let done = try await client.get("/system?ok=retention", &admin)
            #expect(done.text.contains("已按保存期限清理到期数据") && done.text.contains("目前没有到期的数据"))
            let entries = try await f.store.auditLog.list(actor: .system("test"), filter: .init(limit: 3))
            #expect(entries.contains { $0.action == "retention.apply" })
        }
    }

    @Test("the daily run comes at the configured minute of China's day, today or tomorrow")
    func nextRun() {
        // 2026-12-07 01:00 in China is 2026-12-06 17:00 UTC.
        let oneAM = Date(timeIntervalSince1970: 1_796_576_400)
        #expect(OperationsJobs.nextRun(after: oneAM, minuteOfDay: 150).timeIntervalSince(oneAM) == 90 * 60)
        #expect(OperationsJobs.nextRun(after: oneAM, minuteOfDay: 30).timeIntervalSince(oneAM) == 23.5 * 3600)
    }

    @Test("backup.time is HH:MM and backup.keep at least 1, each reported by name")
    func settings() async throws {
        let c = try await AppConfiguration.load(environment: ["GONGHUI_BACKUP_DIRECTORY": "/srv/backups", "GONGHUI_BACKUP_TIME": "23:05",
                                                              "GONGHUI_BACKUP_KEEP": "14", "GONGHUI_RETENTION_DAILY": "true"])
        #expect(c.backupDirectory == "/srv/backups" && c.backupMinute == 23 * 60 + 5 && c.backupKeep == 14 && c.retentionDaily)
        do {
            _ = try await AppConfiguration.load(environment: ["GONGHUI_BACKUP_TIME": "2:30", "GONGHUI_BACKUP_KEEP": "0"])
            Issue.record("a malformed backup setting was taken")
        } catch let e as ConfigurationError {
            let text = e.message
            #expect(text.contains("backup.time") && text.contains("HH:MM") && text.contains("backup.keep"))
        }
    }
}
