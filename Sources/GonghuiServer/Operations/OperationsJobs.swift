import Foundation
import GonghuiDomain
import GonghuiStore
import Logging
import Metrics
import ServiceLifecycle

/// The server's daily operations: at `backup.time` (China's time) a backup into
/// `backup.directory`, keeping the last `backup.keep`, and, when `retention.daily` is set, the
/// retention job after it. A failure is logged and counted (`gonghui_backup_failures_total`) and
/// tried again the next day; the system page and `/metrics` show the last backup made.
struct OperationsJobs: Service {
    let store: Store
    let configuration: AppConfiguration
    let logger: Logger

    var isScheduled: Bool { configuration.backupDirectory != nil || configuration.retentionDaily }

    func run() async throws {
        // A service that returns ends the server: with nothing scheduled it waits for the shutdown.
        guard isScheduled else {
            try? await gracefulShutdown()
            return
        }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let next = Self.nextRun(after: Date(), minuteOfDay: configuration.backupMinute)
                do { try await Task.sleep(for: .seconds(max(1, next.timeIntervalSinceNow))) } catch { return }
                await runOnce()
            }
        }
    }

    /// One day's work: the backup, then the retention job.
    func runOnce() async {
        if let root = configuration.backupDirectory {
            do {
                let (m, dir, removed) = try await store.scheduledBackup(root: root, keep: configuration.backupKeep)
                logger.info("backup made", metadata: ["directory": .string(dir), "bytes": "\(m.size)", "audit_head": "\(m.auditHead.seq)", "removed": "\(removed.count)"])
            } catch {
                Counter(label: "gonghui_backup_failures_total").increment()
                logger.error("backup failed", metadata: ["error": .string(String(reflecting: error))])
            }
        }
        if configuration.retentionDaily {
            do {
                let r = try await store.applyRetention(dryRun: false, actor: .system("retention"))
                logger.info("retention applied", metadata: ["records": "\(r.total)"])
            } catch {
                logger.error("retention failed", metadata: ["error": .string(String(reflecting: error))])
            }
        }
    }

    /// The next instant at `minuteOfDay` in China (UTC+8, no daylight saving) after `now`.
    static func nextRun(after now: Date, minuteOfDay: Int) -> Date {
        let offset = 8 * 3600.0
        let local = now.timeIntervalSince1970 + offset
        let dayStart = (local / 86_400).rounded(.down) * 86_400
        var run = dayStart + Double(minuteOfDay * 60)
        if run <= local { run += 86_400 }
        return Date(timeIntervalSince1970: run - offset)
    }
}
