import GonghuiDomain

extension UI {
    /// 我的互助 in the portal.
    enum PortalMutualAid {
        static let title = "我的互助"
        static let nav = "我的互助"
        static let intro = "您参加的职工医疗互助：保障期间、各项目本轮还能领取多少，以及您的理赔申请。住院、确诊重大疾病或发生意外后，可以在这里用手机申请互助金。"
        static let coverTitle = "我的保障"
        static let notEnrolled = "您还没有参加职工医疗互助。请向所在单位工会咨询参保。"
        static func coveredLine(_ from: String, _ to: String) -> String { "保障期间：\(from) 至 \(to)" }
        static let notYetCovered = "单位的互助金尚未到账，保障尚未开始。"
        static func waitingLine(_ day: String) -> String { "新参保等待期至 \(day)，此后发生的事件才能申请。" }
        static let colBenefit = "项目"
        static let colCap = "本轮限额（元）"
        static let colLeft = "尚可领取（元）"
        static func leftLine(_ cap: String, _ left: String) -> String { "本轮限额 \(cap) 元，尚可领取 \(left) 元" }
        static let claimButton = "申请互助金"
        static let claimsTitle = "我的理赔申请"
        static let noClaims = "还没有理赔申请。"
        static func claimLine(_ benefit: String, _ on: String, _ amount: String) -> String { "\(benefit)，\(on) 申请，测算或核定 \(amount) 元" }
        static func refusedLine(_ reason: String) -> String { "不予给付的理由：\(reason)" }
        static let claimTitle = "申请互助金"
        static func formIntro(_ plan: String, _ round: String, _ days: Int) -> String {
            "\(plan) · \(round)。请在出院（或事发）后 \(days) 天内申请，并拍照或扫描上传出院小结、费用发票、医保结算单等材料。"
        }
        static let submit = "提交申请"
        static func claimNo(_ no: String) -> String { "理赔 \(no)" }
        static let round = "计划与轮次"
        static let benefit = "项目"
        static let event = "事件"
        static let filed = "申请日期"
        static let account = "收款账户"
        static let reason = "不予给付的理由"
        static let paidOn = "发放日期"
        static let failed = "发放失败"
        static let arithmetic = "金额怎么算的"
        static let back = "返回我的互助"
        static func stateNote(_ s: MutualAidClaimState) -> String {
            switch s {
            case .filed: "工会正在审核您的申请。"
            case .awaitingOwner: "已审核，金额较大，正在等待计划所属工会审批。"
            case .approved: "已批准，互助金将转入您的账户。"
            case .inBatch: "互助金正在由银行发放。"
            case .paid: "互助金已转入您的账户。"
            case .refused: "申请未获给付，理由见下。如有疑问请联系所在工会。"
            case .failed: "银行未能转账，工会正在处理。"
            }
        }
    }
}
