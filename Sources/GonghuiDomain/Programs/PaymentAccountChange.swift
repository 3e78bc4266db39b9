/// Changing where a payment goes (更正收款账户) is a second person's decision (双人复核, the
/// maker-checker rule of fund management): whoever records a corrected account only proposes
/// it; an administrator of the union whose budget pays, or a system administrator above that
/// union, approves it, and never the person who proposed it.
public enum PaymentAccountChange {
    /// Why the approver may not decide, or nil when they may. `approverOrgPath` is nil for the
    /// system (the command line), which acts for every union.
    public static func decide(proposer: String, approver: String, approverRole: Role, approverOrgPath: String?, budgetOrgPath: String?) -> String? {
        guard approverRole == .orgAdmin || approverRole == .systemAdmin else {
            return "更正收款账户须由付款工会的组织管理员批准"
        }
        if proposer == approver { return "更正收款账户须由另一人批准：提出更正的人不能自己批准" }
        guard let approverOrgPath else { return nil }
        guard let budgetOrgPath else { return "这笔帮扶资金没有付款工会，无法批准" }
        if approverOrgPath == budgetOrgPath { return nil }
        if approverRole == .systemAdmin && budgetOrgPath.hasPrefix(approverOrgPath) { return nil }
        return "更正收款账户须由付款工会（预算所在工会）的管理员批准"
    }
}

extension String {
    /// nil for the empty string: an optional field left blank.
    public var nilIfEmpty: String? { isEmpty ? nil : self }
}
