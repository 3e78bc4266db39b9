import Foundation
import GonghuiDomain
import Logging
import SQLKit

/// Sends a message outside the platform. The platform ships one that writes to the log (the
/// demo and the tests); a province plugs in its SMS gateway or mail server.
public protocol MessageSender: Sendable {
    func send(channel: OutboxMessage.Channel, to recipient: String, text: String) async throws
}

/// Writes each message to the log instead of sending it, the recipient masked.
public struct LogMessageSender: MessageSender {
    let logger: Logger
    public init(logger: Logger) { self.logger = logger }

    public func send(channel: OutboxMessage.Channel, to recipient: String, text: String) async throws {
        let masked = recipient.count > 7 ? String(recipient.prefix(3)) + "****" + recipient.suffix(4) : "****"
        logger.info("message", metadata: ["channel": .string(channel.rawValue), "to": .string(masked), "text": .string(text)])
    }
}

/// The inboxes and the outbox (通知): written beside the steps that cause them, in the same
/// transaction; read and marked read by their owner only; the outbox delivered by a sender.
public struct NotificationService: Sendable {
    let database: Database
    let cipher: FieldCipher

    /// At most this many tries of one message.
    public static let maxAttempts = 5

    // MARK: Reading

    /// The latest items of an officer's (`userID`) or a worker's (`memberID`) inbox, and how many are unread.
    public func inbox(userID: Int64? = nil, memberID: Int64? = nil, limit: Int = 50) async throws -> (items: [InboxItem], unread: Int) {
        let owner = try Self.owner(userID: userID, memberID: memberID)
        return try await database.read { db in
            let items = try await db.raw("SELECT id, kind, title, body, link, created_at, read_at FROM notifications WHERE " + owner
                + " ORDER BY id DESC LIMIT \(bind: min(max(limit, 1), 200))").all().map { row in
                InboxItem(id: try row.decode(column: "id", as: Int64.self), kind: InboxItem.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .reminder,
                          title: try row.decode(column: "title", as: String.self), body: try row.decode(column: "body", as: String.self),
                          link: try row.decode(column: "link", as: String?.self), createdAt: try row.decode(column: "created_at", as: Int64.self),
                          readAt: try row.decode(column: "read_at", as: Int64?.self))
            }
            let unread = try await db.raw("SELECT COUNT(*) AS n FROM notifications WHERE " + owner + " AND read_at IS NULL").first()?.decode(column: "n", as: Int.self) ?? 0
            return (items, unread)
        }
    }

    /// Marks items read (all of the owner's when `ids` is nil); another owner's items are untouched.
    public func markRead(ids: [Int64]?, userID: Int64? = nil, memberID: Int64? = nil) async throws {
        let owner = try Self.owner(userID: userID, memberID: memberID)
        try await database.write { db in
            var q: SQLQueryString = "UPDATE notifications SET read_at = \(bind: Clock.nowMillis()) WHERE read_at IS NULL AND " + owner
            if let ids {
                guard !ids.isEmpty else { return }
                q += " AND id IN (" + ids.map { "\(bind: $0)" as SQLQueryString }.joined(separator: ", ") + ")"
            }
            try await db.raw(q).run()
        }
    }

    static func owner(userID: Int64?, memberID: Int64?) throws -> SQLQueryString {
        if let userID { return "user_id = \(bind: userID)" }
        if let memberID { return "member_id = \(bind: memberID)" }
        throw StoreError.forbidden("没有收件人")
    }

    // MARK: Writing, inside the caller's transaction

    /// An item for every officer who handles cases at `orgID` (its administrators). A `dedupeKey`
    /// makes the item land once per officer however often it is raised.
    static func notifyOfficers(orgID: Int64, kind: InboxItem.Kind, title: String, body: String, link: String?, dedupeKey: String?,
                               on db: any SQLDatabase) async throws {
        let users = try await db.raw("SELECT id FROM users WHERE org_id = \(bind: orgID) AND disabled = \(bind: false) AND role IN ('org_admin', 'system_admin')").all()
        for u in users {
            let userID = try u.decode(column: "id", as: Int64.self)
            try await insert(userID: userID, memberID: nil, kind: kind, title: title, body: body, link: link,
                             dedupeKey: dedupeKey.map { "\($0):u\(userID)" }, on: db)
        }
    }

