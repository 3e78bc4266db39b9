import Foundation

/// A round's figures for one node (互助统计): enrolled members and units, contributions due and
/// received, claims filed, approved, refused and paid, benefits paid, the payout ratio (赔付率:
/// benefits paid ÷ contributions received) and the mean days from filing to payment.
public struct MutualAidFiguresRow: Codable, Equatable, Sendable {
    public var orgCode: String
    public var orgName: String
    public var enrolled: Int
    public var units: Int
    /// What the enrolled members' units owe in all (paid or not), and what was received.
    public var contributionsDueFen: Int64
    public var contributionsFen: Int64
    public var claims: Int
    /// Approved to pay: waiting for payment, in a batch, paid, or returned by the bank.
    public var claimsApproved: Int
    public var claimsRefused: Int
    public var claimsPaid: Int
    public var benefitsPaidFen: Int64
    public var payoutRatio: String?
    public var averageDaysToPay: Double?

    public init(orgCode: String, orgName: String) {
        self.orgCode = orgCode; self.orgName = orgName
        enrolled = 0; units = 0; contributionsDueFen = 0; contributionsFen = 0; claims = 0; claimsApproved = 0; claimsRefused = 0; claimsPaid = 0; benefitsPaidFen = 0
    }

    enum CodingKeys: String, CodingKey {
        case orgCode = "org_code", orgName = "org_name", enrolled, units, contributionsDueFen = "contributions_due_fen", contributionsFen = "contributions_fen", claims
        case claimsApproved = "claims_approved", claimsRefused = "claims_refused", claimsPaid = "claims_paid", benefitsPaidFen = "benefits_paid_fen"
        case payoutRatio = "payout_ratio", averageDaysToPay = "average_days_to_pay"
    }
}

/// Claims and benefits paid by benefit or by diagnosis.
public struct MutualAidBreakdown: Codable, Equatable, Sendable {
    public var key: String
    public var title: String
    public var claims: Int
    public var claimsPaid: Int
    public var benefitsPaidFen: Int64

    public init(key: String, title: String, claims: Int = 0, claimsPaid: Int = 0, benefitsPaidFen: Int64 = 0) {
        self.key = key; self.title = title; self.claims = claims; self.claimsPaid = claimsPaid; self.benefitsPaidFen = benefitsPaidFen
    }

    enum CodingKeys: String, CodingKey {
        case key, title, claims, claimsPaid = "claims_paid", benefitsPaidFen = "benefits_paid_fen"
    }
}

/// A round's report for a node: its own row first, then one per child, and the node's claims by
/// benefit and by diagnosis.
public struct MutualAidReport: Codable, Equatable, Sendable {
    public var planCode: String
    public var planName: String
    public var roundID: Int64
    public var roundName: String
    public var orgCode: String
    public var orgName: String
    public var rows: [MutualAidFiguresRow]
    public var byBenefit: [MutualAidBreakdown]
    public var byDiagnosis: [MutualAidBreakdown]

    public init(planCode: String, planName: String, roundID: Int64, roundName: String, orgCode: String, orgName: String, rows: [MutualAidFiguresRow],
                byBenefit: [MutualAidBreakdown], byDiagnosis: [MutualAidBreakdown]) {
        self.planCode = planCode; self.planName = planName; self.roundID = roundID; self.roundName = roundName; self.orgCode = orgCode; self.orgName = orgName
        self.rows = rows; self.byBenefit = byBenefit; self.byDiagnosis = byDiagnosis
    }

    enum CodingKeys: String, CodingKey {
        case planCode = "plan_code", planName = "plan_name", roundID = "round_id", roundName = "round_name", orgCode = "org_code", orgName = "org_name", rows
        case byBenefit = "by_benefit", byDiagnosis = "by_diagnosis"
    }
}

/// Adds up a node's figures from per-unit counts: the rules of what counts where, kept apart from
/// the SQL that fetches the counts.
public struct MutualAidTally: Sendable {
    public private(set) var row: MutualAidFiguresRow
    private var daysToPay = 0

    public init(orgCode: String, orgName: String) { row = MutualAidFiguresRow(orgCode: orgCode, orgName: orgName) }

    /// One unit's enrollment: its members, what it owes, what it paid.
    public mutating func addUnit(enrolled: Int, due: Int64, received: Int64) {
        row.enrolled += enrolled; row.units += 1; row.contributionsDueFen += due; row.contributionsFen += received
    }

    /// `count` claims in `state` with `amount` fen between them.
    public mutating func addClaims(_ state: MutualAidClaimState, count: Int, amount: Int64) {
        row.claims += count
        switch state {
        case .refused: row.claimsRefused += count
        case .approved, .inBatch, .failed: row.claimsApproved += count
        case .paid: row.claimsApproved += count; row.claimsPaid += count; row.benefitsPaidFen += amount
        case .filed, .awaitingOwner: break
        }
    }

    /// A paid claim's days from filing to payment.
    public mutating func addPaid(days: Int) { daysToPay += days }

    /// The row with its ratio and mean days.
    public var finished: MutualAidFiguresRow {
        var r = row
        r.payoutRatio = MutualAidClaimRules.payoutRatio(paid: Money(fen: r.benefitsPaidFen), received: Money(fen: r.contributionsFen))
        r.averageDaysToPay = r.claimsPaid > 0 ? (Double(daysToPay) / Double(r.claimsPaid) * 10).rounded() / 10 : nil
        return r
    }
}
