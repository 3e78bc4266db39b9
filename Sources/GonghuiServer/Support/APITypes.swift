import Foundation
import GonghuiDomain
import GonghuiStore

import GonghuiAPI

/// The JSON API's shapes, generated from `openapi.yaml` into `GonghuiAPI`
/// (`scripts/gen-openapi-types.sh`); each is built here from Domain values. Optional properties
/// are left out of the JSON when they have no value (the document marks them optional).
package typealias API = Components.Schemas

/// The contract's value for a Domain word. The document lists every word of each Domain
/// vocabulary (OpenAPITypesTests walks them all), so a miss is a programming error.
func contractValue<C: RawRepresentable>(_ raw: String, as type: C.Type = C.self) -> C where C.RawValue == String {
    guard let value = C(rawValue: raw) else { preconditionFailure("openapi.yaml has no \(C.self) value \(raw)") }
    return value
}

extension API.OrgFlags {
    init(_ f: OrgFlags) {
        self.init(womenCommittee: f.womenCommittee, fundsAuditCommittee: f.fundsAuditCommittee, workersCongress: f.workersCongress,
                  factoryAffairsOpenness: f.factoryAffairsOpenness, laborProtectionCommittee: f.laborProtectionCommittee,
                  mediationCommittee: f.mediationCommittee)
    }
}

extension API.Org {
    init(_ o: Organization) {
        self.init(code: o.code, name: o.name, parentCode: o.parentCode, kind: contractValue(o.kind.rawValue), kindLabel: o.kind.title,
                  depth: o.depth, status: contractValue(o.status.rawValue), approval: contractValue(o.approval.rawValue),
                  creditCode: o.creditCode, regionCode: o.regionCode,
                  unitNature: o.unitNature.map { .init(value1: contractValue($0.rawValue)) }, economicType: o.economicType,
                  industry: o.industry, employees: o.employees, womenEmployees: o.womenEmployees, migrantEmployees: o.migrantEmployees,
                  foundedOn: o.foundedOn?.iso, chairName: o.chairName, chairPhoneMasked: o.chairPhoneMasked,
                  fullTimeStaff: o.fullTimeStaff, flags: API.OrgFlags(o.flags), mergedIntoCode: o.mergedIntoCode,
                  endedOn: o.endedOn?.iso, version: o.version)
    }
}

extension API.OrgSummary {
    init(_ s: OrgSummary) {
        self.init(org: API.Org(s.org), childCount: s.childCount, members: s.members, employees: s.employees, membershipRate: s.membershipRate)
    }
}

extension API.OrgEvent {
    init(_ e: OrgEvent) {
        self.init(kind: e.kind, label: e.label, onDate: e.onDate.iso, detail: e.detail, actor: e.actor, recordedAt: e.recordedAt)
    }
}

extension API.Member {
    init(_ m: Member) {
        self.init(id: m.id, orgCode: m.orgCode, orgName: m.orgName, name: m.name, idNumberMasked: m.idNumberMasked,
                  gender: contractValue(m.gender.rawValue), birthDate: m.birthDate.iso, phoneMasked: m.phoneMasked,
                  ethnicity: m.ethnicity, education: m.education, skillLevel: m.skillLevel, householdType: m.householdType,
                  isMigrant: m.isMigrant, employmentType: contractValue(m.employmentType.rawValue),
                  politicalStatus: m.politicalStatus, workplace: m.workplace, cardNumber: m.cardNumber, joinedOn: m.joinedOn.iso,
                  status: contractValue(m.status.rawValue), statusLabel: m.status.label, statusSince: m.statusSince.iso,
                  version: m.version)
    }
}

extension API.MemberEvent {
    init(_ e: MemberEvent) {
        self.init(kind: contractValue(e.kind.rawValue), label: e.kind.label, onDate: e.onDate.iso, orgCode: e.orgCode,
                  orgName: e.orgName, detail: e.detail, actor: e.actor, recordedAt: e.recordedAt)
    }
}

extension API.MembershipOnDate {
    init(_ m: MembershipOnDate) {
        self.init(member: API.Member(m.member), statusOnDate: contractValue(m.statusOnDate.rawValue), since: m.since.iso)
    }
}

extension API.Transfer {
    init(_ t: MembershipTransfer) {
        self.init(id: t.id, memberId: t.memberID, memberName: t.memberName, fromOrgCode: t.fromOrgCode, fromOrgName: t.fromOrgName,
                  toOrgCode: t.toOrgCode, toOrgName: t.toOrgName, state: contractValue(t.state.rawValue),
                  outgoing: contractValue(t.outgoing.rawValue), incoming: contractValue(t.incoming.rawValue),
                  requestedOn: t.requestedOn.iso, effectiveOn: t.effectiveOn?.iso, reason: t.reason,
                  rejectionReason: t.rejectionReason, version: t.version)
    }
}

extension API.User {
    init(_ u: User) {
        self.init(username: u.username, displayName: u.displayName, role: contractValue(u.role.rawValue), orgCode: u.orgCode,
                  orgName: u.orgName, disabled: u.disabled)
    }

    init(_ a: Actor) {
        self.init(username: a.username, displayName: a.displayName, role: contractValue(a.role.rawValue), orgCode: a.orgCode,
                  orgName: a.orgName)
    }
}

extension API.Permissions {
    init(_ r: Role) {
        self.init(editRegistry: r.mayEditRegistry, decideTransfers: r.mayDecideTransfers, seeIdentifiers: r.maySeeIdentifiers,
                  readAudit: r.mayReadAudit, manageUsers: r.mayManageUsers)
    }
}

extension API.AuditEntry {
    init(_ e: AuditEntry) {
        self.init(seq: e.seq, at: e.at, actor: e.actor, action: e.action, entity: e.entity, entityId: e.entityID, orgId: e.orgID,
                  summary: e.summary, before: e.before, after: e.after, prevHash: e.prevHash, hash: e.hash)
    }
}

extension API.AuditVerification {
    init(_ v: AuditVerification) {
        self.init(ok: v.ok, entries: v.entries, firstBadSeq: v.firstBadSeq, problem: v.problem)
    }
}

// The list envelopes are the operations' own inline shapes, one per route in the document;
// they stay generic here (the generator would make one type per operation).

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
    var items: [API.MembershipOnDate]
    var limit: Int
    var offset: Int
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
