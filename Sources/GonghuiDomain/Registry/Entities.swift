import Foundation

/// A node of the union organization tree (工会组织), with the fields of the real-name collection
/// form 工会组织基本信息采集表 (DOMAIN.md §2).
public struct Organization: Sendable, Equatable, Codable {
    public var id: Int64
    public var code: String
    public var name: String
    public var parentID: Int64?
    public var parentCode: String?
    public var kind: OrgKind
    public var provinceID: Int64
    public var depth: Int
    public var creditCode: String?
    public var regionCode: String?
    public var unitNature: UnitNature?
    public var economicType: String?
    public var industry: String?
    public var employees: Int
    public var womenEmployees: Int
    public var migrantEmployees: Int
    public var foundedOn: CivilDate?
    public var chairName: String?
    public var chairPhoneMasked: String?
    public var fullTimeStaff: Int
    public var status: OrgStatus
    public var approval: FoundingApproval
    public var flags: OrgFlags
    public var mergedIntoCode: String?
    public var endedOn: CivilDate?
    public var version: Int

    public init(
        id: Int64, code: String, name: String, parentID: Int64?, parentCode: String?, kind: OrgKind,
        provinceID: Int64, depth: Int, creditCode: String? = nil, regionCode: String? = nil,
        unitNature: UnitNature? = nil, economicType: String? = nil, industry: String? = nil,
        employees: Int = 0, womenEmployees: Int = 0, migrantEmployees: Int = 0,
        foundedOn: CivilDate? = nil, chairName: String? = nil, chairPhoneMasked: String? = nil,
        fullTimeStaff: Int = 0, status: OrgStatus = .active, approval: FoundingApproval = .approved,
        flags: OrgFlags = OrgFlags(), mergedIntoCode: String? = nil, endedOn: CivilDate? = nil, version: Int = 1
    ) {
        self.id = id; self.code = code; self.name = name; self.parentID = parentID; self.parentCode = parentCode
        self.kind = kind; self.provinceID = provinceID; self.depth = depth; self.creditCode = creditCode
        self.regionCode = regionCode; self.unitNature = unitNature; self.economicType = economicType
        self.industry = industry; self.employees = employees; self.womenEmployees = womenEmployees
        self.migrantEmployees = migrantEmployees; self.foundedOn = foundedOn; self.chairName = chairName
        self.chairPhoneMasked = chairPhoneMasked; self.fullTimeStaff = fullTimeStaff; self.status = status
        self.approval = approval; self.flags = flags; self.mergedIntoCode = mergedIntoCode
        self.endedOn = endedOn; self.version = version
    }
}

/// Per-union institutions that feed the annual statistics (DOMAIN.md §2, §12).
public struct OrgFlags: Sendable, Equatable, Codable {
    /// 女职工委员会
    public var womenCommittee: Bool
    /// 经费审查委员会
    public var fundsAuditCommittee: Bool
    /// 职工代表大会制度
    public var workersCongress: Bool
    /// 厂务公开
    public var factoryAffairsOpenness: Bool
    /// 劳动保护监督检查委员会
    public var laborProtectionCommittee: Bool
    /// 劳动争议调解委员会
    public var mediationCommittee: Bool

    public init(
        womenCommittee: Bool = false, fundsAuditCommittee: Bool = false, workersCongress: Bool = false,
        factoryAffairsOpenness: Bool = false, laborProtectionCommittee: Bool = false, mediationCommittee: Bool = false
    ) {
        self.womenCommittee = womenCommittee; self.fundsAuditCommittee = fundsAuditCommittee
        self.workersCongress = workersCongress; self.factoryAffairsOpenness = factoryAffairsOpenness
        self.laborProtectionCommittee = laborProtectionCommittee; self.mediationCommittee = mediationCommittee
    }
}

