import Foundation

public struct MemberPage: Sendable, Equatable, Codable {
    public var items: [Member]
    public var total: Int
    public var limit: Int
    public var offset: Int

    public init(items: [Member], total: Int, limit: Int, offset: Int) {
        self.items = items; self.total = total; self.limit = limit; self.offset = offset
    }
}

/// The identifiers of a member in full: only for roles that may see them, and every read audited.
public struct MemberIdentifiers: Sendable, Equatable, Codable {
    public var idNumber: String
    public var phone: String?

    public init(idNumber: String, phone: String? = nil) {
        self.idNumber = idNumber; self.phone = phone
    }
}

/// A patch of a member's editable fields; nil means "leave as it is".
public struct MemberPatch: Sendable, Equatable {
    public var name: String?
    public var phone: PhoneNumber??
    public var employmentType: EmploymentType?
    public var isMigrant: Bool?
    public var ethnicity: String??
    public var education: String??
    public var skillLevel: String??
    public var householdType: String??
    public var politicalStatus: String??
    public var workplace: String??
    public var cardNumber: String??
    public var joinedOn: CivilDate?
    public init() {}
}

/// A member's membership on a given date, for "who was a member of X on D".
public struct MembershipOnDate: Sendable, Equatable, Codable {
    public var member: Member
    public var statusOnDate: MemberStatus
    public var since: CivilDate

    public init(member: Member, statusOnDate: MemberStatus, since: CivilDate) {
        self.member = member; self.statusOnDate = statusOnDate; self.since = since
    }
}

/// A child row in the tree navigator: the org and its live counts.
public struct OrgSummary: Sendable, Equatable, Codable {
    public var org: Organization
    public var childCount: Int
    public var members: Int
    public var employees: Int
    /// 入会率 = members ÷ employees of unionized units in the subtree; nil when employees is 0.
    public var membershipRate: Double? { employees > 0 ? Double(members) / Double(employees) : nil }

    public init(org: Organization, childCount: Int, members: Int, employees: Int) {
        self.org = org; self.childCount = childCount; self.members = members; self.employees = employees
    }
}

public struct OrgEvent: Sendable, Equatable, Codable {
    public var kind: String
    public var label: String
    public var onDate: CivilDate
    public var detail: String
    public var actor: String
    public var recordedAt: Int64

    public init(kind: String, label: String, onDate: CivilDate, detail: String, actor: String, recordedAt: Int64) {
        self.kind = kind; self.label = label; self.onDate = onDate; self.detail = detail; self.actor = actor; self.recordedAt = recordedAt
    }
}

/// One org a picker offers (组织选择): its code, name and kind, with the union above it so that
/// two unions of the same name can be told apart.
public struct OrgChoice: Sendable, Equatable, Codable {
    public var code: String
    public var name: String
    public var kind: OrgKind
    public var parentName: String?

    public init(code: String, name: String, kind: OrgKind, parentName: String?) {
        self.code = code; self.name = name; self.kind = kind; self.parentName = parentName
    }
}

/// How a list of members is ordered: by name in pinyin order (the default), by union, by
/// joining date (newest first) or by status.
public enum MemberSort: String, CaseIterable, Sendable {
    case name, org, joined, status

    public var label: String {
        switch self {
        case .name: "按姓名（拼音）"
        case .org: "按所属工会"
        case .joined: "按入会日期（新的在前）"
        case .status: "按会员状态"
        }
    }
}
