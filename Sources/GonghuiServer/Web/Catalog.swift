/// The words of the console and the portal that more than one page uses, in one place so that
/// another locale can be added. Texts that only one page shows stay beside that page's markup.
enum UI {
    static let siteName = "工会信息平台"
    static let portalName = "职工服务平台"
    static let skipToContent = "跳到正文"

    // Navigation
    static let navHome = "工作台"
    static let navOrgs = "组织"
    static let navMembers = "会员"
    static let navTransfers = "待办"
    static let navHardship = "帮扶"
    static let navDisputes = "维权"
    static let navPrograms = "帮扶项目"
    static let navImport = "导入"
    static let navAudit = "审计"
    static let navStats = "统计年报"
    static let navPassword = "修改密码"
    static let logout = "退出"
    static let actsFor = "所属组织"

    // Buttons
    static let search = "查询"
    static let save = "保存"
    static let cancel = "取消"
    static let confirm = "确认"
    static let next = "下一步"
    static let previousPage = "上一页"
    static let nextPage = "下一页"

    // Common words
    static let none = "—"
    static let yes = "是"
    static let no = "否"
    static let formHasErrors = "表单中有需要修改的地方，请查看各栏下方的提示。"

    // Page frame
    static let allOrgs = "全部"
    static let mainNavigation = "主导航"
    static let pager = "分页"
    static let colon = "："
    static func userWithRole(_ name: String, _ role: String) -> String { "\(name)（\(role)）" }
    static func pageNumber(_ n: Int) -> String { "第 \(n) 页" }
    static func pagerRange(from: Int, to: Int, total: Int) -> String { "第 \(from)–\(to) 条，共 \(total) 条" }
    /// A count in units of ten thousand, for chart labels ("12.3万").
    static func tenThousands(_ n: String) -> String { n + "万" }

    // Forms
    static let reasonSeparator = "；"
    static let dateMissing = "请填写日期"
    static let malformed = "格式不正确"
    static let uploadMalformed = "上传的表单格式不正确"
    static let uploadIncomplete = "上传的表单不完整"
    static let formTooLarge = "提交的内容过长，请精简后重试"
    static func uploadTooLarge(megabytes: Int) -> String { "上传的文件过大（上限 \(megabytes) MB），请拆分后再上传" }

    // Errors
    static let error404Title = "页面不存在"
    static let error404 = "您要找的页面不存在，或者不在您的管辖范围内。"
    static let error403Title = "无权访问"
    static let error400Title = "请求有误"
    static let error400 = "请求无法处理，请返回上一页重试。"
    static let error500Title = "服务器出错了"
    static let error500 = "服务器处理请求时出错，请稍后重试。如问题持续，请把下面的请求编号告诉系统管理员。"
    static let loginBusy = "登录请求过多，系统繁忙，请稍后再试。"
    static let errorConflictTitle = "操作未完成"
    static let errorCSRFTitle = "表单已过期"
    static let errorCSRF = "为了您的账号安全，此表单已失效。请返回上一页，刷新后重新提交。"
    static let requestID = "请求编号"
    static let backHome = "返回首页"

