import Foundation
import GonghuiDomain
import SQLKit

/// The loans' figures (小额担保贷款统计) for a node and each child: granted in the year, outstanding
/// and overdue by bucket on the day (from each loan's schedule and what was repaid by then), the
/// losses, and the counties' quotas. Loans are counted where the borrower's union is.
extension LoanService {
    public func figures(orgCode: String, year: Int, asOf: CivilDate = .today(), actor: Actor) async throws -> LoanFigures {
        try await database.read { db in
            let node = try await OrgService.find(code: orgCode, scope: actor.scope, on: db)
            let nodePath = try await OrgService.path(of: node.id, on: db)
            let children = try await db.raw("SELECT code, name, path FROM orgs WHERE parent_id = \(bind: node.id) ORDER BY code").all().map {
                (code: try $0.decode(column: "code", as: String.self), name: try $0.decode(column: "name", as: String.self), path: try $0.decode(column: "path", as: String.self))
            }
            var tallies = [LoanTally(orgCode: node.code, orgName: node.name)] + children.map { LoanTally(orgCode: $0.code, orgName: $0.name) }
            let prefixes = [nodePath] + children.map(\.path)
            func indices(_ path: String) -> [Int] { prefixes.indices.filter { path.hasPrefix(prefixes[$0]) } }
            let scope = Scope(path: nodePath)
            let first = CivilDate(year: year, month: 1, day: 1)!, last = CivilDate(year: year, month: 12, day: 31)!
            let end = min(last, asOf)

            let lent = try await db.raw("""
                SELECT o.path, l.member_id, l.lent_fen, l.jobs_created FROM loans l JOIN orgs o ON o.id = l.org_id
                WHERE l.lent_on >= \(bind: first.iso) AND l.lent_on <= \(bind: end.iso) AND
                """ + " " + scope.sql("o.path")).all()
            for r in lent {
                let path = try r.decode(column: "path", as: String.self)
                for i in indices(path) {
                    tallies[i].addGranted(memberID: try r.decode(column: "member_id", as: Int64.self), lent: Money(fen: try r.decode(column: "lent_fen", as: Int64.self)),
                                          jobs: try r.decode(column: "jobs_created", as: Int.self))
                }
            }

            // Outstanding on the day: lent by then and not yet closed or written off by then; the
            // principal and interest repaid by then, against the schedule.
            let open = try await db.raw("""
                SELECT l.id, o.path, l.lent_fen FROM loans l JOIN orgs o ON o.id = l.org_id
                WHERE l.lent_on <= \(bind: asOf.iso) AND (l.closed_on IS NULL OR l.closed_on > \(bind: asOf.iso)) AND l.state IN ('repaying', 'closed', 'written_off') AND
                """ + " " + scope.sql("o.path")).all()
            var outstanding: [Int64: (path: String, lent: Int64)] = [:]
            for r in open { outstanding[try r.decode(column: "id", as: Int64.self)] = (try r.decode(column: "path", as: String.self), try r.decode(column: "lent_fen", as: Int64.self)) }
            if !outstanding.isEmpty {
                var schedules: [Int64: [LoanInstalment]] = [:]
                var repaid: [Int64: (principal: Int64, interest: Int64)] = [:]
                let insts = try await db.raw("""
                    SELECT i.loan_id, i.seq, i.due_on, i.principal_fen, i.interest_fen, i.subsidy_fen FROM loan_instalments i JOIN loans l ON l.id = i.loan_id JOIN orgs o ON o.id = l.org_id
                    WHERE l.lent_on <= \(bind: asOf.iso) AND (l.closed_on IS NULL OR l.closed_on > \(bind: asOf.iso)) AND
                    """ + " " + scope.sql("o.path") + " ORDER BY i.loan_id, i.seq").all()
                for r in insts { schedules[try r.decode(column: "loan_id", as: Int64.self), default: []].append(try Self.instalment(r)) }
                let paid = try await db.raw("""
                    SELECT p.loan_id, CAST(SUM(p.principal_fen) AS BIGINT) AS principal, CAST(SUM(p.interest_fen) AS BIGINT) AS interest
                    FROM loan_repayments p JOIN loans l ON l.id = p.loan_id JOIN orgs o ON o.id = l.org_id
                    WHERE p.paid_on <= \(bind: asOf.iso) AND l.lent_on <= \(bind: asOf.iso) AND (l.closed_on IS NULL OR l.closed_on > \(bind: asOf.iso)) AND
                    """ + " " + scope.sql("o.path") + " GROUP BY p.loan_id").all()
                for r in paid {
                    repaid[try r.decode(column: "loan_id", as: Int64.self)] = (try r.decode(column: "principal", as: Int64.self), try r.decode(column: "interest", as: Int64.self))
                }
                for (id, o) in outstanding {
                    let p = repaid[id] ?? (0, 0)
                    let owed = Money(fen: max(0, o.lent - p.principal))
                    let days = LoanOverdueBucket.daysOverdue(schedules[id] ?? [], repaidPrincipal: Money(fen: p.principal), repaidInterest: Money(fen: p.interest), today: asOf)
                    for i in indices(o.path) { tallies[i].addOutstanding(owed, overdue: LoanOverdueBucket.of(days: days)) }
                }
            }

            // Losses as of the day: written off by then, recovered from guarantors by then.
            let losses = try await db.raw("""
                SELECT o.path, CAST(SUM(l.written_off_fen) AS BIGINT) AS fen FROM loans l JOIN orgs o ON o.id = l.org_id
                WHERE l.written_off_on <= \(bind: asOf.iso) AND
                """ + " " + scope.sql("o.path") + " GROUP BY o.path").all()
            for r in losses {
                for i in indices(try r.decode(column: "path", as: String.self)) { tallies[i].addLoss(writtenOff: Money(fen: try r.decode(column: "fen", as: Int64.self)), recovered: .zero) }
            }
            let recovered = try await db.raw("""
                SELECT o.path, CAST(SUM(p.principal_fen + p.interest_fen) AS BIGINT) AS fen FROM loan_repayments p JOIN loans l ON l.id = p.loan_id JOIN orgs o ON o.id = l.org_id
                WHERE p.source = 'guarantor' AND p.paid_on <= \(bind: asOf.iso) AND
                """ + " " + scope.sql("o.path") + " GROUP BY o.path").all()
            for r in recovered {
                for i in indices(try r.decode(column: "path", as: String.self)) { tallies[i].addLoss(writtenOff: .zero, recovered: Money(fen: try r.decode(column: "fen", as: Int64.self))) }
            }
            let quotas = try await db.raw("SELECT o.path, q.quota_fen, q.used_fen FROM loan_quotas q JOIN orgs o ON o.id = q.org_id WHERE " + scope.sql("o.path")).all()
            for r in quotas {
                for i in indices(try r.decode(column: "path", as: String.self)) {
                    tallies[i].addQuota(Money(fen: try r.decode(column: "quota_fen", as: Int64.self)), used: Money(fen: try r.decode(column: "used_fen", as: Int64.self)))
                }
            }
            return LoanFigures(orgCode: node.code, orgName: node.name, year: year, asOf: asOf, rows: tallies.map(\.finished))
        }
    }

    /// The member's own loans (the portal's 我的贷款), newest first, with schedule and repayments.
    public func memberLoans(memberID: Int64) async throws -> [(loan: Loan, schedule: [LoanInstalment], repayments: [LoanRepayment])] {
        try await database.read { db in
            let loans = try await db.raw(Self.select + " WHERE l.member_id = \(bind: memberID) ORDER BY l.id DESC").all().map(Self.loan)
            var out: [(Loan, [LoanInstalment], [LoanRepayment])] = []
            for l in loans { out.append((l, try await Self.schedule(l.id, on: db), try await Self.repayments(l.id, on: db))) }
            return out
        }
    }
}