/// The editable fields of an organization, as they arrive from a form, the API or an import row.
public struct OrganizationDraft: Sendable, Equatable {
    public var code: String
    public var name: String
    public var parentCode: String?
    public var kind: OrgKind
    public var creditCode: CreditCode?
    public var regionCode: RegionCode?
    public var unitNature: UnitNature?
    public var economicType: String?
    public var industry: String?
    public var employees: Int
    public var womenEmployees: Int
    public var migrantEmployees: Int
    public var foundedOn: CivilDate?
    public var chairName: String?
    public var chairPhone: PhoneNumber?
    public var fullTimeStaff: Int
    public var approval: FoundingApproval
    public var flags: OrgFlags

    public init(
        code: String, name: String, parentCode: String?, kind: OrgKind, creditCode: CreditCode? = nil,
        regionCode: RegionCode? = nil, unitNature: UnitNature? = nil, economicType: String? = nil,
        industry: String? = nil, employees: Int = 0, womenEmployees: Int = 0, migrantEmployees: Int = 0,
        foundedOn: CivilDate? = nil, chairName: String? = nil, chairPhone: PhoneNumber? = nil,
        fullTimeStaff: Int = 0, approval: FoundingApproval = .approved, flags: OrgFlags = OrgFlags()
    ) {
        self.code = code; self.name = name; self.parentCode = parentCode; self.kind = kind
        self.creditCode = creditCode; self.regionCode = regionCode; self.unitNature = unitNature
        self.economicType = economicType; self.industry = industry; self.employees = employees
        self.womenEmployees = womenEmployees; self.migrantEmployees = migrantEmployees
        self.foundedOn = foundedOn; self.chairName = chairName; self.chairPhone = chairPhone
        self.fullTimeStaff = fullTimeStaff; self.approval = approval; self.flags = flags
    }

    /// Rules that need no database: head counts consistent, code well formed.
    public func validate() -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if code.isEmpty || code.count > 32 || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            problems.append(FieldProblem(field: "code", value: code, reason: "组织代码应为 1–32 位字母、数字、- 或 _"))
        }
        if name.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(FieldProblem(field: "name", value: name, reason: "组织名称不能为空"))
        } else if name.count > 100 {
            problems.append(FieldProblem(field: "name", value: name, reason: "组织名称不能超过 100 个字"))
        }
        for (field, value) in [("employees", employees), ("women_employees", womenEmployees), ("migrant_employees", migrantEmployees), ("full_time_staff", fullTimeStaff)] where value < 0 {
            problems.append(FieldProblem(field: field, value: String(value), reason: "人数不能为负数"))
        }
        if womenEmployees > employees {
            problems.append(FieldProblem(field: "women_employees", value: String(womenEmployees), reason: "女职工人数不能大于职工人数（\(employees)）"))
        }
        if migrantEmployees > employees {
            problems.append(FieldProblem(field: "migrant_employees", value: String(migrantEmployees), reason: "农民工人数不能大于职工人数（\(employees)）"))
        }
        if kind == .province && parentCode != nil {
            problems.append(FieldProblem(field: "parent_code", value: parentCode ?? "", reason: "省总工会是组织树的根，不能有上级组织"))
        }
        if kind != .province && (parentCode ?? "").isEmpty {
            problems.append(FieldProblem(field: "parent_code", value: "", reason: "除省总工会外，每个组织都必须有上级组织"))
        }
        return problems
    }
}

/// One problem with one field, reported to the user with the value they gave.
public struct FieldProblem: Sendable, Equatable, Codable {
    public var field: String
    public var value: String
    public var reason: String
    public init(field: String, value: String, reason: String) {
        self.field = field; self.value = value; self.reason = reason
    }
}

/// A union member (会员), real-name (实名制). Identifiers appear masked unless the reader's role may
/// see them in full (DOMAIN.md §13).
public struct Member: Sendable, Equatable, Codable {
    public var id: Int64
    public var provinceID: Int64
    public var orgID: Int64
    public var orgCode: String
    public var orgName: String
    public var name: String
    public var idNumberMasked: String
    public var gender: Gender
    public var birthDate: CivilDate
    public var phoneMasked: String?
    public var ethnicity: String?
    public var education: String?
    public var skillLevel: String?
    public var householdType: String?
    public var isMigrant: Bool
    public var employmentType: EmploymentType
    public var politicalStatus: String?
    public var workplace: String?
    public var cardNumber: String?
    public var joinedOn: CivilDate
    public var status: MemberStatus
    public var statusSince: CivilDate
    public var version: Int

