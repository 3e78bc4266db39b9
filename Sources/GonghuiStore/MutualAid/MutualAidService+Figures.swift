import Foundation
import GonghuiDomain
import SQLKit

/// A round's figures (互助统计) for a node and each of its children: three grouped reads (the
/// enrollments by unit, the claims by unit, state, benefit and diagnosis, the paid claims' days),
/// added up by `MutualAidTally`.
extension MutualAidService {
    public func report(roundID: Int64, orgCode: String, actor: Actor) async throws -> MutualAidReport {
        try await database.read { db in
            let (plan, round) = try await Self.round(id: roundID, actor: actor, on: db)
            let node = try await OrgService.find(code: orgCode, scope: actor.scope, on: db)
            let nodePath = try await OrgService.path(of: node.id, on: db)
            let children = try await db.raw("SELECT code, name, path FROM orgs WHERE parent_id = \(bind: node.id) ORDER BY code").all().map {
                (code: try $0.decode(column: "code", as: String.self), name: try $0.decode(column: "name", as: String.self), path: try $0.decode(column: "path", as: String.self))
            }
            var tallies = [MutualAidTally(orgCode: node.code, orgName: node.name)] + children.map { MutualAidTally(orgCode: $0.code, orgName: $0.name) }
            let prefixes = [nodePath] + children.map(\.path)
            /// The tallies a unit at `path` counts in: the node's and its child's.
            func indices(_ path: String) -> [Int] { prefixes.indices.filter { path.hasPrefix(prefixes[$0]) } }
            let scope = Scope(path: nodePath)

            // Summed by unit first (on the round's index), then joined to the tree: one join per
            // unit instead of one per enrollment.
            let units = try await db.raw("""
                SELECT o.path, u.n, u.due, u.received FROM (
                    SELECT e.org_id, COUNT(*) AS n, CAST(SUM(e.contribution_fen) AS BIGINT) AS due,
                        CAST(SUM(CASE WHEN e.payment_id IS NULL THEN 0 ELSE e.contribution_fen END) AS BIGINT) AS received
                    FROM mutual_aid_enrollments e WHERE e.round_id = \(bind: roundID) GROUP BY e.org_id) u
                JOIN orgs o ON o.id = u.org_id WHERE
                """ + " " + scope.sql("o.path")).all()
            for u in units {
                let path = try u.decode(column: "path", as: String.self)
                for i in indices(path) {
                    tallies[i].addUnit(enrolled: try u.decode(column: "n", as: Int.self), due: try u.decode(column: "due", as: Int64.self),
                                       received: try u.decode(column: "received", as: Int64.self))
                }
            }
            var byBenefit: [String: MutualAidBreakdown] = [:], byDiagnosis: [String: MutualAidBreakdown] = [:]
            let claims = try await db.raw("""
                SELECT o.path, c.state, c.benefit_code, c.diagnosis, COUNT(*) AS n, CAST(SUM(c.amount_fen) AS BIGINT) AS fen
                FROM mutual_aid_claims c JOIN orgs o ON o.id = c.org_id WHERE c.round_id = \(bind: roundID) AND
                """ + " " + scope.sql("o.path") + " GROUP BY o.path, c.state, c.benefit_code, c.diagnosis").all()
            for c in claims {
                guard let state = MutualAidClaimState(rawValue: try c.decode(column: "state", as: String.self)) else { continue }
                let n = try c.decode(column: "n", as: Int.self), fen = try c.decode(column: "fen", as: Int64.self)
                for i in indices(try c.decode(column: "path", as: String.self)) { tallies[i].addClaims(state, count: n, amount: fen) }
                let code = try c.decode(column: "benefit_code", as: String.self)
                var b = byBenefit[code] ?? MutualAidBreakdown(key: code, title: round.terms.benefits.first { $0.code == code }?.title ?? code)
                b.claims += n
                if state == .paid { b.claimsPaid += n; b.benefitsPaidFen += fen }
                byBenefit[code] = b
                if let diagnosis = try c.decode(column: "diagnosis", as: String?.self), !diagnosis.isEmpty {
                    var d = byDiagnosis[diagnosis] ?? MutualAidBreakdown(key: diagnosis, title: diagnosis)
                    d.claims += n
                    if state == .paid { d.claimsPaid += n; d.benefitsPaidFen += fen }
                    byDiagnosis[diagnosis] = d
                }
            }
            let paid = try await db.raw("""
                SELECT o.path, c.filed_on, c.paid_on FROM mutual_aid_claims c JOIN orgs o ON o.id = c.org_id
                WHERE c.round_id = \(bind: roundID) AND c.state = 'paid' AND
                """ + " " + scope.sql("o.path")).all()
            for p in paid {
                guard let filed = try Rows.date(p, "filed_on"), let on = try Rows.date(p, "paid_on") else { continue }
                for i in indices(try p.decode(column: "path", as: String.self)) { tallies[i].addPaid(days: on.daysSinceEpoch - filed.daysSinceEpoch) }
            }
            let order = round.terms.benefits.map(\.code)
            return MutualAidReport(planCode: plan.code, planName: plan.name, roundID: round.id, roundName: round.name, orgCode: node.code, orgName: node.name,
                                   rows: tallies.map(\.finished),
                                   byBenefit: byBenefit.values.sorted { (order.firstIndex(of: $0.key) ?? 99) < (order.firstIndex(of: $1.key) ?? 99) },
                                   byDiagnosis: byDiagnosis.values.sorted { ($0.benefitsPaidFen, $0.claims, $1.key) > ($1.benefitsPaidFen, $1.claims, $0.key) })
        }
    }
}
