import GonghuiDomain

extension UI {
    /// 互助统计: a round's figures for a node.
    enum MutualAidFigures {
        static func title(_ round: String, _ org: String) -> String { "互助统计 · \(round) · \(org)" }
        static func intro(_ plan: String, _ round: String, _ org: String) -> String { "\(plan) \(round)：\(org)及其下级的参保、互助金、理赔与发放。数字即时计算。" }
        static let summary = "主要数字"
        static func enrolled(_ units: Int) -> String { "参保人数（\(units) 个单位）" }
        static func received(_ due: String) -> String { "实收互助金（元；应缴 \(due)）" }
        static func paid(_ amount: String) -> String { "已发放理赔（\(amount) 元）" }
        static let ratio = "赔付率（已发放 ÷ 实收）"
        static func claims(_ approved: Int, _ refused: Int) -> String { "理赔申请（批准 \(approved)，不予给付 \(refused)）" }
        static let days = "申请至发放平均天数"
        static let excel = "下载 Excel"
        static let csv = "下载 CSV"
        static let back = "返回轮次"
        static let byChild = "按下级组织"
        static let ratioByChild = "各下级组织的赔付率"
        static let byBenefit = "按给付项目（已发放金额，元）"
        static let byDiagnosis = "按病种（已发放金额，元）"
        static let colOrg = "组织"
        static let colEnrolled = "参保人数"
        static let colReceived = "实收互助金（元）"
        static let colClaims = "理赔申请"
        static let colPaid = "已发放笔数"
        static let colBenefits = "已发放金额（元）"
        static let colRatio = "赔付率"
        static let colItem = "项目"
        static let ratioNote = "赔付率 = 已发放的互助金 ÷ 实收的互助金（按分计算，四舍五入到万分位）。发放以银行回单为准。"
        static let link = "互助统计"
        static func notShown(_ n: Int) -> String { "另有 \(n) 个下级组织本轮无人参保、无理赔，未列出。" }
    }
}
