import Foundation
import GonghuiDomain
import SQLKit

/// The card measures the speech names (送得出、激活率、用得上、长期用) for a node and each child on a
/// day, counted where the card holder's union is now, and the sleeping cards to follow up.
extension CardService {
    public func measures(orgCode: String, asOf: CivilDate = .today(), actor: Actor) async throws -> CardMeasures {
        try await database.read { db in
            let node = try await OrgService.find(code: orgCode, scope: actor.scope, on: db)
            let nodePath = try await OrgService.path(of: node.id, on: db)
            let children = try await db.raw("SELECT id, code, name, path FROM orgs WHERE parent_id = \(bind: node.id) ORDER BY code").all().map {
                (id: try $0.decode(column: "id", as: Int64.self), code: try $0.decode(column: "code", as: String.self), name: try $0.decode(column: "name", as: String.self),
                 path: try $0.decode(column: "path", as: String.self))
            }
            var rows = [CardMeasuresRow(orgCode: node.code, orgName: node.name)] + children.map { CardMeasuresRow(orgCode: $0.code, orgName: $0.name) }
            let prefixes = [nodePath] + children.map(\.path)
            func indices(_ path: String) -> [Int] { prefixes.indices.filter { path.hasPrefix(prefixes[$0]) } }
            let scope = Scope(path: nodePath)
            let book = try await DisputeService.policy(on: db)
            let window = CardPolicy.value(CardPolicy.usageWindowDays, book: book, on: asOf)
            let lastingMonths = CardPolicy.value(CardPolicy.lastingMonths, book: book, on: asOf)
            let unactivated = CardPolicy.value(CardPolicy.sleepUnactivatedDays, book: book, on: asOf)
            let unused = CardPolicy.value(CardPolicy.sleepUnusedDays, book: book, on: asOf)
            let a = asOf.iso, windowStart = asOf.adding(days: -(window - 1)).iso
            let firstMonth = String(asOf.adding(months: -11).iso.prefix(7)), lastMonth = String(a.prefix(7))

            // Per union: issued, activated and sleeping by the card's dates; grouped by the
            // holder's union, then joined to the tree.
            let cards = try await db.raw("""
                SELECT o.path, x.issued, x.activated, x.sleeping FROM (
                    SELECT m.org_id,
                        SUM(CASE WHEN c.issued_on <= \(bind: a) THEN 1 ELSE 0 END) AS issued,
                        SUM(CASE WHEN c.activated_on <= \(bind: a) THEN 1 ELSE 0 END) AS activated,
                        SUM(CASE WHEN (c.state = 'issued' AND c.issued_on < \(bind: asOf.adding(days: -unactivated).iso))
                                   OR (c.state = 'active' AND COALESCE(c.last_used_on, c.activated_on) < \(bind: asOf.adding(days: -unused).iso)) THEN 1 ELSE 0 END) AS sleeping
                    FROM member_cards c JOIN members m ON m.id = c.member_id WHERE c.issued_on IS NOT NULL AND c.state IN ('issued', 'active', 'cancelled')
                    GROUP BY m.org_id) x
                JOIN orgs o ON o.id = x.org_id WHERE
                """ + " " + scope.sql("o.path")).all()
            for r in cards {
                for i in indices(try r.decode(column: "path", as: String.self)) {
                    rows[i].issued += try r.decode(column: "issued", as: Int.self)
                    rows[i].activated += try r.decode(column: "activated", as: Int.self)
                    rows[i].sleeping += try r.decode(column: "sleeping", as: Int.self)
                }
            }
            // 用得上: cards used in the window.
            let used = try await db.raw("""
                SELECT o.path, COUNT(*) AS n FROM (SELECT DISTINCT u.card_id FROM card_usage u WHERE u.used_on >= \(bind: windowStart) AND u.used_on <= \(bind: a)) u
                JOIN member_cards c ON c.id = u.card_id JOIN members m ON m.id = c.member_id JOIN orgs o ON o.id = m.org_id WHERE
                """ + " " + scope.sql("o.path") + " GROUP BY o.path").all()
            for r in used { for i in indices(try r.decode(column: "path", as: String.self)) { rows[i].used += try r.decode(column: "n", as: Int.self) } }
            // 长期用: cards used in at least `lastingMonths` of the twelve months to the day's.
            let lasting = try await db.raw("""
                SELECT o.path, COUNT(*) AS n FROM (
                    SELECT card_id FROM card_usage_months WHERE month >= \(bind: firstMonth) AND month <= \(bind: lastMonth) GROUP BY card_id HAVING COUNT(*) >= \(bind: lastingMonths)) u
                JOIN member_cards c ON c.id = u.card_id JOIN members m ON m.id = c.member_id JOIN orgs o ON o.id = m.org_id WHERE
                """ + " " + scope.sql("o.path") + " GROUP BY o.path").all()
            for r in lasting { for i in indices(try r.decode(column: "path", as: String.self)) { rows[i].lasting += try r.decode(column: "n", as: Int.self) } }
            // The year's targets set for the node and its children.
            let ids = [node.id] + children.map(\.id)
            let targets = try await db.raw("SELECT org_id, target FROM card_targets WHERE year = \(bind: asOf.year) AND org_id IN ("
                                           + ids.map { "\(bind: $0)" as SQLQueryString }.joined(separator: ", ") + ")").all()
            for t in targets {
                let id = try t.decode(column: "org_id", as: Int64.self)
                if let i = ids.firstIndex(of: id) { rows[i].target = try t.decode(column: "target", as: Int.self) }
            }
            for i in rows.indices { rows[i].finish() }
            return CardMeasures(orgCode: node.code, orgName: node.name, asOf: asOf, rows: rows)
        }
    }