    public init(
        id: Int64, provinceID: Int64, orgID: Int64, orgCode: String, orgName: String, name: String,
        idNumberMasked: String, gender: Gender, birthDate: CivilDate, phoneMasked: String?,
        ethnicity: String? = nil, education: String? = nil, skillLevel: String? = nil,
        householdType: String? = nil, isMigrant: Bool, employmentType: EmploymentType,
        politicalStatus: String? = nil, workplace: String? = nil, cardNumber: String? = nil,
        joinedOn: CivilDate, status: MemberStatus, statusSince: CivilDate, version: Int
    ) {
        self.id = id; self.provinceID = provinceID; self.orgID = orgID; self.orgCode = orgCode
        self.orgName = orgName; self.name = name; self.idNumberMasked = idNumberMasked; self.gender = gender
        self.birthDate = birthDate; self.phoneMasked = phoneMasked; self.ethnicity = ethnicity
        self.education = education; self.skillLevel = skillLevel; self.householdType = householdType
        self.isMigrant = isMigrant; self.employmentType = employmentType; self.politicalStatus = politicalStatus
        self.workplace = workplace; self.cardNumber = cardNumber; self.joinedOn = joinedOn; self.status = status
        self.statusSince = statusSince; self.version = version
    }
}

/// The fields of a member as they arrive from a form, the API or an import row, already validated
/// field by field.
public struct MemberDraft: Sendable, Equatable {
    public var idNumber: IDNumber
    public var name: String
    public var phone: PhoneNumber?
    public var orgCode: String
    public var joinedOn: CivilDate
    public var employmentType: EmploymentType
    public var isMigrant: Bool
    public var status: MemberStatus
    public var ethnicity: String?
    public var education: String?
    public var skillLevel: String?
    public var householdType: String?
    public var politicalStatus: String?
    public var workplace: String?
    public var cardNumber: String?

    public init(
        idNumber: IDNumber, name: String, phone: PhoneNumber?, orgCode: String, joinedOn: CivilDate,
        employmentType: EmploymentType, isMigrant: Bool, status: MemberStatus = .active,
        ethnicity: String? = nil, education: String? = nil, skillLevel: String? = nil,
        householdType: String? = nil, politicalStatus: String? = nil, workplace: String? = nil,
        cardNumber: String? = nil
    ) {
        self.idNumber = idNumber; self.name = name; self.phone = phone; self.orgCode = orgCode
        self.joinedOn = joinedOn; self.employmentType = employmentType; self.isMigrant = isMigrant
        self.status = status; self.ethnicity = ethnicity; self.education = education
        self.skillLevel = skillLevel; self.householdType = householdType
        self.politicalStatus = politicalStatus; self.workplace = workplace; self.cardNumber = cardNumber
    }

    /// Rules between fields that need no database.
    public func validate(today: CivilDate) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        for (field, value) in [("ethnicity", ethnicity), ("education", education), ("political_status", politicalStatus), ("household_type", householdType)] {
            if let p = NationalCodes.problem(field, value) { problems.append(p) }
        }
        let trimmed = name.utf8.first == 0x20 || name.utf8.last == 0x20 ? name.trimmingCharacters(in: .whitespaces) : name
        if trimmed.isEmpty {
            problems.append(FieldProblem(field: "name", value: name, reason: "姓名不能为空"))
        } else if trimmed.count > 50 {
            problems.append(FieldProblem(field: "name", value: name, reason: "姓名不能超过 50 个字"))
        }
        if joinedOn > today {
            problems.append(FieldProblem(field: "joined_on", value: joinedOn.iso, reason: "入会日期不能晚于今天（\(today.iso)）"))
        }
        // 工会章程: a worker may join a union from the age of 16, when they may lawfully work.
        if joinedOn < idNumber.birthDate.adding(years: 16) {
            problems.append(FieldProblem(field: "joined_on", value: joinedOn.iso, reason: "入会日期早于本人年满 16 周岁（出生于 \(idNumber.birthDate.iso)）"))
        }
        return problems
    }
}

