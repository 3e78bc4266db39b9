import Foundation
import GonghuiDomain
import SQLKit

/// Labor-relation risk warning (劳动关系风险预警): alerts raised at once by a case (a collective
/// case, large claims, a case marked 群体性/极端) and by the daily run of the trend rules (an
/// employer's repeated cases, a region's or industry's surge, wage arrears before the Spring
/// Festival); their handling (acknowledged with a note, closed with what was done).
///
/// An alert concerns one union: a case's handling union, or the lowest union holding every case
/// of a trend. It is seen by officers whose subtree holds that union (a county sees its own and
/// its children's alerts, never a sibling's) and sent to the inboxes of the levels above it up
/// to the configured depth. Roles that edit the registry acknowledge and close; every role reads.
public struct WarningService: Sendable {
    let database: Database
    let cipher: FieldCipher
    let audit: AuditWriter

    static let select: SQLQueryString = """
        SELECT a.*, o.code AS org_code, o.name AS org_name, c.case_no AS case_no
        FROM risk_alerts a JOIN orgs o ON o.id = a.org_id LEFT JOIN dispute_cases c ON c.id = a.case_id
        """

    // MARK: Reading

    /// The alerts in the actor's subtree, unclosed first, newest first; `state` narrows them to
    /// one state, `unclosed` to those not closed.
    public func list(state: RiskAlertState? = nil, unclosed: Bool = false, actor: Actor, limit: Int = 100, offset: Int = 0) async throws -> (alerts: [RiskAlert], total: Int) {
        try await database.read { db in
            var filter: SQLQueryString = " WHERE " + actor.scope.sql("o.path")
            if let state { filter = filter + " AND a.state = \(bind: state.rawValue)" }
            if unclosed { filter = filter + " AND a.state <> 'closed'" }
            let total = try await db.raw("SELECT COUNT(*) AS n FROM risk_alerts a JOIN orgs o ON o.id = a.org_id" + filter).first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await db.raw(Self.select + filter + " ORDER BY CASE WHEN a.state = 'closed' THEN 1 ELSE 0 END, a.raised_at DESC, a.id DESC LIMIT \(bind: min(max(limit, 1), 500)) OFFSET \(bind: max(offset, 0))").all()
            return (try rows.map(Self.alert), total)
        }
    }

    public func find(id: Int64, actor: Actor) async throws -> RiskAlert {
        try await database.read { db in try await Self.locate(id, actor: actor, on: db) }
    }

    /// The alerts of one case the actor sees.
    public func alerts(caseID: Int64, actor: Actor) async throws -> [RiskAlert] {
        try await database.read { db in
            try await db.raw(Self.select + " WHERE a.case_id = \(bind: caseID) AND " + actor.scope.sql("o.path") + " ORDER BY a.id").all().map(Self.alert)
        }
    }

    /// Unclosed alerts in the subtree of `code` (the actor's own node when nil), for the dashboard.
    public func summary(actor: Actor) async throws -> RiskAlertSummary {
        try await database.read { db in
            let rows = try await db.raw("""
                SELECT a.state, COUNT(*) AS n, MIN(a.raised_on) AS oldest FROM risk_alerts a JOIN orgs o ON o.id = a.org_id
                WHERE a.state <> 'closed' AND\u{20}
                """ + actor.scope.sql("o.path") + " GROUP BY a.state").all()
            var s = RiskAlertSummary()
            for row in rows {
                let n = try row.decode(column: "n", as: Int.self)
                if try row.decode(column: "state", as: String.self) == RiskAlertState.open.rawValue { s.open = n } else { s.acknowledged = n }
                if let d = try Rows.date(row, "oldest"), s.oldestOpenSince.map({ d < $0 }) ?? true { s.oldestOpenSince = d }
            }
            return s
        }
    }

    // MARK: Handling

    /// Acknowledges an open alert with a note (已知悉): the officer has seen it and says what they
    /// will do.
    public func acknowledge(id: Int64, note: String, expectedVersion: Int? = nil, actor: Actor) async throws -> RiskAlert {
        try await handle(id: id, note: note, expectedVersion: expectedVersion, actor: actor, from: [.open], to: .acknowledged, action: "warning.acknowledge")
    }

