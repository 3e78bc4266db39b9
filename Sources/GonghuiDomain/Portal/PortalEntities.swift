import Foundation

/// What the portal shows a worker about applying: the facts the rules will see, and the own
/// account a grant would be paid into when the household's archive is filed.
public struct PortalApplicantFacts: Sendable, Equatable {
    public var facts: GrantFacts
    /// The filed archive's account, masked; nil when there is no filed archive.
    public var archiveBankName: String?
    public var archiveAccountMasked: String?

    public init(facts: GrantFacts, archiveBankName: String? = nil, archiveAccountMasked: String? = nil) {
        self.facts = facts; self.archiveBankName = archiveBankName; self.archiveAccountMasked = archiveAccountMasked
    }
}

/// A step of a worker's own grant, without who took it or the officers' wording.
public struct PortalGrantEvent: Sendable, Equatable {
    /// `applied`, `reviewed`, `approved`, `rejected`, `batched`, `paid`, `failed`, `requeued`.
    public var kind: String
    public var at: Int64

    public init(kind: String, at: Int64) {
        self.kind = kind; self.at = at
    }
}

/// An activation code as the union hands it to the worker: shown once, stored only as a hash.
public struct ActivationCode: Sendable, Equatable {
    public var code: String
    public var expiresAt: Int64

    public init(code: String, expiresAt: Int64) {
        self.code = code; self.expiresAt = expiresAt
    }
}

/// A signed-in worker.
public struct WorkerSession: Sendable, Equatable {
    public var memberID: Int64
    public var csrf: String

    public init(memberID: Int64, csrf: String) {
        self.memberID = memberID; self.csrf = csrf
    }
}

/// What a worker sees of their own membership.
public struct WorkerMembership: Sendable {
    public var member: Member
    public var history: [MemberEvent]
    public var transfers: [MembershipTransfer]

    public init(member: Member, history: [MemberEvent], transfers: [MembershipTransfer]) {
        self.member = member; self.history = history; self.transfers = transfers
    }
}
