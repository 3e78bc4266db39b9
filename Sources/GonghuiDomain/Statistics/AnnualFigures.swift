import Foundation

/// The figures of one node of the annual statistics (工会统计年报, DOMAIN.md §12), each summed over
/// the node's whole subtree as the tree stood on the report date.
public struct AnnualFigures: Sendable, Equatable, Codable {
    /// 基层工会数: grassroots unions and federations active on the date.
    public var grassrootsUnions = 0
    /// 会员数: memberships in good standing (在会) on the date, where the member was on that date.
    public var members = 0
    public var womenMembers = 0
    public var migrantMembers = 0
    /// Members by employment type (用工形式), in `EmploymentType.allCases` order.
    public var fixedTermMembers = 0
    public var openEndedMembers = 0
    public var dispatchedMembers = 0
    public var flexibleMembers = 0
    public var newFormsMembers = 0
    /// 职工数 and 女职工数 of the active grassroots unions.
    public var employees = 0
    public var womenEmployees = 0
    /// Joined (入会) or founded (建会) in the calendar year of the date, up to the date.
    public var newMembers = 0
    public var newUnions = 0
    /// Units (active grassroots unions) with each of the institutions of §12.
    public var workersCongress = 0
    public var factoryAffairsOpenness = 0
    public var womenCommittees = 0
    public var fundsAuditCommittees = 0
    public var mediationCommittees = 0
    public var laborProtectionCommittees = 0
    /// 集体合同: contracts in force on the date and the workers they cover.
    public var collectiveContracts = 0
    public var contractWorkers = 0

    public init() {}

    /// 入会率 = members ÷ employees, to 4 decimals; nil when there are no employees.
    public var membershipRate: String? { Rate.fourPlaces(members, of: employees) }

    public func count(of type: EmploymentType) -> Int {
        switch type {
        case .fixedTerm: fixedTermMembers
        case .openEnded: openEndedMembers
        case .dispatched: dispatchedMembers
        case .flexible: flexibleMembers
        case .newForms: newFormsMembers
        }
    }

    public mutating func addMembers(_ n: Int, type: EmploymentType) {
        switch type {
        case .fixedTerm: fixedTermMembers += n
        case .openEnded: openEndedMembers += n
        case .dispatched: dispatchedMembers += n
        case .flexible: flexibleMembers += n
        case .newForms: newFormsMembers += n
        }
    }

    /// Every figure as a list, in `AnnualReport.columns` order after the three naming columns.
    public var values: [Int] {
        [grassrootsUnions, members, womenMembers, migrantMembers, fixedTermMembers, openEndedMembers, dispatchedMembers,
         flexibleMembers, newFormsMembers, employees, womenEmployees, newMembers, newUnions, workersCongress,
         factoryAffairsOpenness, womenCommittees, fundsAuditCommittees, mediationCommittees, laborProtectionCommittees,
         collectiveContracts, contractWorkers]
    }

    public static func + (a: AnnualFigures, b: AnnualFigures) -> AnnualFigures {
        var r = a
        r.grassrootsUnions += b.grassrootsUnions; r.members += b.members; r.womenMembers += b.womenMembers
        r.migrantMembers += b.migrantMembers; r.fixedTermMembers += b.fixedTermMembers; r.openEndedMembers += b.openEndedMembers
        r.dispatchedMembers += b.dispatchedMembers; r.flexibleMembers += b.flexibleMembers; r.newFormsMembers += b.newFormsMembers
        r.employees += b.employees; r.womenEmployees += b.womenEmployees; r.newMembers += b.newMembers; r.newUnions += b.newUnions
        r.workersCongress += b.workersCongress; r.factoryAffairsOpenness += b.factoryAffairsOpenness
        r.womenCommittees += b.womenCommittees; r.fundsAuditCommittees += b.fundsAuditCommittees
        r.mediationCommittees += b.mediationCommittees; r.laborProtectionCommittees += b.laborProtectionCommittees
        r.collectiveContracts += b.collectiveContracts; r.contractWorkers += b.contractWorkers
        return r
    }
}

/// One row of the report: a node and its subtree's figures.
public struct AnnualReportRow: Sendable, Equatable {
    public var orgID: Int64
    public var orgCode: String
    public var orgName: String
    public var kind: OrgKind
    /// Levels below the report's node (0 for the node itself).
    public var level: Int
    public var parentCode: String?
    public var hasChildren: Bool
    public var figures: AnnualFigures
    /// The node's own part: its direct members and, for a grassroots union, itself.
    public var own: AnnualFigures

    public init(orgID: Int64, orgCode: String, orgName: String, kind: OrgKind, level: Int, parentCode: String? = nil, hasChildren: Bool, figures: AnnualFigures, own: AnnualFigures) {
        self.orgID = orgID; self.orgCode = orgCode; self.orgName = orgName; self.kind = kind; self.level = level; self.parentCode = parentCode; self.hasChildren = hasChildren; self.figures = figures; self.own = own
    }
}

/// 工会统计年报 for a node as of a date: one row per node down to `depth` levels, the node first,
/// each child after its parent (children ordered by code).
public struct AnnualReport: Sendable, Equatable {
    public var asOf: CivilDate
    public var depth: Int?
    public var rows: [AnnualReportRow]
    public var root: AnnualReportRow { rows[0] }

    /// Column keys (for CSV and JSON) with their Chinese titles and the group they belong to in
    /// the spreadsheet's two-row header.
    public static let columns: [(key: String, title: String, group: String)] = [
        ("org_code", "组织代码", ""), ("org_name", "组织名称", ""), ("kind", "组织类型", ""),
        ("grassroots_unions", "基层工会数", ""),
        ("members", "合计", "会员数"), ("women_members", "女会员", "会员数"), ("migrant_members", "农民工会员", "会员数"),
        ("members_fixed_term", "固定期限", "会员按用工形式"), ("members_open_ended", "无固定期限", "会员按用工形式"),
        ("members_dispatched", "劳务派遣", "会员按用工形式"), ("members_flexible", "灵活就业", "会员按用工形式"),
        ("members_new_forms", "新就业形态", "会员按用工形式"),
        ("employees", "合计", "职工数"), ("women_employees", "女职工", "职工数"),
        ("new_members", "新入会会员", "本年新增"), ("new_unions", "新建工会", "本年新增"),
        ("workers_congress", "职代会", "建立制度的单位数"), ("factory_affairs_openness", "厂务公开", "建立制度的单位数"),
        ("women_committees", "女职工委员会", "建立制度的单位数"), ("funds_audit_committees", "经费审查委员会", "建立制度的单位数"),
        ("mediation_committees", "劳动争议调解委员会", "建立制度的单位数"), ("labor_protection_committees", "劳动保护监督检查委员会", "建立制度的单位数"),
        ("collective_contracts", "份数", "集体合同"), ("contract_workers", "覆盖职工", "集体合同"),
        ("membership_rate", "入会率", ""),
    ]

    public init(asOf: CivilDate, depth: Int? = nil, rows: [AnnualReportRow]) {
        self.asOf = asOf; self.depth = depth; self.rows = rows
    }
}
