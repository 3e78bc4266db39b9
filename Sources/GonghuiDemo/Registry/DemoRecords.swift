import GonghuiDomain

/// One node of the synthetic organization tree, with the fields of the collection form
/// 工会组织基本信息采集表.
public struct DemoOrg: Sendable, Equatable {
    /// Stable and unique: "HB", "HB01", "HB0102", "HB0102001", "HB0102001G0001",
    /// "HB0102001F001G001", "HB0102001G0001B01", "HB0102001G0001B01Z01"; at most 32 ASCII
    /// characters.
    public var code: String
    public var name: String
    public var parentCode: String?
    public var kind: OrgKind
    /// The employer's 统一社会信用代码 for grassroots unions; a federation carries its own
    /// union legal-person code (registration authority 8, 工会). Nil for territorial unions,
    /// branches and groups.
    public var creditCode: String?
    /// GB/T 2260 code of where it sits: a county-level code, or the city's or province's own.
    public var regionCode: String
    public var unitNature: UnitNature?
    /// GB/T 4754 division, "C34".
    public var industry: String?
    /// For grassroots unions and federations; 0 for the others.
    public var employees: Int
    public var womenEmployees: Int
    public var migrantEmployees: Int
    public var foundedOn: CivilDate
    public var chairName: String?
    public var hasWomenCommittee: Bool
    public var hasFundsAuditCommittee: Bool
    public var hasWorkersCongress: Bool
    public var hasFactoryAffairsOpenness: Bool
    public var hasLaborProtectionCommittee: Bool
    public var hasMediationCommittee: Bool
}

/// One synthetic member (会员), with the fields of 会员基本信息采集表.
public struct DemoMember: Sendable, Equatable {
    /// A valid 18-character GB 11643 number, unique in the province.
    public var idNumber: String
    public var name: String
    public var gender: Gender
    public var birthDate: CivilDate
    /// 11 digits.
    public var phone: String
    /// A grassroots union, federation or branch union; never a territorial one.
    public var orgCode: String
    public var joinedOn: CivilDate
    public var employmentType: EmploymentType
    /// 农民工.
    public var isMigrant: Bool
    public var status: MemberStatus
    /// 民族, "汉族".
    public var ethnicity: String
    /// 学历: 初中及以下, 高中, 中专, 大专, 本科, 研究生.
    public var education: String
}

/// A login of the demo, with a fixed password the server prints at start.
public struct DemoAccount: Sendable, Equatable {
    public var username: String
    public var password: String
    public var displayName: String
    /// A `Role` raw value: "system_admin", "org_admin", "reviewer" or "auditor".
    public var role: String
    public var orgCode: String
}
