import Foundation

/// The loans' figures of a node (小额担保贷款统计) for a year: granted in the year, outstanding on
/// the day, people helped to start a business, jobs created, overdue by bucket (count and
/// principal) with the overdue rate, what was written off and recovered, and the quota held.
public struct LoanFiguresRow: Equatable, Codable, Sendable {
    public var orgCode: String
    public var orgName: String
    /// Loans lent in the year and their amount.
    public var grantedLoans = 0
    public var grantedFen: Int64 = 0
    /// Distinct borrowers lent to in the year (扶持创业人数).
    public var peopleHelped = 0
    /// Jobs the projects lent to in the year created (带动就业人数).
    public var jobsCreated = 0
    /// Loans being repaid on the day and the principal they still owe (在保余额).
    public var outstandingLoans = 0
    public var outstandingFen: Int64 = 0
    /// Overdue loans and their outstanding principal, by bucket (key: `LoanOverdueBucket.rawValue`).
    public var overdueLoans: [String: Int] = [:]
    public var overdueFen: [String: Int64] = [:]
    /// Overdue principal ÷ outstanding principal, four places (逾期率); nil with nothing outstanding.
    public var overdueRate: String?
    /// Written off (the fund paid the bank) and recovered from guarantors, all time.
    public var writtenOffFen: Int64 = 0
    public var recoveredFen: Int64 = 0
    /// The counties' quotas below the node and what their guarantees hold (额度使用).
    public var quotaFen: Int64 = 0
    public var quotaUsedFen: Int64 = 0

    public init(orgCode: String, orgName: String) { self.orgCode = orgCode; self.orgName = orgName }

    public var overdueTotalLoans: Int { overdueLoans.values.reduce(0, +) }
    public var overdueTotalFen: Int64 { overdueFen.values.reduce(0, +) }
}

/// A node's loan figures with a row for each child.
public struct LoanFigures: Equatable, Codable, Sendable {
    public var orgCode: String
    public var orgName: String
    public var year: Int
    public var asOf: CivilDate
    /// The node first, then its children by code.
    public var rows: [LoanFiguresRow]

    public init(orgCode: String, orgName: String, year: Int, asOf: CivilDate, rows: [LoanFiguresRow]) {
        self.orgCode = orgCode; self.orgName = orgName; self.year = year; self.asOf = asOf; self.rows = rows
    }

    public var total: LoanFiguresRow { rows[0] }
}

/// Adds loans into a row, one at a time, as the store reads them.
public struct LoanTally: Sendable {
    public private(set) var row: LoanFiguresRow
    private var borrowers: Set<Int64> = []

    public init(orgCode: String, orgName: String) { row = LoanFiguresRow(orgCode: orgCode, orgName: orgName) }

    /// A loan lent in the year (`lent`, its borrower and jobs).
    public mutating func addGranted(memberID: Int64, lent: Money, jobs: Int) {
        row.grantedLoans += 1; row.grantedFen += lent.fen; row.jobsCreated += jobs
        borrowers.insert(memberID)
        row.peopleHelped = borrowers.count
    }

    /// A loan being repaid on the day, owing `outstanding`, `overdue` in its bucket or not.
    public mutating func addOutstanding(_ outstanding: Money, overdue: LoanOverdueBucket?) {
        row.outstandingLoans += 1; row.outstandingFen += outstanding.fen
        if let b = overdue {
            row.overdueLoans[b.rawValue, default: 0] += 1
            row.overdueFen[b.rawValue, default: 0] += outstanding.fen
        }
    }

    public mutating func addLoss(writtenOff: Money, recovered: Money) {
        row.writtenOffFen += writtenOff.fen; row.recoveredFen += recovered.fen
    }

    public mutating func addQuota(_ quota: Money, used: Money) {
        row.quotaFen += quota.fen; row.quotaUsedFen += used.fen
    }

    public var finished: LoanFiguresRow {
        var r = row
        r.overdueRate = r.outstandingFen > 0 ? Rate.fourPlaces(Int(r.overdueTotalFen), of: Int(r.outstandingFen)) : nil
        return r
    }
}
