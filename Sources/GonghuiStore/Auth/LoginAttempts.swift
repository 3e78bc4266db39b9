import Foundation
import GonghuiDomain
import NIOPosix
import SQLKit
import Synchronization

extension Migrations {
    /// v11: failed sign-ins counted per name tried (登录失败计数), for known and unknown names
    /// alike, so that the count is one atomic statement and an unknown name locks exactly like a
    /// known one (an attacker cannot tell which names exist from the answers).
    static let loginAttempts = Migration(version: 11, name: "login_attempts", up: [
        """
        CREATE TABLE login_attempts (
            subject TEXT PRIMARY KEY,
            failures BIGINT NOT NULL DEFAULT 0,
            locked_until BIGINT NOT NULL DEFAULT 0,
            updated_at BIGINT NOT NULL
        )
        """,
    ], down: ["DROP TABLE login_attempts"])
}

/// Failed sign-ins per subject (`officer:NAME`, `worker:ID-HASH`).
struct LoginAttempts: Sendable {
    let database: Database
    let policy: LoginPolicy

    /// Refuses a locked subject; otherwise the failures so far (to slow down by).
    func check(_ subject: String, now: Int64) async throws -> Int {
        let row = try await database.read { db in
            try await db.raw("SELECT failures, locked_until FROM login_attempts WHERE subject = \(bind: subject)").first()
        }
        guard let row else { return 0 }
        let until = try row.decode(column: "locked_until", as: Int64.self)
        if until > now { throw StoreError.locked(until: until) }
        return try row.decode(column: "failures", as: Int.self)
    }

    /// Counts one failure in one statement: however many arrive at once, the `lockAfter`th
    /// locks. Returns the lock's end when this failure locked (or found locked) the subject.
    func fail(_ subject: String, now: Int64) async throws -> Int64? {
        let n = policy.lockAfter, until = now + policy.lockMillis
        let row = try await database.write { db in
            try await db.raw("""
                INSERT INTO login_attempts (subject, failures, locked_until, updated_at)
                VALUES (\(bind: subject), \(bind: n <= 1 ? 0 : 1), \(bind: n <= 1 ? until : 0), \(bind: now))
                ON CONFLICT (subject) DO UPDATE SET
                    failures = CASE WHEN login_attempts.failures + 1 >= \(bind: n) THEN 0 ELSE login_attempts.failures + 1 END,
                    locked_until = CASE WHEN login_attempts.failures + 1 >= \(bind: n) THEN \(bind: until) ELSE login_attempts.locked_until END,
                    updated_at = \(bind: now)
                RETURNING locked_until
                """).first()
        }
        let locked = try row?.decode(column: "locked_until", as: Int64.self) ?? 0
        return locked > now ? locked : nil
    }

    /// A right password clears the count, unless a lock landed meanwhile (a burst of wrong
    /// passwords racing the right one): then the lock holds.
    func succeed(_ subject: String, now: Int64) async throws {
        let locked = try await database.write { db -> Int64? in
            try await db.raw("DELETE FROM login_attempts WHERE subject = \(bind: subject) AND locked_until <= \(bind: now)").run()
            return try await db.raw("SELECT locked_until FROM login_attempts WHERE subject = \(bind: subject)").first()?.decode(column: "locked_until", as: Int64.self)
        }
        if let locked, locked > now { throw StoreError.locked(until: locked) }
    }

    /// An administrator's reset (a new password).
    func clear(_ subject: String, on db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM login_attempts WHERE subject = \(bind: subject)").run()
    }
}

/// bcrypt is admitted through a bounded gate: at most `width` hashes at once (one per core, on
/// NIO's blocking pool, never the event loop) and `queue` more waiting; any more are turned away
/// as busy at once. A burst of wrong passwords then waits its turn or is refused, and cannot
/// hold every thread that file and database work need. One gate per store.
public final class PasswordHasher: Sendable {
    let gate: AsyncGate

    public init(width: Int = max(1, ProcessInfo.processInfo.activeProcessorCount), queue: Int = 64) {
        gate = AsyncGate(width: width, queue: queue)
    }

    func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
        try await gate.enter()
        defer { gate.leave() }
        return await withCheckedContinuation { c in NIOThreadPool.singleton.submit { _ in c.resume(returning: work()) } }
    }
}

/// Thrown when too many password checks are already waiting.
public struct PasswordCheckBusy: Error, Sendable {}

/// A counting gate: `width` may pass at once, `queue` may wait; any more are refused.
final class AsyncGate: Sendable {
    private struct State {
        var running = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
    }
    private let state = Mutex(State())
    let width: Int, queue: Int

    init(width: Int, queue: Int) { self.width = width; self.queue = queue }

    func enter() async throws {
        enum Outcome { case go, wait, busy }
        let outcome: Outcome = state.withLock { s in
            if s.running < width { s.running += 1; return .go }
            return s.waiters.count < queue ? .wait : .busy
        }
        switch outcome {
        case .go: return
        case .busy: throw PasswordCheckBusy()
        case .wait:
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let admitted: Bool = state.withLock { s in
                    if s.running < width { s.running += 1; return true }
                    s.waiters.append(c)
                    return false
                }
                if admitted { c.resume() }
            }
        }
    }

    func leave() {
        let next: CheckedContinuation<Void, Never>? = state.withLock { s in
            if s.waiters.isEmpty { s.running -= 1; return nil }
            return s.waiters.removeFirst() // the slot passes straight to the next waiter
        }
        next?.resume()
    }
}