    /// Closes an alert with what was done (已办结); an open one is acknowledged by closing it.
    public func close(id: Int64, note: String, expectedVersion: Int? = nil, actor: Actor) async throws -> RiskAlert {
        try await handle(id: id, note: note, expectedVersion: expectedVersion, actor: actor, from: [.open, .acknowledged], to: .closed, action: "warning.close")
    }

    func handle(id: Int64, note: String, expectedVersion: Int?, actor: Actor, from: [RiskAlertState], to: RiskAlertState, action: String) async throws -> RiskAlert {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色只能查看预警") }
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty || text.count > 1000 {
            throw StoreError.invalid([FieldProblem(field: "note", value: text, reason: to == .closed ? "请写明采取的措施和结果（最多 1000 字）" : "请写明知悉情况和下一步安排（最多 1000 字）")])
        }
        let audit = self.audit
        return try await database.write { db in
            let old = try await Self.locate(id, actor: actor, on: db)
            if let v = expectedVersion, v != old.version { throw StoreError.staleVersion(entity: "预警", key: String(id)) }
            guard from.contains(old.state) else {
                throw StoreError.conflict(code: "workflow", message: "预警当前为“\(old.state.title)”，不能\(to == .closed ? "办结" : "确认知悉")")
            }
            let now = Clock.nowMillis()
            let set: SQLQueryString = to == .closed
                ? "state = 'closed', closed_by = \(bind: actor.displayName), closed_at = \(bind: now), close_note = \(bind: text)"
                    + (old.state == .open ? ", acknowledged_by = \(bind: actor.displayName), acknowledged_at = \(bind: now)" : "")
                : "state = 'acknowledged', acknowledged_by = \(bind: actor.displayName), acknowledged_at = \(bind: now), acknowledge_note = \(bind: text)"
            guard try await db.raw("UPDATE risk_alerts SET " + set + ", version = version + 1 WHERE id = \(bind: id) AND version = \(bind: old.version) RETURNING id").first() != nil else {
                throw StoreError.staleVersion(entity: "预警", key: String(id))
            }
            let path = try await OrgService.path(of: old.orgID, on: db)
            try await audit.append(.init(action: action, entity: "risk_alert", entityID: String(id), orgID: old.orgID, orgPath: path,
                                         summary: "\(to == .closed ? "办结" : "知悉")预警（\(old.rule.title)，\(old.subject)）：\(text)"), actor: actor, on: db)
            return try await Self.locate(id, actor: .system("read"), on: db)
        }
    }

    // MARK: Rows

    static func locate(_ id: Int64, actor: Actor, on db: any SQLDatabase) async throws -> RiskAlert {
        guard let row = try await db.raw(select + " WHERE a.id = \(bind: id) AND " + actor.scope.sql("o.path")).first() else {
            throw StoreError.notFound(entity: "预警", key: String(id))
        }
        return try alert(row)
    }

    static func alert(_ row: any SQLRow) throws -> RiskAlert {
        RiskAlert(
            id: try row.decode(column: "id", as: Int64.self),
            rule: WarningRule(rawValue: try row.decode(column: "rule", as: String.self)) ?? .collectiveCase,
            state: RiskAlertState(rawValue: try row.decode(column: "state", as: String.self)) ?? .open,
            orgID: try row.decode(column: "org_id", as: Int64.self), orgCode: try row.decode(column: "org_code", as: String.self),
            orgName: try row.decode(column: "org_name", as: String.self), caseID: try row.decode(column: "case_id", as: Int64?.self),
            caseNo: try row.decode(column: "case_no", as: String?.self), subject: try row.decode(column: "subject", as: String.self),
            summary: try row.decode(column: "summary", as: String.self), raisedOn: try Rows.date(row, "raised_on") ?? CivilDate(daysSinceEpoch: 0),
            raisedAt: try row.decode(column: "raised_at", as: Int64.self), acknowledgedBy: try row.decode(column: "acknowledged_by", as: String?.self),
            acknowledgedAt: try row.decode(column: "acknowledged_at", as: Int64?.self), acknowledgeNote: try row.decode(column: "acknowledge_note", as: String?.self),
            closedBy: try row.decode(column: "closed_by", as: String?.self), closedAt: try row.decode(column: "closed_at", as: Int64?.self),
            closeNote: try row.decode(column: "close_note", as: String?.self), version: try row.decode(column: "version", as: Int.self))
    }

