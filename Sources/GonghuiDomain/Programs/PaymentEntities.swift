import Foundation

public struct PaymentBatch: Sendable, Equatable, Codable {
    public var id: Int64
    public var batchNo: String
    /// The programme's cycle whose grants it pays, or the mutual-aid round whose claims it pays.
    public var cycleID: Int64?
    public var roundID: Int64? = nil
    public var orgCode: String
    /// `open` (made, awaiting approval), `approved` (its file may go to the bank), `exported`
    /// (file given to the bank), `reconciled` (every line has a result).
    public var state: String
    public var lineCount: Int
    public var total: Money
    /// Who made the batch (name), and their username.
    public var createdBy: String
    public var createdAt: Int64
    public var createdByUser: String? = nil
    /// Who approved it (name) and when; nil while it waits.
    public var approvedBy: String? = nil
    public var approvedAt: Int64? = nil
    /// Bank results recorded and waiting for a second person to confirm them.
    public var pendingResults: PendingBankResults? = nil

    public init(id: Int64, batchNo: String, cycleID: Int64?, roundID: Int64? = nil, orgCode: String, state: String, lineCount: Int, total: Money, createdBy: String, createdAt: Int64,
                createdByUser: String? = nil, approvedBy: String? = nil, approvedAt: Int64? = nil) {
        self.id = id; self.batchNo = batchNo; self.cycleID = cycleID; self.roundID = roundID; self.orgCode = orgCode; self.state = state; self.lineCount = lineCount; self.total = total; self.createdBy = createdBy; self.createdAt = createdAt
        self.createdByUser = createdByUser; self.approvedBy = approvedBy; self.approvedAt = approvedAt
    }
}

/// A line of the bank's file: the account in full, only for the export.
public struct PaymentLine: Sendable, Equatable, Codable {
    public var reference: String
    public var name: String
    public var bankName: String
    public var account: String
    public var amount: Money
    public var result: String
    public var failureReason: String?

    public init(reference: String, name: String, bankName: String, account: String, amount: Money, result: String, failureReason: String? = nil) {
        self.reference = reference; self.name = name; self.bankName = bankName; self.account = account; self.amount = amount; self.result = result; self.failureReason = failureReason
    }
}

/// A line of a payment batch as the console shows it: the account masked, never in full (the
/// full accounts leave only in the bank's file, through `exportBatch`, which is audited).
public struct PaymentLineView: Sendable, Equatable, Codable {
    /// What the line pays: a grant, or a mutual-aid claim.
    public var grantID: Int64?
    public var claimID: Int64? = nil
    public var reference: String
    public var name: String
    public var bankName: String
    public var accountMasked: String
    public var amount: Money
    /// `pending`, `paid` or `failed`.
    public var result: String
    public var failureReason: String?

    public init(grantID: Int64?, claimID: Int64? = nil, reference: String, name: String, bankName: String, accountMasked: String, amount: Money, result: String, failureReason: String? = nil) {
        self.grantID = grantID; self.claimID = claimID; self.reference = reference; self.name = name; self.bankName = bankName; self.accountMasked = accountMasked; self.amount = amount; self.result = result; self.failureReason = failureReason
    }
}

/// Bank results recorded by one officer, applied only once another confirms them (职责分离).
public struct PendingBankResults: Sendable, Equatable, Codable {
    public var id: Int64
    public var fileName: String?
    public var recordedBy: String
    public var recordedByUser: String
    public var recordedAt: Int64
    public var paid: Int
    public var failed: Int
    public var paidTotal: Money

    public init(id: Int64, fileName: String?, recordedBy: String, recordedByUser: String, recordedAt: Int64, paid: Int, failed: Int, paidTotal: Money) {
        self.id = id; self.fileName = fileName; self.recordedBy = recordedBy; self.recordedByUser = recordedByUser; self.recordedAt = recordedAt
        self.paid = paid; self.failed = failed; self.paidTotal = paidTotal
    }
}

/// What the bank reported for one reference.
public struct BankResult: Sendable, Equatable, Codable {
    public var row: Int
    public var reference: String
    public var paid: Bool
    public var reason: String?
    /// The day the bank paid (入账日期), when its file says; otherwise the day it is recorded.
    public var on: CivilDate?
    public init(row: Int, reference: String, paid: Bool, reason: String? = nil, on: CivilDate? = nil) {
        self.row = row; self.reference = reference; self.paid = paid; self.reason = reason; self.on = on
    }
}

public struct BankResultSummary: Sendable, Equatable, Codable {
    public var paid: Int
    public var failed: Int
    /// References already recorded with the same result: nothing done twice.
    public var alreadyRecorded: Int
    public var paidTotal: Money
    public var batchReconciled: Bool
    /// Recorded, not applied: another officer confirms them first (职责分离).
    public var awaitingConfirmation = false

    public init(paid: Int, failed: Int, alreadyRecorded: Int, paidTotal: Money, batchReconciled: Bool, awaitingConfirmation: Bool = false) {
        self.paid = paid; self.failed = failed; self.alreadyRecorded = alreadyRecorded; self.paidTotal = paidTotal; self.batchReconciled = batchReconciled
        self.awaitingConfirmation = awaitingConfirmation
    }
}
