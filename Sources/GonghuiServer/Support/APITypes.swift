import Foundation
import GonghuiDomain
import GonghuiStore

// The JSON shapes of the API, built from domain values. Optional properties are left out of
// the JSON when they have no value (the OpenAPI document marks them optional and nullable).

struct OrgFlagsJSON: Codable, Sendable {
    var womenCommittee: Bool
    var fundsAuditCommittee: Bool
    var workersCongress: Bool
    var factoryAffairsOpenness: Bool
    var laborProtectionCommittee: Bool
    var mediationCommittee: Bool

    init(_ f: OrgFlags) {
        womenCommittee = f.womenCommittee; fundsAuditCommittee = f.fundsAuditCommittee
        workersCongress = f.workersCongress; factoryAffairsOpenness = f.factoryAffairsOpenness
        laborProtectionCommittee = f.laborProtectionCommittee; mediationCommittee = f.mediationCommittee
    }
}

struct OrgJSON: Codable, Sendable {
    var code: String
    var name: String
    var parentCode: String?
    var kind: String
    var kindLabel: String
    var depth: Int
    var status: String
    var approval: String
    var creditCode: String?
    var regionCode: String?
    var unitNature: String?
    var economicType: String?
    var industry: String?
    var employees: Int
    var womenEmployees: Int
    var migrantEmployees: Int
    var foundedOn: CivilDate?
    var chairName: String?
    var chairPhoneMasked: String?
    var fullTimeStaff: Int
    var flags: OrgFlagsJSON
    var mergedIntoCode: String?
    var endedOn: CivilDate?
    var version: Int

    init(_ o: Organization) {
        code = o.code; name = o.name; parentCode = o.parentCode; kind = o.kind.rawValue; kindLabel = o.kind.title
        depth = o.depth; status = o.status.rawValue; approval = o.approval.rawValue; creditCode = o.creditCode
        regionCode = o.regionCode; unitNature = o.unitNature?.rawValue; economicType = o.economicType; industry = o.industry
        employees = o.employees; womenEmployees = o.womenEmployees; migrantEmployees = o.migrantEmployees
        foundedOn = o.foundedOn; chairName = o.chairName; chairPhoneMasked = o.chairPhoneMasked
        fullTimeStaff = o.fullTimeStaff; flags = OrgFlagsJSON(o.flags); mergedIntoCode = o.mergedIntoCode
        endedOn = o.endedOn; version = o.version
    }
}

struct OrgSummaryJSON: Codable, Sendable {
    var org: OrgJSON
    var childCount: Int
    var members: Int
    var employees: Int
    var membershipRate: Double?

    init(_ s: OrgSummary) {
        org = OrgJSON(s.org); childCount = s.childCount; members = s.members; employees = s.employees
        membershipRate = s.membershipRate
    }
}

struct OrgEventJSON: Codable, Sendable {
    var kind: String
    var label: String
    var onDate: CivilDate
    var detail: String
    var actor: String
    var recordedAt: Int64

    init(_ e: OrgEvent) {
        kind = e.kind; label = e.label; onDate = e.onDate; detail = e.detail; actor = e.actor; recordedAt = e.recordedAt
    }
}

struct MemberJSON: Codable, Sendable {
    var id: Int64
    var orgCode: String
    var orgName: String
    var name: String
    var idNumberMasked: String
    var gender: String
    var birthDate: CivilDate
    var phoneMasked: String?
    var ethnicity: String?
    var education: String?
    var skillLevel: String?
    var householdType: String?
    var isMigrant: Bool
    var employmentType: String
    var politicalStatus: String?
    var workplace: String?
    var cardNumber: String?
    var joinedOn: CivilDate
    var status: String
    var statusLabel: String
    var statusSince: CivilDate
    var version: Int

    init(_ m: Member) {
        id = m.id; orgCode = m.orgCode; orgName = m.orgName; name = m.name; idNumberMasked = m.idNumberMasked
        gender = m.gender.rawValue; birthDate = m.birthDate; phoneMasked = m.phoneMasked; ethnicity = m.ethnicity
        education = m.education; skillLevel = m.skillLevel; householdType = m.householdType; isMigrant = m.isMigrant
        employmentType = m.employmentType.rawValue; politicalStatus = m.politicalStatus; workplace = m.workplace
        cardNumber = m.cardNumber; joinedOn = m.joinedOn; status = m.status.rawValue; statusLabel = m.status.label
        statusSince = m.statusSince; version = m.version
    }
}

struct MemberEventJSON: Codable, Sendable {
    var kind: String
    var label: String
    var onDate: CivilDate
    var orgCode: String?
    var orgName: String?
    var detail: String
    var actor: String
    var recordedAt: Int64

    init(_ e: MemberEvent) {
        kind = e.kind.rawValue; label = e.kind.label; onDate = e.onDate; orgCode = e.orgCode; orgName = e.orgName
        detail = e.detail; actor = e.actor; recordedAt = e.recordedAt
    }
}