    /// Records an alert unless one with the same key exists, tells the levels above, and audits
    /// it. Returns its id when it is new.
    @discardableResult
    static func raise(_ rule: WarningRule, orgID: Int64, orgPath: String, provinceID: Int64, caseID: Int64?, subject: String, summary: String,
                      on day: CivilDate, key: String, includeOwn: Bool, policy: PolicyBook, actor: Actor, audit: AuditWriter,
                      on db: any SQLDatabase) async throws -> Int64? {
        guard let row = try await db.raw("""
            INSERT INTO risk_alerts (province_id, rule, org_id, case_id, subject, summary, raised_on, raised_at, state, dedupe_key, version)
            VALUES (\(bind: provinceID), \(bind: rule.rawValue), \(bind: orgID), \(bind: caseID), \(bind: subject), \(bind: summary), \(bind: day.iso),
                \(bind: Clock.nowMillis()), 'open', \(bind: key), 1)
            ON CONFLICT (dedupe_key) DO NOTHING RETURNING id
            """).first() else { return nil }
        let id = try row.decode(column: "id", as: Int64.self)
        let depth = policy.rule(WarningPolicy.escalateDepth, on: day)?.value ?? 1
        let orgName = try await db.raw("SELECT name FROM orgs WHERE id = \(bind: orgID)").first()?.decode(column: "name", as: String.self) ?? ""
        let values = ["rule": rule.title, "subject": subject, "org": orgName]
        let payload = String(decoding: try JSONSerialization.data(withJSONObject: values, options: [.sortedKeys]), as: UTF8.self)
        for target in recipients(of: orgPath, upToDepth: depth, includeOwn: includeOwn) {
            try await NotificationService.notifyOfficers(orgID: target, kind: .todo, title: "风险预警：\(rule.title)（\(subject)）", body: summary,
                                                         link: "/warnings/\(id)", dedupeKey: "warning:\(id)", on: db)
            // The union's officers on duty, by SMS and e-mail through the outbox.
            for duty in try await db.raw("SELECT id, phone_enc, email_enc FROM warning_duty WHERE org_id = \(bind: target) AND active = \(bind: true)").all() {
                let dutyID = try duty.decode(column: "id", as: Int64.self)
                let channels: [(String, String?)] = [("sms", try duty.decode(column: "phone_enc", as: String.self)), ("email", try duty.decode(column: "email_enc", as: String?.self))]
                for case let (channel, recipient?) in channels {
                    try await db.raw("""
                        INSERT INTO outbox (channel, template, recipient_enc, payload, state, attempts, dedupe_key, created_at)
                        VALUES (\(bind: channel), 'warning.raised', \(bind: recipient), \(bind: payload), 'pending', 0, \(bind: "warning:\(id):d\(dutyID):\(channel)"), \(bind: Clock.nowMillis()))
                        ON CONFLICT (dedupe_key) DO NOTHING
                        """).run()
                }
            }
        }
        try await audit.append(.init(action: "warning.raise", entity: "risk_alert", entityID: String(id), orgID: orgID, orgPath: orgPath,
                                     summary: "风险预警（\(rule.title)）：\(summary)"), actor: actor, on: db)
        return id
    }

    /// The unions told of an alert on the node at `path`: the levels above it down from `depth`
    /// (and the node itself when `includeOwn`, or when nothing lies between).
    static func recipients(of path: String, upToDepth depth: Int, includeOwn: Bool) -> [Int64] {
        let ids = path.split(separator: "/").compactMap { Int64($0) }
        guard let own = ids.last else { return [] }
        let above = ids.dropLast().enumerated().filter { $0.offset >= depth }.map(\.element)
        if includeOwn || above.isEmpty { return above + [own] }
        return Array(above)
    }
}
