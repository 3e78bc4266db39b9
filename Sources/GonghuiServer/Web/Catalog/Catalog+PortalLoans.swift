import GonghuiDomain

extension UI {
    /// 我的贷款 in the portal.
    enum PortalLoans {
        static let title = "我的贷款"
        static let nav = "我的贷款"
        static let intro = "您通过工会担保申请的创业小额贷款：办理到哪一步、下一期什么时候还多少，以及完整的还款计划。财政贴息部分不需要您负担。如需申请，请联系所在单位工会。"
        static let none = "您没有工会担保的创业贷款。符合条件的会员可以向所在县（市、区）总工会申请。"
        static func amountLine(_ kind: String, _ project: String, _ amount: String) -> String { "\(kind) · \(project)，\(amount) 元" }
        static func lentLine(_ on: String, _ outstanding: String) -> String { "\(on) 放款，尚欠本金 \(outstanding) 元" }
        static func refusedLine(_ reason: String) -> String { "未获担保：\(reason)" }
        static func nextLine(_ on: String, _ amount: String) -> String { "下一期：\(on) 应还 \(amount) 元" }
        static func overdueLine(_ days: Int) -> String { "您的贷款已逾期 \(days) 天，请尽快还款，或联系工会说明困难。" }
        static let colSeq = "期"
        static let colDue = "还款日"
        static let colPays = "您应还（元）"
        static let colPrincipal = "其中本金"
        static let colState = "状态"
        static let paid = "已还"
        static let subsidyNote = "利息由财政贴息的部分不需要您负担，已从“您应还”中扣除。"
        static func scheduleSummary(_ n: Int) -> String { "还款计划（共 \(n) 期）" }
    }
}
