import Foundation

/// An item of an in-app inbox (站内通知): an officer's or a worker's. A to-do (待办) asks for a
/// step; a reminder (提醒) tells of a deadline or a change.
public struct InboxItem: Equatable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case todo
        case reminder

        public var title: String { self == .todo ? "待办" : "提醒" }
    }

    public var id: Int64
    public var kind: Kind
    public var title: String
    public var body: String
    /// Where it leads (a case page), relative to the console or the portal.
    public var link: String?
    public var createdAt: Int64
    public var readAt: Int64?

    public init(id: Int64, kind: Kind, title: String, body: String, link: String?, createdAt: Int64, readAt: Int64?) {
        self.id = id; self.kind = kind; self.title = title; self.body = body; self.link = link; self.createdAt = createdAt; self.readAt = readAt
    }

    public var isRead: Bool { readAt != nil }
}

/// A message to send outside the platform (SMS or email), kept in the outbox until a sender
/// delivers it: the template and its values, never an ID number; the recipient's address is
/// sealed and used only to send.
public struct OutboxMessage: Equatable, Sendable {
    public enum Channel: String, Codable, Sendable { case sms, email }
    public enum State: String, Codable, Sendable { case pending, sent, failed }

    public var id: Int64
    public var channel: Channel
    public var template: String
    /// The recipient's phone or address, in the clear only while sending.
    public var recipient: String
    public var values: [String: String]
    public var state: State
    public var attempts: Int

    public init(id: Int64, channel: Channel, template: String, recipient: String, values: [String: String], state: State, attempts: Int) {
        self.id = id; self.channel = channel; self.template = template; self.recipient = recipient; self.values = values
        self.state = state; self.attempts = attempts
    }
}

/// The texts of the messages, by template: what an SMS says with its values filled in. Values
/// never hold ID numbers or phones (the templates have no place for them).
public enum MessageTemplates {
    public static let texts: [String: String] = [
        "dispute.status": "【工会】您的维权案件 {caseNo} 当前状态：{state}。详情请登录职工服务平台查看，或拨打 12351。",
        "dispute.due_soon": "【工会】案件 {caseNo} 的{clock}将于 {dueOn} 到期（还剩 {days} 天），请及时办理。",
        "dispute.overdue": "【工会】案件 {caseNo} 的{clock}已于 {dueOn} 到期，已超期 {days} 天，请尽快办理。",
        "warning.raised": "【工会】风险预警：{rule}（{subject}），所涉工会：{org}。请登录工会信息平台查看处理。",
    ]

    /// The template's text with its values, or nil for an unknown template.
    public static func render(_ template: String, _ values: [String: String]) -> String? {
        guard var text = texts[template] else { return nil }
        for (k, v) in values { text = text.replacingOccurrences(of: "{\(k)}", with: v) }
        return text
    }
}
