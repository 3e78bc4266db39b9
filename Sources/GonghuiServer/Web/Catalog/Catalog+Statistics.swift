import Foundation

extension UI {
    /// The words of the dashboard (工作台), the annual statistics pages (统计年报) and the
    /// collective contracts of a union.
    enum Statistics {
        // Dashboard
        static func dashboardTitle(_ org: String) -> String { "工作台：\(org)" }
        static let today = "今天"
        static func yearEnd(_ year: Int) -> String { String(year) + "年末" }
        static func comparedWithYearEarlier(_ date: String, employees: String, retained: String) -> String {
            "与上年同日（\(date)）相比。职工人数（已建会单位）\(employees)；保留会籍 \(retained) 人；"
        }
        static func openTransfers(_ count: String) -> String { "办理中的会籍转接 \(count) 件" }
        static func thenComputedAt(_ time: String) -> String { "。数据计算于 \(time)。" }
        static let orgDetails = "组织详情"
        static let membersOverTime = "会员人数变化"
        static let membersOverTimeChart = "近五年年末及今天的在会会员人数"
        static let byCurrentTree = "按现在的组织隶属统计"
        static let date = "日期"
        static let membersInUnion = "在会会员"
        static let changeFromPrevious = "比上一列增减"
        static let shares = "会员构成"
        static let childRates = "各下级组织入会率"
        static let noChildren = "没有下级组织。"
        static let newMembersByMonth = "近 12 个月新入会会员"
        static let newMembersByMonthChart = "近 12 个月每月新入会会员人数"
        static let byJoiningDate = "目前在会的会员，按入会月份统计"
        static func yearTotal(_ year: Int) -> String { "\(year) 年合计（本年新入会）" }
        static let month = "月份"
        static let newMembers = "新会员"

        // Headline figures
        static let unchangedSinceYearEarlier = "与上年同期持平"
        static func changedSinceYearEarlier(up: Bool, by amount: String) -> String { "比上年同期\(up ? "增加" : "减少") \(amount)" }
        static func rateChange(points: Double) -> String {
            "比上年同期" + (abs(points) < 0.05 ? "持平" : String(format: "%@ %.1f 个百分点", points > 0 ? "提高" : "下降", abs(points)))
        }
        static let noRateYearEarlier = "上年同期无职工数"
        static let grassrootsUnions = "基层工会"
        static let membershipRate = "入会率"
        static let newMembersThisYear = "本年新入会"

        // Rates and shares
        static let noChildEmployees = "下级组织还没有职工人数，无法计算入会率。"
        static func rateChartTitle(lowest: Int?) -> String { lowest.map { "入会率最低的 \($0) 个下级组织" } ?? "各下级组织入会率（从高到低）" }
        static func rateChartLeftOut(_ n: Int) -> String { "另有 \(n) 个下级组织入会率较高，未在图中列出；全部组织见下表。" }
        static let org = "组织"
        static let members = "会员"
        static let employees = "职工"
        static let womenMembers = "女会员"
        static let migrantMembers = "农民工会员"
        static let sharesChartTitle = "会员构成（占在会会员的比例）"
        static let sharesCaption = "用工形式各项之和等于在会会员数"
        static let category = "类别"
        static let people = "人数"
        static let share = "占比"

        // The statistics page
        static func statisticsTitle(_ org: String) -> String { "统计年报：\(org)" }
        static func dateNotValid(_ raw: String) -> String { "统计日期“\(raw)”不是有效日期，已按今天统计" }
        static let dateInFuture = "统计日期不能晚于今天，已按今天统计"
        static let dateTooEarly = "统计日期过早，已按今天统计"
        static let chooseDate = "选择统计日期"
        static let statisticsDate = "统计日期"
        static let show = "查看"
        static func lastYearEnd(_ date: String) -> String { "上年末（\(date)）" }
        static let ownRow = "本级直属（会员与本单位）"
        static func tableCaption(_ org: String, asOf date: String) -> String { "\(org) 截至 \(date) 的统计（各行含其全部下级）" }
        static let total = "合计"
        static let orgLevels = "组织层级"
        static func summary(employees: String, contracts: String, contractWorkers: String, computedAt time: String) -> String {
            "职工人数 \(employees)（已建会单位）；集体合同 \(contracts) 份，覆盖职工 \(contractWorkers) 人。数据计算于 \(time)。"
        }
        static let downloadExcelNextLevel = "下载 Excel（本级及下一级）"
        static let downloadExcelAll = "下载 Excel（全部下级）"
        static let downloadCSVAll = "下载 CSV（全部下级）"
        static let table = "统计表"
        static let noChildrenOwnFigures = "没有下级组织；下表为本组织的数字。"

        // Collective contracts
        static let contractKinds = ["综合性集体合同", "工资专项集体合同", "女职工权益保护专项集体合同", "劳动安全卫生专项集体合同"]
        static let mayNotRecordContract = "当前角色无权登记集体合同"
        static let recordContract = "登记集体合同"
        static func recordContractTitle(_ org: String) -> String { "登记集体合同：\(org)" }
        static let signedInFuture = "签订日期不能晚于今天"
        static let workersCoveredMissing = "请填写覆盖职工人数（整数）"
        static let contractKind = "合同类别"
        static let signedOn = "签订日期"
        static let validFrom = "生效日期"
        static let validTo = "终止日期"
        static let validToHint = "无固定期限的合同留空"
        static let workersCovered = "覆盖职工人数"
        static let record = "登记"
        static let contracts = "集体合同"
        static let noContracts = "没有登记集体合同。"
        static func term(from: String, to: String?) -> String { "\(from) 至 \(to ?? "无固定期限")" }
        static let inForce = "有效"
        static let notYetInForce = "未生效"
        static let expired = "已到期"
        static let kind = "类别"
        static let termHeader = "期限"
        static let workersCoveredHeader = "覆盖职工"
        static let status = "状态"
    }
}