struct MembershipOnDateJSON: Codable, Sendable {
    var member: MemberJSON
    var statusOnDate: String
    var since: CivilDate

    init(_ m: MembershipOnDate) {
        member = MemberJSON(m.member); statusOnDate = m.statusOnDate.rawValue; since = m.since
    }
}

struct TransferJSON: Codable, Sendable {
    var id: Int64
    var memberId: Int64
    var memberName: String
    var fromOrgCode: String
    var fromOrgName: String
    var toOrgCode: String
    var toOrgName: String
    var state: String
    var outgoing: String
    var incoming: String
    var requestedOn: CivilDate
    var effectiveOn: CivilDate?
    var reason: String
    var rejectionReason: String?
    var version: Int

    init(_ t: MembershipTransfer) {
        id = t.id; memberId = t.memberID; memberName = t.memberName; fromOrgCode = t.fromOrgCode; fromOrgName = t.fromOrgName
        toOrgCode = t.toOrgCode; toOrgName = t.toOrgName; state = t.state.rawValue; outgoing = t.outgoing.rawValue
        incoming = t.incoming.rawValue; requestedOn = t.requestedOn; effectiveOn = t.effectiveOn; reason = t.reason
        rejectionReason = t.rejectionReason; version = t.version
    }
}

struct UserJSON: Codable, Sendable {
    var username: String
    var displayName: String
    var role: String
    var orgCode: String?
    var orgName: String?
    var disabled: Bool?

    init(_ u: User) {
        username = u.username; displayName = u.displayName; role = u.role.rawValue; orgCode = u.orgCode; orgName = u.orgName
        disabled = u.disabled
    }

    init(_ a: Actor) {
        username = a.username; displayName = a.displayName; role = a.role.rawValue; orgCode = a.orgCode; orgName = a.orgName
    }
}

struct PermissionsJSON: Codable, Sendable {
    var editRegistry: Bool
    var decideTransfers: Bool
    var seeIdentifiers: Bool
    var readAudit: Bool
    var manageUsers: Bool

    init(_ r: Role) {
        editRegistry = r.mayEditRegistry; decideTransfers = r.mayDecideTransfers; seeIdentifiers = r.maySeeIdentifiers
        readAudit = r.mayReadAudit; manageUsers = r.mayManageUsers
    }
}

struct MeJSON: Codable, Sendable {
    var user: UserJSON
    var roleLabel: String
    var permissions: PermissionsJSON
    var csrfToken: String?
}

struct LoginJSON: Codable, Sendable {
    var token: String
    var csrfToken: String
    var expiresAt: String
    var user: UserJSON
}

struct AuditEntryJSON: Codable, Sendable {
    var seq: Int64
    var at: Int64
    var actor: String
    var action: String
    var entity: String
    var entityId: String
    var orgId: Int64?
    var summary: String
    var before: String?
    var after: String?
    var prevHash: String
    var hash: String

    init(_ e: AuditEntry) {
        seq = e.seq; at = e.at; actor = e.actor; action = e.action; entity = e.entity; entityId = e.entityID
        orgId = e.orgID; summary = e.summary; before = e.before; after = e.after; prevHash = e.prevHash; hash = e.hash
    }
}

struct AuditVerificationJSON: Codable, Sendable {
    var ok: Bool
    var entries: Int64
    var firstBadSeq: Int64?
    var problem: String?

    init(_ v: AuditVerification) {
        ok = v.ok; entries = v.entries; firstBadSeq = v.firstBadSeq; problem = v.problem
    }
}

struct ItemsJSON<T: Codable & Sendable>: Codable, Sendable {
    var items: [T]
}

struct PageJSON<T: Codable & Sendable>: Codable, Sendable {
    var items: [T]
    var limit: Int
    var offset: Int
}

struct CountedPageJSON<T: Codable & Sendable>: Codable, Sendable {
    var items: [T]
    var total: Int
    var limit: Int
    var offset: Int
}

struct AsOfPageJSON: Codable, Sendable {
    var asOf: CivilDate
    var items: [MembershipOnDateJSON]
    var limit: Int
    var offset: Int
}

struct IdentifiersJSON: Codable, Sendable {
    var idNumber: String
    var phone: String?
}

struct StatusJSON: Codable, Sendable {
    var status: String
}

enum Vocab {
    static let orgKinds = OrgKind.allCases.map(\.rawValue)
    static let memberStatuses = MemberStatus.allCases.map(\.rawValue)
    static let employmentTypes = EmploymentType.allCases.map(\.rawValue)
    static let unitNatures = UnitNature.allCases.map(\.rawValue)
    static let approvals = FoundingApproval.allCases.map(\.rawValue)
    static let roles = Role.allCases.map(\.rawValue)
    static let transferStates = MembershipTransfer.State.allCases.map(\.rawValue)
}