    // Flash messages after a POST, by key (no user data travels in the URL).
    static let flash: [String: String] = [
        "saved": "已保存。",
        "retention": "已按保存期限清理到期数据，详见审计日志。",
        "warning_acknowledged": "已确认知悉该预警。",
        "warning_closed": "预警已办结。",
        "ds_risk": "已标记，并已向上级工会发出风险预警。",
        "la_applied": "申请已登记，审查规则的结果见下。",
        "la_portal_applied": "法律援助申请已提交，工会审查后会通知您。",
        "sv_opened": "监督事项已立项，首份文书已编号，可查看打印。",
        "ma_plan": "互助计划已设立。",
        "ma_round": "轮次已设置。",
        "ma_enrolled": "参保已办理。",
        "ma_paid": "互助金到账已登记，相关会员的保障自到账日起（新参保的过等待期后）开始。",
        "ln_applied": "贷款申请已登记，等待信用查询和可行性评估。",
        "ln_assessed": "评估已记录。",
        "ln_approved": "已批准担保，占用本县担保额度。",
        "ln_lent": "放款已登记，还款计划已生成。",
        "ln_repaid": "还款已登记。",
        "ln_visited": "回访已登记。",
        "cd_target": "年度发卡目标已保存。",
        "cd_merchant": "签约商户已登记。",
        "cd_applied": "申领已提交，银行制卡后会通知您到网点领取。",
        "cd_activated": "服务卡已激活。",
        "ln_recovered": "担保人代偿已登记。",
        "ln_written_off": "贷款已核销，本县担保额度已释放。",
        "ma_claim_filed": "理赔申请已登记，核定金额已测算，等待县级工会审核。",
        "ma_claim_decided": "已处理，职工会在“我的互助”中看到结果。",
        "ma_claim_requeued": "已退回待发放，将编入下一个发放批次。",
        "ma_my_claim": "理赔申请已提交，工会审核后会通知您。",
        "sv_issued": "文书已编号，可查看打印。",
        "sv_answered": "用人单位的答复已登记。",
        "sv_decided": "劳动行政部门的处理结果已登记。",
        "la_approved": "已批准援助，请指派律师。",
        "la_refused": "已决定不予援助。",
        "la_assigned": "已指派律师。",
        "la_concluded": "援助结果已登记。",
        "la_lawyer": "律师名册已更新。",
        "contract": "集体合同已登记，统计年报按其生效日期计入。",
        "password": "密码已修改。其他设备上的登录已失效。",
        "created": "已登记。",
        "status": "会员状态已变更。",
        "transfer": "会籍转接申请已提交，等待转出工会审核。",
        "approved": "已同意。",
        "rejected": "已退回。",
        "cancelled": "已撤回。",
        "moved": "隶属关系已调整。",
        "merged": "已合并。",
        "dissolved": "组织已撤销。",
        "phone": "手机号已更新。",
        "activated": "账号已开通，欢迎使用职工服务平台。",
        "loggedout": "您已安全退出。",
        "hs_built": "困难职工档案已建立。请核对计算结果和家庭成员，上传签字材料后提交公示。",
        "hs_submit": "已提交公示。公示期满无异议后结束公示，报上级工会复核。",
        "hs_end_notice": "公示已结束，已报上级工会复核。",
        "hs_recheck": "复核通过，已报帮扶中心审批。",
        "hs_approve": "已审批建档，档案在档。",
        "hs_send_back": "档案已退回建档工会。",
        "hs_reverify": "年度复核已完成，档案继续在档。",
        "hs_close": "档案已销档。",
        "ds_registered": "案件已登记。请在受理告知期限内受理或不予受理。",
        "ds_answer": "已答复，案件办结。",
        "ds_accept": "已受理，办理期限已开始计算。",
        "ds_refuse": "已不予受理，案件办结。",
        "ds_extend": "办理期限已延长。",
        "ds_start_mediation": "已记录调解申请，调解期限已开始计算。",
        "ds_record_agreement": "调解协议已记录并编号，可以打印调解协议书；请跟进各条款的履行。",
        "ds_record_performance": "履行情况已记录。",
        "ds_end_mediation": "调解已结束，案件办结。",
        "ds_resolve": "已协调解决，案件办结。",
        "ds_transfer": "案件已转办。",
        "ds_session": "调解过程已记录。",
        "ds_particulars": "文书事项已保存。",
        "ds_paper": "材料已上传。",
        "ds_identity": "已记录核实申请人身份。",
        "ds_arbitration": "仲裁情况已保存。",
        "ds_policy": "政策参数已保存，在办案件的期限已重新计算。",
        "ds_wage": "最低工资标准已保存。",
        "ds_calendar": "节假日安排已保存，在办案件的期限已重新计算。",
        "ds_mediator": "调解员名册已保存。",
        "hs_uploaded": "材料已上传。",
        "hs_line": "低保标准已保存。",
        "hs_notice_days": "公示天数已保存。",
        "pg_program": "帮扶项目已设立，可以开设项目批次。",
        "pg_cycle": "项目批次已开设。请把预算分配给下级工会。",
        "pg_closed": "已结束受理，不再接受新的申请。",
        "pg_allocated": "预算已分配给下级工会。",
        "pg_applied": "申请已提交，等待基层工会审核。",
        "pg_reviewed": "已审核通过，等待持有预算的工会批准。",
        "pg_approved": "已批准，金额已占用本级预算，待编入发放批次。",
        "pg_rejected": "已不予通过，理由已记录。",
        "pg_batch": "发放批次已生成。经批准后即可下载银行代发文件报送银行。",
        "pg_requeued": "已更正，将编入下一个发放批次。",
        "pg_account_proposed": "已提出更正收款账户，待付款工会的组织管理员批准。",
        "pg_account_approved": "已批准更正收款账户，将编入下一个发放批次。",
        "pg_batch_approved": "发放批次已批准，现在可以导出银行代发文件。",
        "pg_results_pending": "银行回单已登记，等待另一位人员复核确认后生效。",
        "pg_results_returned": "银行回单已退回，未生效；可重新上传。",
        "pg_account_refused": "已退回收款账户更正。",
    ]

    /// The union pickers (`OrgPicker`).
    enum Picker {
        static let hint = "输入名称中的几个字或组织代码（不分大小写）"
        static func noneFound(_ text: String, units: Bool) -> String {
            units ? "没有找到名称包含或代码为“\(text)”的基层工会，请检查后重新输入" : "没有找到名称包含或代码为“\(text)”的组织，请检查后重新输入"
        }
        static func chooseOne(_ text: String, count: Int) -> String { "名称包含“\(text)”的组织有 \(count) 个，请选择其一" }
        static func tooMany(_ n: Int) -> String { "只列出前 \(n) 个；若没有要找的组织，请在下面输入更完整的名称。" }
        static func under(_ parent: String) -> String { "，隶属 \(parent)" }
        static let typeAgain = "都不是？重新输入名称或代码"
        static func named(_ name: String, code: String) -> String { "\(name)（\(code)）" }
        static func several(_ text: String, _ names: [String], count: Int) -> String {
            "名称包含“\(text)”的组织有 \(count) 个（\(names.joined(separator: "、"))\(count > names.count ? "等" : "")），请输入其中一个的代码或更完整的名称"
        }
    }

    /// The region picker (`RegionPicker`).
    enum Regions {
        static let choose = "请选择"
        static func whole(_ name: String) -> String { "\(name)（全境）" }
        static let elsewhere = "其他地区（在下方输入 6 位代码）"
        static let otherCode = "其他地区的行政区划代码"
        static let otherHint = "仅在上面选择“其他地区”时填写，如 110105"
    }
}
