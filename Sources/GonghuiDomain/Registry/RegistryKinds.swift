import Foundation

/// The kind of a node in the union organization tree (工会组织类型).
///
/// The tree's depth varies between provinces, so this is a typed general tree rather than five
/// fixed columns (DOMAIN.md §2).
public enum OrgKind: String, CaseIterable, Codable, Sendable {
    case province, city, county, township, grassroots, federation, branch, group

    /// The short Chinese label used in import templates and on screen.
    public var label: String {
        switch self {
        case .province: "省"
        case .city: "市"
        case .county: "县"
        case .township: "乡镇"
        case .grassroots: "基层"
        case .federation: "联合会"
        case .branch: "分工会"
        case .group: "小组"
        }
    }

    /// A longer title for pages and reports.
    public var title: String {
        switch self {
        case .province: "省总工会"
        case .city: "市总工会"
        case .county: "县(区)总工会"
        case .township: "乡镇(街道)工会"
        case .grassroots: "基层工会"
        case .federation: "工会联合会"
        case .branch: "分工会"
        case .group: "工会小组"
        }
    }

    /// Accepts the Chinese label, the longer title, or the English name.
    public init?(parsing raw: String) {
        let s = raw.trimmingCharacters(in: .whitespaces)
        if let k = OrgKind(rawValue: s.lowercased()) { self = k; return }
        let aliases: [String: OrgKind] = [
            "省": .province, "省总": .province, "省总工会": .province,
            "市": .city, "市总": .city, "市总工会": .city, "地市": .city,
            "县": .county, "区": .county, "县区": .county, "县(区)总工会": .county, "县总工会": .county,
            "区总工会": .county,
            "乡镇": .township, "街道": .township, "乡镇(街道)工会": .township, "乡镇街道": .township,
            "基层": .grassroots, "基层工会": .grassroots,
            "联合会": .federation, "工会联合会": .federation,
            "分工会": .branch, "车间工会": .branch,
            "小组": .group, "工会小组": .group,
        ]
        guard let k = aliases[s] else { return nil }
        self = k
    }

    /// Territorial levels above grassroots: an officer here runs a federation of unions.
    public var isTerritorial: Bool { [.province, .city, .county, .township].contains(self) }

    /// Grassroots unions and federations of small enterprises are what the statistics call
    /// "grassroots unions" (基层工会数, DOMAIN.md §12).
    public var countsAsGrassroots: Bool { self == .grassroots || self == .federation }

    /// Which kinds may sit directly under this one. Branches and groups live inside a
    /// grassroots union; territorial levels may skip a level (a city may own a grassroots union
    /// directly), but nothing sits above its own kind.
    public func mayContain(_ child: OrgKind) -> Bool {
        switch self {
        case .province: child != .province && child != .branch && child != .group
        case .city: [.county, .township, .grassroots, .federation].contains(child)
        case .county: [.township, .grassroots, .federation].contains(child)
        case .township: [.grassroots, .federation].contains(child)
        case .federation: [.grassroots, .branch, .group].contains(child)
        case .grassroots: [.branch, .group].contains(child)
        case .branch: child == .group
        case .group: false
        }
    }
}

/// Life state of a union organization.
public enum OrgStatus: String, CaseIterable, Codable, Sendable {
    case active, merged, dissolved
    public var label: String {
        switch self {
        case .active: "正常"
        case .merged: "已合并"
        case .dissolved: "已撤销"
        }
    }
}

/// 建会审批: a grassroots union's founding is approved by the level above.
public enum FoundingApproval: String, CaseIterable, Codable, Sendable {
    case pending, approved, rejected
    public var label: String {
        switch self {
        case .pending: "待审批"
        case .approved: "已批准"
        case .rejected: "未批准"
        }
    }
}

/// 会员状态 (DOMAIN.md §3).
public enum MemberStatus: String, CaseIterable, Codable, Sendable {
    /// 在会: in good standing. A member in transfer (转接办理中) keeps their standing at the
    /// releasing union until the receiving union accepts (`MembershipTransfer`).
    case active
    /// 保留会籍: retired or unemployed; keeps membership without dues or vote.
    case retained
    /// 退会.
    case withdrawn
    /// 去世.
    case deceased

    public var label: String {
        switch self {
        case .active: "在会"
        case .retained: "保留会籍"
        case .withdrawn: "退会"
        case .deceased: "去世"
        }
    }

    public init?(parsing raw: String) {
        let s = raw.trimmingCharacters(in: .whitespaces)
        if s.isEmpty { return nil }
        if let v = MemberStatus(rawValue: s.lowercased()) { self = v; return }
        guard let v = MemberStatus.allCases.first(where: { $0.label == s }) else { return nil }
        self = v
    }

    /// A membership that has ended; it can only be started again by re-joining.
    public var isTerminal: Bool { self == .withdrawn || self == .deceased }
}

/// 用工形式.
public enum EmploymentType: String, CaseIterable, Codable, Sendable {
    case fixedTerm = "fixed_term"
    case openEnded = "open_ended"
    case dispatched
    case flexible
    case newForms = "new_forms"

    public var label: String {
        switch self {
        case .fixedTerm: "固定期限"
        case .openEnded: "无固定期限"
        case .dispatched: "劳务派遣"
        case .flexible: "灵活就业"
        case .newForms: "新就业形态"
        }
    }

    public init?(parsing raw: String) {
        let s = raw.trimmingCharacters(in: .whitespaces)
        if let v = EmploymentType(rawValue: s.lowercased()) { self = v; return }
        let aliases = ["固定期限合同": EmploymentType.fixedTerm, "无固定期限合同": .openEnded, "派遣": .dispatched]
        if let v = aliases[s] { self = v; return }
        guard let v = EmploymentType.allCases.first(where: { $0.label == s }) else { return nil }
        self = v
    }
}

/// 性别.
public enum Gender: String, CaseIterable, Codable, Sendable {
    case male, female
    public var label: String { self == .male ? "男" : "女" }
}

/// 单位性质 codes of the collection form (DOMAIN.md §2).
public enum UnitNature: String, CaseIterable, Codable, Sendable {
    case stateOwned = "110", collective = "120", joinStock = "130", jointVenture = "140"
    case limitedLiability = "150", shareholding = "160", privateEnterprise = "170", otherEnterprise = "190"
    case hkMacaoTaiwan = "200", foreign = "300", institution = "400", organ = "500"
    case individual = "600", privateNonEnterprise = "700"

    public var label: String {
        switch self {
        case .stateOwned: "国有企业"
        case .collective: "集体企业"
        case .joinStock: "股份合作企业"
        case .jointVenture: "联营企业"
        case .limitedLiability: "有限责任公司"
        case .shareholding: "股份有限公司"
        case .privateEnterprise: "私营企业"
        case .otherEnterprise: "其他企业"
        case .hkMacaoTaiwan: "港澳台商投资企业"
        case .foreign: "外商投资企业"
        case .institution: "事业单位"
        case .organ: "机关"
        case .individual: "个体工商户"
        case .privateNonEnterprise: "民办非企业单位"
        }
    }

    /// Accepts the numeric code, "110 国有企业", or the label.
    public init?(parsing raw: String) {
        let s = raw.trimmingCharacters(in: .whitespaces)
        if s.isEmpty { return nil }
        let code = String(s.prefix(3))
        if let v = UnitNature(rawValue: code) { self = v; return }
        guard let v = UnitNature.allCases.first(where: { $0.label == s }) else { return nil }
        self = v
    }
}