    /// The measures month by month for the twelve months to `asOf`'s (over time): cards issued and
    /// activated by each month's end, and cards used in that month.
    public func monthly(orgCode: String, asOf: CivilDate = .today(), actor: Actor) async throws -> [(month: String, issued: Int, activated: Int, used: Int)] {
        try await database.read { db in
            let node = try await OrgService.find(code: orgCode, scope: actor.scope, on: db)
            let scope = Scope(path: try await OrgService.path(of: node.id, on: db))
            let months = (0..<12).reversed().map { String(asOf.adding(months: -$0).iso.prefix(7)) }
            let counts = try await db.raw("""
                SELECT SUBSTR(c.issued_on, 1, 7) AS im, SUBSTR(c.activated_on, 1, 7) AS am, COUNT(*) AS n FROM member_cards c JOIN members m ON m.id = c.member_id
                JOIN orgs o ON o.id = m.org_id WHERE c.issued_on IS NOT NULL AND c.state IN ('issued', 'active', 'cancelled') AND
                """ + " " + scope.sql("o.path") + " GROUP BY SUBSTR(c.issued_on, 1, 7), SUBSTR(c.activated_on, 1, 7)").all()
            var issuedBy: [String: Int] = [:], activatedBy: [String: Int] = [:]
            for r in counts {
                let n = try r.decode(column: "n", as: Int.self)
                issuedBy[try r.decode(column: "im", as: String.self), default: 0] += n
                if let am = try r.decode(column: "am", as: String?.self) { activatedBy[am, default: 0] += n }
            }
            let used = try await db.raw("""
                SELECT x.month, COUNT(*) AS n FROM card_usage_months x JOIN member_cards c ON c.id = x.card_id JOIN members m ON m.id = c.member_id JOIN orgs o ON o.id = m.org_id
                WHERE x.month >= \(bind: months[0]) AND x.month <= \(bind: months[11]) AND
                """ + " " + scope.sql("o.path") + " GROUP BY x.month").all()
            var usedBy: [String: Int] = [:]
            for r in used { usedBy[try r.decode(column: "month", as: String.self)] = try r.decode(column: "n", as: Int.self) }
            return months.map { m in
                (m, issuedBy.filter { $0.key <= m }.values.reduce(0, +), activatedBy.filter { $0.key <= m }.values.reduce(0, +), usedBy[m] ?? 0)
            }
        }
    }

    /// The sleeping cards under a node (睡眠卡), longest asleep first, for follow-up.
    public func sleeping(orgCode: String, asOf: CivilDate = .today(), actor: Actor, limit: Int = 200) async throws -> [(card: MemberCard, why: CardSleep)] {
        try await database.read { db in
            let node = try await OrgService.find(code: orgCode, scope: actor.scope, on: db)
            let scope = Scope(path: try await OrgService.path(of: node.id, on: db))
            let book = try await DisputeService.policy(on: db)
            let unactivated = CardPolicy.value(CardPolicy.sleepUnactivatedDays, book: book, on: asOf)
            let unused = CardPolicy.value(CardPolicy.sleepUnusedDays, book: book, on: asOf)
            let rows = try await db.raw(Self.select + """
                 WHERE ((c.state = 'issued' AND c.issued_on < \(bind: asOf.adding(days: -unactivated).iso))
                    OR (c.state = 'active' AND COALESCE(c.last_used_on, c.activated_on) < \(bind: asOf.adding(days: -unused).iso))) AND
                """ + " " + scope.sql("o.path") + " ORDER BY COALESCE(c.last_used_on, c.activated_on, c.issued_on), c.id LIMIT \(bind: min(max(limit, 1), 5000))").all()
            return try rows.map(Self.card).compactMap { c in c.sleeping(on: asOf, unactivatedDays: unactivated, unusedDays: unused).map { (c, $0) } }
        }
    }
}