/// A dated event in a member's history (入会、转出、转入、保留会籍、退会、去世、恢复).
public struct MemberEvent: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case joined, edited, transferRequested = "transfer_requested", transferredOut = "transferred_out"
        case transferredIn = "transferred_in", transferRejected = "transfer_rejected", statusChanged = "status_changed"
        case orgMerged = "org_merged", reinstated
        public var label: String {
            switch self {
            case .joined: "入会"
            case .edited: "信息变更"
            case .transferRequested: "申请会籍转接"
            case .transferredOut: "同意转出"
            case .transferredIn: "转入"
            case .transferRejected: "转接未通过"
            case .statusChanged: "状态变更"
            case .orgMerged: "所在工会合并"
            case .reinstated: "恢复会籍"
            }
        }
    }
    public var kind: Kind
    public var onDate: CivilDate
    public var orgCode: String?
    public var orgName: String?
    public var detail: String
    public var actor: String
    public var recordedAt: Int64
    /// The name and role of the officer `actor` names, when it is an officer's account.
    public var actorName: String? = nil
    public var actorRole: Role? = nil

    public init(kind: Kind, onDate: CivilDate, orgCode: String?, orgName: String?, detail: String, actor: String, recordedAt: Int64) {
        self.kind = kind; self.onDate = onDate; self.orgCode = orgCode; self.orgName = orgName
        self.detail = detail; self.actor = actor; self.recordedAt = recordedAt
    }
}

/// 会籍转接: membership follows the labor relation; both unions approve (DOMAIN.md §3).
public struct MembershipTransfer: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Codable, CaseIterable {
        case processing, approved, rejected, cancelled
        public var label: String {
            switch self {
            case .processing: "办理中"
            case .approved: "已完成"
            case .rejected: "未通过"
            case .cancelled: "已撤回"
            }
        }
    }
    public enum Decision: String, Sendable, Codable, CaseIterable {
        case pending, approved, rejected
        public var label: String {
            switch self {
            case .pending: "待审核"
            case .approved: "同意"
            case .rejected: "不同意"
            }
        }
    }
    public var id: Int64
    public var memberID: Int64
    public var memberName: String
    public var fromOrgCode: String
    public var fromOrgName: String
    public var toOrgCode: String
    public var toOrgName: String
    public var state: State
    public var outgoing: Decision
    public var incoming: Decision
    public var requestedOn: CivilDate
    public var effectiveOn: CivilDate?
    public var reason: String
    public var rejectionReason: String?
    public var version: Int

    public init(
        id: Int64, memberID: Int64, memberName: String, fromOrgCode: String, fromOrgName: String,
        toOrgCode: String, toOrgName: String, state: State, outgoing: Decision, incoming: Decision,
        requestedOn: CivilDate, effectiveOn: CivilDate?, reason: String, rejectionReason: String?, version: Int
    ) {
        self.id = id; self.memberID = memberID; self.memberName = memberName; self.fromOrgCode = fromOrgCode
        self.fromOrgName = fromOrgName; self.toOrgCode = toOrgCode; self.toOrgName = toOrgName
        self.state = state; self.outgoing = outgoing; self.incoming = incoming; self.requestedOn = requestedOn
        self.effectiveOn = effectiveOn; self.reason = reason; self.rejectionReason = rejectionReason
        self.version = version
    }
}

/// Which status changes an officer may record directly (a change of union only comes from a transfer).
public enum MemberStatusRule {
    public static func mayChange(from: MemberStatus, to: MemberStatus) -> Bool {
        switch (from, to) {
        case (.active, .retained), (.active, .withdrawn), (.active, .deceased): true
        case (.retained, .active), (.retained, .withdrawn), (.retained, .deceased): true
        // Re-joining after withdrawal restores the same real-name membership.
        case (.withdrawn, .active): true
        default: false
        }
    }
}
