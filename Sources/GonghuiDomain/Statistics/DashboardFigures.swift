import Foundation

/// The figures of a subtree for the console's first page (工作台).
public struct DashboardFigures: Sendable, Equatable {
    public var org: Organization
    /// Members in good standing (在会) and with retained membership (保留会籍).
    public var members: Int
    public var retained: Int
    /// 基层工会数: grassroots unions and federations (DOMAIN.md §12).
    public var grassrootsUnions: Int
    /// Employees of the unionized units, the denominator of the membership rate.
    public var employees: Int
    public var membershipRate: Double? { employees > 0 ? Double(members) / Double(employees) : nil }
    /// (yyyy-MM, members who joined that month), oldest first, the last 12 months.
    public var joinedByMonth: [(month: String, count: Int)]
    public var byEmploymentType: [(type: EmploymentType, count: Int)]
    public var openTransfers: Int

    public static func == (a: DashboardFigures, b: DashboardFigures) -> Bool {
        a.org == b.org && a.members == b.members && a.grassrootsUnions == b.grassrootsUnions && a.employees == b.employees
            && a.joinedByMonth.map(\.count) == b.joinedByMonth.map(\.count)
    }

    public init(org: Organization, members: Int, retained: Int, grassrootsUnions: Int, employees: Int, joinedByMonth: [(month: String, count: Int)], byEmploymentType: [(type: EmploymentType, count: Int)], openTransfers: Int) {
        self.org = org; self.members = members; self.retained = retained; self.grassrootsUnions = grassrootsUnions; self.employees = employees; self.joinedByMonth = joinedByMonth; self.byEmploymentType = byEmploymentType; self.openTransfers = openTransfers
    }
}
