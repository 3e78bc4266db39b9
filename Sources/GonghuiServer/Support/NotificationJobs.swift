import Foundation
import GonghuiDomain
import GonghuiStore
import Logging
import ServiceLifecycle

/// The server's background work for notifications: once a day (at start and after each
/// midnight, China's time) it raises the deadline reminders of the open cases and runs the risk
/// warning's trend rules — deadlines are days, so a day's run sees every one that came near or
/// passed, and each reminder and alert lands once however often it is raised — and every `interval` it hands the outbox's pending messages to the sender.
/// The reminders scan the open cases in a write transaction, which is why they do not run at
/// every delivery.
struct NotificationJobs: Service {
    let store: Store
    let sender: any MessageSender
    let logger: Logger
    var interval: Duration = .seconds(300)

    /// Ends quietly on a graceful shutdown: the sleep it is cancelled in is not a failure.
    func run() async throws {
        await cancelWhenGracefulShutdown {
            var remindedOn: CivilDate?
            while !Task.isCancelled {
                let today = CivilDate.today()
                if remindedOn != today, await remind(today) { remindedOn = today }
                await deliver()
                do { try await Task.sleep(for: interval) } catch { return }
            }
        }
    }

    /// Whether the day's reminders were raised (a failure is tried again at the next interval).
    func remind(_ today: CivilDate) async -> Bool {
        do {
            let (soon, overdue) = try await store.disputes.remindDeadlines(today: today)
            if soon + overdue > 0 { logger.info("deadline reminders", metadata: ["due_soon": "\(soon)", "overdue": "\(overdue)"]) }
            // The risk warning's trend rules (employer, region, industry, Spring Festival), once a day.
            let trends = try await store.warnings.runTrends(today: today)
            if !trends.raised.isEmpty { logger.info("risk alerts", metadata: ["raised": "\(trends.raised.count)"]) }
            for note in trends.notes { logger.notice("risk alerts", metadata: ["note": .string(note)]) }
            // Supervision letters past their day to answer: the next letter, in the handling union's inbox.
            let due = try await store.supervision.remindDue(today: today)
            if due > 0 { logger.info("supervision letters due", metadata: ["matters": "\(due)"]) }
            return true
        } catch {
            logger.error("deadline reminders failed", metadata: ["error": .string(String(reflecting: error))])
            return false
        }
    }

    func deliver() async {
        do {
            let (sent, failed) = try await store.notifications.deliver(with: sender)
            if sent + failed > 0 { logger.info("messages", metadata: ["sent": "\(sent)", "failed": "\(failed)"]) }
        } catch {
            logger.error("message delivery failed", metadata: ["error": .string(String(reflecting: error))])
        }
    }
}
