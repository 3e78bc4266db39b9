import Foundation
import GonghuiDomain
import GonghuiStore
import Logging
import ServiceLifecycle

/// The server's background work for notifications: every `interval` it raises the deadline
/// reminders of the open cases (each lands once per deadline however often this runs) and hands
/// the outbox's pending messages to the sender.
struct NotificationJobs: Service {
    let store: Store
    let sender: any MessageSender
    let logger: Logger
    var interval: Duration = .seconds(300)

    /// Ends quietly on a graceful shutdown: the sleep it is cancelled in is not a failure.
    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await tick()
                do { try await Task.sleep(for: interval) } catch { return }
            }
        }
    }

    func tick() async {
        do {
            let (soon, overdue) = try await store.disputes.remindDeadlines()
            let (sent, failed) = try await store.notifications.deliver(with: sender)
            if soon + overdue + sent + failed > 0 {
                logger.info("notifications", metadata: ["due_soon": "\(soon)", "overdue": "\(overdue)", "sent": "\(sent)", "failed": "\(failed)"])
            }
        } catch {
            logger.error("notification jobs failed", metadata: ["error": .string(String(reflecting: error))])
        }
    }
}
