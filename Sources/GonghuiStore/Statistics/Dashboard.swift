import Foundation
import GonghuiDomain
import SQLKit

/// Aggregates over the actor's subtree.
public struct DashboardService: Sendable {
    let database: Database

    public func figures(code: String? = nil, actor: Actor, today: CivilDate = .today()) async throws -> DashboardFigures {
        let firstMonth = CivilDate(year: today.year, month: today.month, day: 1)!.adding(months: -11)
        return try await database.read { db in
            var orgCode = code ?? actor.orgCode
            if orgCode == nil {
                orgCode = try await db.raw("SELECT code FROM orgs WHERE parent_id IS NULL ORDER BY code LIMIT 1").first()?.decode(column: "code", as: String.self)
            }
            guard let orgCode else { throw StoreError.notFound(entity: "组织", key: "根组织") }
            let org = try await OrgService.find(code: orgCode, scope: actor.scope, on: db)
            let scope = Scope(path: try await OrgService.path(of: org.id, on: db))
            // One pass over the subtree's members for status, employment type and joining month.
            // A month's joiners are those in good standing today who joined in it: the annual
            // statistics' 本年新入会 is the sum of this year's months.
            // A province's own figures need no join: every member row carries its province.
            let memberFilter: SQLQueryString = org.parentID == nil
                ? "FROM members m WHERE m.province_id = \(bind: org.id)"
                : "FROM members m JOIN orgs o ON o.id = m.org_id WHERE " + scope.sql("o.path")
            let rows = try await db.raw("SELECT m.status AS s, m.employment_type AS t, CASE WHEN m.status = 'active' AND m.joined_on >= \(bind: firstMonth.iso) THEN substr(m.joined_on, 1, 7) ELSE '' END AS ym, COUNT(*) AS n "
                                        + memberFilter + " GROUP BY 1, 2, 3").all()
            var members = 0, retained = 0
            var byMonth: [String: Int] = [:]
            var types: [EmploymentType: Int] = [:]
            for r in rows {
                let n = try r.decode(column: "n", as: Int.self)
                let status = try r.decode(column: "s", as: String.self)
                let ym = try r.decode(column: "ym", as: String.self)
                if !ym.isEmpty { byMonth[ym, default: 0] += n }
                if status == "active" {
                    members += n
                    if let t = EmploymentType(rawValue: try r.decode(column: "t", as: String.self)) { types[t, default: 0] += n }
                } else if status == "retained" {
                    retained += n
                }
            }
            let units = try await db.raw("SELECT COUNT(*) AS n, CAST(COALESCE(SUM(o.employees), 0) AS BIGINT) AS e FROM orgs o WHERE " + scope.sql("o.path") + " AND o.status = 'active' AND o.kind IN ('grassroots', 'federation')").first()
            var months: [(String, Int)] = []
            for i in 0..<12 {
                let d = firstMonth.adding(months: i)
                let key = String(d.iso.prefix(7))
                months.append((key, byMonth[key] ?? 0))
            }
            let open = try await db.raw("""
                SELECT COUNT(*) AS n FROM transfers t JOIN orgs fo ON fo.id = t.from_org_id JOIN orgs tto ON tto.id = t.to_org_id
                WHERE t.state = 'processing' AND ((
                """ + scope.sql("fo.path") + ") OR (" + scope.sql("tto.path") + "))").first()
            return DashboardFigures(
                org: org, members: members, retained: retained,
                grassrootsUnions: try units?.decode(column: "n", as: Int.self) ?? 0,
                employees: try units?.decode(column: "e", as: Int.self) ?? 0,
                joinedByMonth: months.map { (month: $0.0, count: $0.1) },
                byEmploymentType: EmploymentType.allCases.map { (type: $0, count: types[$0] ?? 0) },
                openTransfers: try open?.decode(column: "n", as: Int.self) ?? 0)
        }
    }
}

extension Store {
    public var dashboard: DashboardService { DashboardService(database: database) }
}
