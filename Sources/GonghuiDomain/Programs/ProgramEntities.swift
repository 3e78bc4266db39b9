import Foundation

public struct AssistanceProgram: Sendable, Equatable, Codable {
    public var id: Int64
    public var code: String
    public var name: String
    public var kind: ProgramKind
    public var description: String

    public init(id: Int64, code: String, name: String, kind: ProgramKind, description: String) {
        self.id = id; self.code = code; self.name = name; self.kind = kind; self.description = description
    }
}

/// One round of a program (e.g. 2027年春节送温暖), with its rules and the union that owns it.
public struct ProgramCycle: Sendable, Equatable, Codable {
    public var id: Int64
    public var programCode: String
    public var programName: String
    public var kind: ProgramKind
    public var name: String
    public var startsOn: CivilDate
    public var endsOn: CivilDate
    public var isOpen: Bool
    public var rules: GrantRules
    public var ownerOrgCode: String
    public var ownerOrgName: String
    /// The owner's place in the tree: a cycle serves the owner's subtree.
    public var ownerOrgPath: String = ""

    enum CodingKeys: String, CodingKey { case id, programCode, programName, kind, name, startsOn, endsOn, isOpen, rules, ownerOrgCode, ownerOrgName }

    public init(id: Int64, programCode: String, programName: String, kind: ProgramKind, name: String, startsOn: CivilDate, endsOn: CivilDate, isOpen: Bool, rules: GrantRules, ownerOrgCode: String, ownerOrgName: String, ownerOrgPath: String = "") {
        self.id = id; self.programCode = programCode; self.programName = programName; self.kind = kind; self.name = name; self.startsOn = startsOn; self.endsOn = endsOn; self.isOpen = isOpen; self.rules = rules; self.ownerOrgCode = ownerOrgCode; self.ownerOrgName = ownerOrgName; self.ownerOrgPath = ownerOrgPath
    }
}

/// A union's budget in a cycle: what it was given, passed on, reserved by its approvals, paid.
public struct CycleBudget: Sendable, Equatable, Codable {
    public var orgCode: String
    public var orgName: String
    public var parentCode: String?
    public var allocated: Money
    public var suballocated: Money
    public var reserved: Money
    public var paid: Money
    /// What the union can still pass on or approve.
    public var left: Money { allocated - suballocated - reserved }

    public init(orgCode: String, orgName: String, parentCode: String? = nil, allocated: Money, suballocated: Money, reserved: Money, paid: Money) {
        self.orgCode = orgCode; self.orgName = orgName; self.parentCode = parentCode; self.allocated = allocated; self.suballocated = suballocated; self.reserved = reserved; self.paid = paid
    }
}

/// A grant (帮扶资金) to one person in one cycle.
public struct Grant: Sendable, Equatable, Codable {
    public var id: Int64
    public var cycleID: Int64
    public var orgCode: String
    public var orgName: String
    public var memberID: Int64?
    public var archiveID: Int64?
    public var name: String
    public var idNumberMasked: String
    public var category: HardshipCategory?
    public var facts: GrantFacts
    public var ruleName: String
    public var amount: Money
    public var explanation: [String]
    public var state: GrantState
    /// `portal` (the worker applied) or `union` (on the worker's behalf).
    public var channel: String
    public var appliedOn: CivilDate
    public var budgetOrgCode: String?
    public var reason: String?
    public var bankName: String
    public var bankAccountMasked: String
    public var batchID: Int64?
    public var attempts: Int
    public var paidOn: CivilDate?
    public var failureReason: String?
    public var version: Int
    /// A corrected account waiting for a second person's approval (masked), and who proposed it.
    public var proposedBankName: String? = nil
    public var proposedAccountMasked: String? = nil
    public var proposedBy: String? = nil
    /// The officers (usernames) who recorded and reviewed it: neither approves it (`DutySeparation`).
    public var recordedBy: String? = nil
    public var reviewedBy: String? = nil

    public init(id: Int64, cycleID: Int64, orgCode: String, orgName: String, memberID: Int64? = nil, archiveID: Int64? = nil, name: String, idNumberMasked: String, category: HardshipCategory? = nil, facts: GrantFacts, ruleName: String, amount: Money, explanation: [String], state: GrantState, channel: String, appliedOn: CivilDate, budgetOrgCode: String? = nil, reason: String? = nil, bankName: String, bankAccountMasked: String, batchID: Int64? = nil, attempts: Int, paidOn: CivilDate? = nil, failureReason: String? = nil, version: Int, proposedBankName: String? = nil, proposedAccountMasked: String? = nil, proposedBy: String? = nil, recordedBy: String? = nil, reviewedBy: String? = nil) {
        self.id = id; self.cycleID = cycleID; self.orgCode = orgCode; self.orgName = orgName; self.memberID = memberID; self.archiveID = archiveID; self.name = name; self.idNumberMasked = idNumberMasked; self.category = category; self.facts = facts; self.ruleName = ruleName; self.amount = amount; self.explanation = explanation; self.state = state; self.channel = channel; self.appliedOn = appliedOn; self.budgetOrgCode = budgetOrgCode; self.reason = reason; self.bankName = bankName; self.bankAccountMasked = bankAccountMasked; self.batchID = batchID; self.attempts = attempts; self.paidOn = paidOn; self.failureReason = failureReason; self.version = version; self.proposedBankName = proposedBankName; self.proposedAccountMasked = proposedAccountMasked; self.proposedBy = proposedBy
        self.recordedBy = recordedBy; self.reviewedBy = reviewedBy
    }

    /// Why `username` may not approve this grant under duty separation, or nil.
    public func approvalRefusal(for username: String) -> String? {
        DutySeparation.refusal(approver: username, parts: [(.recorded, recordedBy), (.reviewed, reviewedBy)], what: "帮扶申请")
    }
}

/// The figures of a cycle under a union: people and amounts by child node and by category.
public struct AssistanceReport: Sendable, Equatable, Codable {
    public struct Row: Sendable, Equatable, Codable {
        public var key: String
        public var label: String
        public var approvedPeople: Int
        public var approved: Money
        public var paidPeople: Int
        public var paid: Money

        public init(key: String, label: String, approvedPeople: Int, approved: Money, paidPeople: Int, paid: Money) {
            self.key = key; self.label = label; self.approvedPeople = approvedPeople; self.approved = approved; self.paidPeople = paidPeople; self.paid = paid
        }
    }
    public var cycle: ProgramCycle
    public var orgCode: String
    public var orgName: String
    public var byChild: [Row]
    public var byCategory: [Row]
    public var total: Row

    public init(cycle: ProgramCycle, orgCode: String, orgName: String, byChild: [Row], byCategory: [Row], total: Row) {
        self.cycle = cycle; self.orgCode = orgCode; self.orgName = orgName; self.byChild = byChild; self.byCategory = byCategory; self.total = total
    }
}
