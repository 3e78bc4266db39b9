import Foundation
import GonghuiDomain
import SQLKit

extension Store {
    /// The rights figures of the subtree of `code` for alerts raised and applications made from
    /// `from` to `to` (both included), supervision letters issued and supervisions ended or referred
    /// in it, each counted where its union is in today's tree.
    public func rightsFigures(code: String, from: CivilDate, to: CivilDate, actor: Actor) async throws -> RightsFigures {
        try await database.read { db in
            let org = try await OrgService.find(code: code, scope: actor.scope, on: db)
            let scope = Scope(path: try await OrgService.path(of: org.id, on: db))
            var f = RightsFigures()
            let alerts = try await db.raw("""
                SELECT a.rule, a.state, a.raised_at, a.acknowledged_at FROM risk_alerts a JOIN orgs o ON o.id = a.org_id
                WHERE a.raised_on >= \(bind: from.iso) AND a.raised_on <= \(bind: to.iso) AND
                """ + " " + scope.sql("o.path")).all()
            for row in alerts {
                guard let rule = WarningRule(rawValue: try row.decode(column: "rule", as: String.self)) else { continue }
                var line = f.alerts[rule] ?? RightsFigures.AlertLine()
                line.raised += 1
                if try row.decode(column: "state", as: String.self) == RiskAlertState.closed.rawValue { line.closed += 1 }
                if let acknowledged = try row.decode(column: "acknowledged_at", as: Int64?.self) {
                    let millis = max(0, acknowledged - (try row.decode(column: "raised_at", as: Int64.self)))
                    line.acknowledged += 1
                    line.hoursToAcknowledge += millis / 3_600_000
                    if millis <= 86_400_000 { line.acknowledgedWithinDay += 1 }
                }
                f.alerts[rule] = line
            }
            let applications = try await db.raw("""
                SELECT a.state, a.outcome, a.obtained_fen, a.fee_fen FROM legal_aid_applications a JOIN orgs o ON o.id = a.org_id
                WHERE a.applied_on >= \(bind: from.iso) AND a.applied_on <= \(bind: to.iso) AND
                """ + " " + scope.sql("o.path")).all()
            for row in applications {
                f.legalAidApplications += 1
                let state = LegalAidState(rawValue: try row.decode(column: "state", as: String.self)) ?? .applied
                if state == .refused { f.legalAidRefused += 1 } else if state != .applied { f.legalAidApproved += 1 }
                if let outcome = try row.decode(column: "outcome", as: String?.self).flatMap(LegalAidOutcome.init(rawValue:)) {
                    f.legalAidByOutcome[outcome, default: 0] += 1
                }
                f.legalAidObtained += Money(fen: try row.decode(column: "obtained_fen", as: Int64.self))
                f.legalAidFees += Money(fen: try row.decode(column: "fee_fen", as: Int64.self))
            }
            let letters = try await db.raw("""
                SELECT l.kind, COUNT(*) AS n FROM supervision_letters l JOIN orgs o ON o.id = l.org_id
                WHERE l.issued_on >= \(bind: from.iso) AND l.issued_on <= \(bind: to.iso) AND
                """ + " " + scope.sql("o.path") + " GROUP BY l.kind").all()
            for row in letters {
                guard let kind = SupervisionLetterKind(rawValue: try row.decode(column: "kind", as: String.self)) else { continue }
                f.letters[kind] = try row.decode(column: "n", as: Int.self)
            }
            let matters = try await db.raw("""
                SELECT m.state, m.closed_on, m.referred_on, m.decision FROM supervision_matters m JOIN orgs o ON o.id = m.org_id
                WHERE ((m.closed_on >= \(bind: from.iso) AND m.closed_on <= \(bind: to.iso)) OR (m.referred_on >= \(bind: from.iso) AND m.referred_on <= \(bind: to.iso))) AND
                """ + " " + scope.sql("o.path")).all()
            for row in matters {
                let inPeriod = { (d: CivilDate?) in d.map { $0 >= from && $0 <= to } ?? false }
                let decision = try row.decode(column: "decision", as: String?.self).flatMap(LaborDepartmentDecision.init(rawValue:))
                if inPeriod(try Rows.date(row, "referred_on")) { f.supervisionReferred += 1 }
                guard inPeriod(try Rows.date(row, "closed_on")) else { continue }
                let state = SupervisionState(rawValue: try row.decode(column: "state", as: String.self))
                if let decision { f.laborDecisions[decision, default: 0] += 1 }
                if state == .corrected || (decision?.corrected ?? false) { f.supervisionCorrected += 1 }
            }
            return f
        }
    }
}