    /// An item in a worker's inbox and, when a phone is known, an SMS in the outbox.
    static func notifyMember(_ memberID: Int64, phoneSealed: String?, title: String, body: String, link: String?, template: String,
                             values: [String: String], dedupeKey: String?, on db: any SQLDatabase) async throws {
        try await insert(userID: nil, memberID: memberID, kind: .reminder, title: title, body: body, link: link, dedupeKey: dedupeKey.map { "\($0):m\(memberID)" }, on: db)
        guard let phoneSealed else { return }
        let payload = String(decoding: try JSONSerialization.data(withJSONObject: values, options: [.sortedKeys]), as: UTF8.self)
        try await db.raw("""
            INSERT INTO outbox (channel, template, recipient_enc, payload, state, attempts, dedupe_key, created_at)
            VALUES ('sms', \(bind: template), \(bind: phoneSealed), \(bind: payload), 'pending', 0, \(bind: dedupeKey.map { "\($0):m\(memberID)" }), \(bind: Clock.nowMillis()))
            ON CONFLICT (dedupe_key) DO NOTHING
            """).run()
    }

    static func insert(userID: Int64?, memberID: Int64?, kind: InboxItem.Kind, title: String, body: String, link: String?, dedupeKey: String?,
                       on db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO notifications (user_id, member_id, kind, title, body, link, dedupe_key, created_at)
            VALUES (\(bind: userID), \(bind: memberID), \(bind: kind.rawValue), \(bind: title), \(bind: body), \(bind: link), \(bind: dedupeKey), \(bind: Clock.nowMillis()))
            ON CONFLICT (dedupe_key) DO NOTHING
            """).run()
    }

    // MARK: Delivering

    /// Sends the pending messages (at most `limit`), each once; a failure is retried on the next
    /// run until `maxAttempts`. Returns how many were sent and failed.
    @discardableResult
    public func deliver(with sender: any MessageSender, limit: Int = 200) async throws -> (sent: Int, failed: Int) {
        let cipher = self.cipher
        let pending = try await database.read { db in
            try await db.raw("SELECT id, channel, template, recipient_enc, payload, attempts FROM outbox WHERE state = 'pending' ORDER BY id LIMIT \(bind: limit)").all().map { row in
                (id: try row.decode(column: "id", as: Int64.self), channel: try row.decode(column: "channel", as: String.self),
                 template: try row.decode(column: "template", as: String.self), recipient: try row.decode(column: "recipient_enc", as: String.self),
                 payload: try row.decode(column: "payload", as: String.self), attempts: try row.decode(column: "attempts", as: Int.self))
            }
        }
        var sent = 0, failed = 0
        for m in pending {
            let values = (try? JSONSerialization.jsonObject(with: Data(m.payload.utf8)) as? [String: String]) ?? [:]
            var error: String?
            do {
                guard let text = MessageTemplates.render(m.template, values) else { throw StoreError.invalid([FieldProblem(field: "template", value: m.template, reason: "没有这个消息模板")]) }
                try await sender.send(channel: OutboxMessage.Channel(rawValue: m.channel) ?? .sms, to: try cipher.open(m.recipient), text: text)
            } catch let e {
                error = String(describing: e)
            }
            let attempts = m.attempts + 1
            let state = error == nil ? "sent" : (attempts >= Self.maxAttempts ? "failed" : "pending")
            if error == nil { sent += 1 } else { failed += 1 }
            try await database.write { db in
                try await db.raw("""
                    UPDATE outbox SET state = \(bind: state), attempts = \(bind: attempts), last_error = \(bind: error),
                        sent_at = \(bind: error == nil ? Clock.nowMillis() : nil) WHERE id = \(bind: m.id)
                    """).run()
            }
        }
        return (sent, failed)
    }

    /// The outbox's messages, newest first (for the administrator and the tests), recipients masked.
    public func outbox(limit: Int = 100) async throws -> [(template: String, values: [String: String], state: OutboxMessage.State, attempts: Int)] {
        try await database.read { db in
            try await db.raw("SELECT template, payload, state, attempts FROM outbox ORDER BY id DESC LIMIT \(bind: limit)").all().map { row in
                (template: try row.decode(column: "template", as: String.self),
                 values: (try? JSONSerialization.jsonObject(with: Data(try row.decode(column: "payload", as: String.self).utf8)) as? [String: String]) ?? [:],
                 state: OutboxMessage.State(rawValue: try row.decode(column: "state", as: String.self)) ?? .pending,
                 attempts: try row.decode(column: "attempts", as: Int.self))
            }
        }
    }
}
