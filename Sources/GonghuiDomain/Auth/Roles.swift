/// What a user may do; each user is bound to one node of the organization tree and acts only on
/// its subtree (DESIGN.md, "Access is scoped by construction").
public enum Role: String, CaseIterable, Codable, Sendable {
    /// 系统管理员: manages users and may see identifiers in full (each time audited).
    case systemAdmin = "system_admin"
    /// 组织管理员: maintains orgs and members in the subtree.
    case orgAdmin = "org_admin"
    /// 审核员: reviews and approves (transfers, later applications); reads the subtree.
    case reviewer
    /// 审计员: read-only, including the audit log.
    case auditor

    public var label: String {
        switch self {
        case .systemAdmin: "系统管理员"
        case .orgAdmin: "组织管理员"
        case .reviewer: "审核员"
        case .auditor: "审计员"
        }
    }

    public init?(parsing raw: String) {
        if let r = Role(rawValue: raw.lowercased()) { self = r; return }
        guard let r = Role.allCases.first(where: { $0.label == raw }) else { return nil }
        self = r
    }

    public var mayEditRegistry: Bool { self == .systemAdmin || self == .orgAdmin }
    public var mayDecideTransfers: Bool { self == .systemAdmin || self == .orgAdmin || self == .reviewer }
    /// Full ID numbers and phones: only where the work needs them; every such read is audited.
    public var maySeeIdentifiers: Bool { self == .systemAdmin || self == .orgAdmin }
    public var mayReadAudit: Bool { self == .systemAdmin || self == .auditor }
    public var mayManageUsers: Bool { self == .systemAdmin }
}
