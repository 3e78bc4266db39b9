import Foundation

/// One line of an archive list or worklist.
public struct HardshipArchiveSummary: Sendable, Equatable, Codable {
    public var id: Int64
    public var archiveNo: String
    public var orgCode: String
    public var orgName: String
    public var memberID: Int64?
    public var name: String
    public var idNumberMasked: String
    public var category: HardshipCategory?
    public var categoryOverridden: Bool
    public var mainCause: HardshipCause
    public var stage: HardshipArchiveStage
    public var appliedOn: CivilDate
    public var dueOn: CivilDate?
    public var verifiedOn: CivilDate?
    public var perCapitaMonthly: Money
    public var returnReason: String?
    public var version: Int

    /// Past its deadline on `today` (the notice period is not a deadline).
    public func isOverdue(on today: CivilDate) -> Bool {
        guard stage != .publicNotice, stage != .closed, let dueOn else { return false }
        return today > dueOn
    }

    public init(id: Int64, archiveNo: String, orgCode: String, orgName: String, memberID: Int64? = nil, name: String, idNumberMasked: String, category: HardshipCategory? = nil, categoryOverridden: Bool, mainCause: HardshipCause, stage: HardshipArchiveStage, appliedOn: CivilDate, dueOn: CivilDate? = nil, verifiedOn: CivilDate? = nil, perCapitaMonthly: Money, returnReason: String? = nil, version: Int) {
        self.id = id; self.archiveNo = archiveNo; self.orgCode = orgCode; self.orgName = orgName; self.memberID = memberID; self.name = name; self.idNumberMasked = idNumberMasked; self.category = category; self.categoryOverridden = categoryOverridden; self.mainCause = mainCause; self.stage = stage; self.appliedOn = appliedOn; self.dueOn = dueOn; self.verifiedOn = verifiedOn; self.perCapitaMonthly = perCapitaMonthly; self.returnReason = returnReason; self.version = version
    }
}

public struct HardshipPage: Sendable, Equatable {
    public var items: [HardshipArchiveSummary]
    public var total: Int
    public var limit: Int
    public var offset: Int

    public init(items: [HardshipArchiveSummary], total: Int, limit: Int, offset: Int) {
        self.items = items; self.total = total; self.limit = limit; self.offset = offset
    }
}

/// What an archive list is narrowed to.
public struct HardshipFilter: Sendable, Equatable {
    public var orgCode: String?
    public var name: String?
    public var stages: [HardshipArchiveStage] = []
    public var category: HardshipCategory?
    /// Main or secondary.
    public var cause: HardshipCause?
    /// Filed archives whose yearly re-verification is due within 30 days of `today`, or overdue.
    public var dueForReverification = false
    /// Past the deadline of their current stage.
    public var overdueOnly = false
    public var today: CivilDate = .today()
    public init() {}
}

/// A change to an archive's recorded figures: while it is built, or, once filed, as its dynamic
/// management (动态管理) when the family's situation changes. A family member's ID number left
/// empty keeps the one on file for the member of the same name.
public struct HardshipRevision: Sendable, Equatable {
    public var details: HardshipDetails
    /// nil keeps the account on file.
    public var bankAccount: BankAccountNumber?
    public var family: [HardshipFamilyMemberDraft]
    public var categoryOverride: HardshipCategory?
    public var overrideReason: String
    public var expectedVersion: Int?

    public init(details: HardshipDetails, bankAccount: BankAccountNumber? = nil, family: [HardshipFamilyMemberDraft], categoryOverride: HardshipCategory? = nil,
                overrideReason: String = "", expectedVersion: Int? = nil) {
        self.details = details; self.bankAccount = bankAccount; self.family = family
        self.categoryOverride = categoryOverride; self.overrideReason = overrideReason; self.expectedVersion = expectedVersion
    }
}
