import GonghuiDomain

extension UI {
    /// 劳动关系风险预警: the alerts' list, page and handling, and their place on the dashboard
    /// and the case page.
    enum Warnings {
        static let title = "风险预警"
        static let link = "风险预警"
        static let intro = "集体劳动争议、重大请求金额、标记为群体性/极端的案件即时预警；同一用人单位案件频发、地区或行业案件激增、春节前欠薪上升每日计算。预警发给所涉工会的上级工会，处理时先确认知悉，再写明采取的措施办结。"
        static let filterState = "状态"
        static let allUnclosed = "未办结"
        static let all = "全部"
        static let show = "筛选"
        static let none = "没有符合条件的预警。"
        static let colRaised = "预警日期"
        static let colRule = "预警规则"
        static let colSubject = "对象"
        static let colOrg = "所涉工会"
        static let colState = "状态"
        static let colAge = "已过"
        static func days(_ n: Int) -> String { n == 0 ? "今天" : "\(n) 天" }
        static func total(_ n: String) -> String { "共 \(n) 条" }
        static func alertTitle(_ rule: String, _ subject: String) -> String { "风险预警：\(rule)（\(subject)）" }
        static let rule = "预警规则"
        static let why = "触发情况"
        static let org = "所涉工会"
        static let relatedCase = "相关案件"
        static let raisedOn = "预警日期"
        static func orgWithCode(_ name: String, _ code: String) -> String { "\(name)（\(code)）" }
        static func raisedAt(_ time: String, age: Int) -> String { "\(time)（\(age == 0 ? "今天" : "已过 \(age) 天")）" }
        static let state = "状态"
        static let acknowledged = "知悉"
        static let closed = "办结"
        static func byAt(_ who: String, _ at: String) -> String { "\(who)，\(at)" }
        static let acknowledgeTitle = "确认知悉"
        static let acknowledgeNote = "知悉情况和下一步安排"
        static let acknowledgeButton = "确认知悉"
        static let closeTitle = "办结预警"
        static let closeNote = "采取的措施和结果"
        static let closeButton = "办结"
        static let readOnly = "当前角色只能查看预警。"
        static let backToList = "返回预警列表"
        // The dashboard
        static func dashboardLine(open: Int, acknowledged: Int) -> String { "风险预警：待处理 \(open) 条，已知悉未办结 \(acknowledged) 条" }
        static func oldest(_ days: Int) -> String { "，最早的已过 \(days) 天" }
        static let dashboardLink = "查看预警"
        // The case page
        static let caseSection = "风险预警"
        static let caseNone = "本案件未触发预警。"
        static let markTitle = "标记为群体性/极端事件"
        static let markHint = "了解到职工可能聚集、上访或有极端言行时标记，上级工会将立即收到预警。"
        static let markKind = "类型"
        static let markNote = "了解到的情况"
        static let markButton = "标记并预警"
        static let pleaseChoose = "请选择"
        static let unknownMark = "请选择群体性事件或极端行为"
        static let trendNotes = "每日计算的说明"
        // Officers on duty
        static let dutyTitle = "预警值班人员"
        static let dutyIntro = "本工会收到风险预警时，除站内消息外，还会以短信（及电子邮件）通知以下值班人员。"
        static let dutyName = "姓名"
        static let dutyPhone = "手机号码"
        static let dutyEmail = "电子邮箱"
        static let dutyActions = "操作"
        static let dutyRemove = "移除"
        static let dutyAdd = "增加值班人员"
        static let dutyNone = "尚未设置值班人员：预警只发站内消息。"
        static let dutyPhoneMissing = "请填写手机号码"
        // The figures page
        static let figTitle = "风险预警（本期发出）"
        static let figRaised = "发出"
        static let figAcknowledged = "已知悉"
        static let figWithinDay = "24 小时内知悉"
        static let figMeanHours = "平均知悉用时（小时）"
        static let figClosed = "已办结"
        // The incidence map
        static let mapTitle = "各地区案件发生率（每万名会员）"
        static let mapNote = "本期受理的案件数 ÷ 期末会员数 × 10000；颜色由浅到深为本页各地区从低到高，灰色为没有会员的地区。点地区可查看其下一级。"
        static let mapLegend = "低 → 高"
        static let mapRegion = "地区"
        static let mapCases = "受理案件"
        static let mapMembers = "期末会员"
        static let mapRate = "每万名会员"
        static func mapTile(_ name: String, _ rate: String?, _ cases: Int, _ members: Int) -> String {
            "\(name)：受理 \(cases) 件，期末会员 \(members) 人，每万名会员 \(rate ?? "—") 件"
        }
    }
}
