import Foundation
import GonghuiDomain

extension UI {
    /// The words of the assistance programme pages (帮扶项目): programmes, cycles, budgets,
    /// applications, payment batches and the cycle's report.
    enum Programs {
        // Punctuation and joins that several pages put between values.
        static let colon = "："
        static let listSeparator = "；"
        static func parenthesized(_ text: String, _ inside: String) -> String { "\(text)（\(inside)）" }
        static func titled(_ text: String, _ detail: String) -> String { "\(text)：\(detail)" }
        static func period(_ from: String, _ to: String) -> String { "\(from) 至 \(to)" }
        static func byAt(_ who: String, _ time: String) -> String { "\(who)，\(time)" }
        static func yuan(_ amount: String) -> String { "\(amount) 元" }
        static let choose = "请选择"
        static let breadcrumbs = "位置"
        static let total = "合计"
        static let downloadCSV = "下载 CSV"
        static let downloadXLSX = "下载 Excel（XLSX）"

        // Column and field names used on several pages.
        static let program = "项目"
        static let cycle = "批次"
        static let acceptancePeriod = "受理期"
        static let state = "状态"
        static let ownerOrg = "所属工会"
        static let code = "代码"
        static let name = "名称"
        static let kind = "类型"
        static let description = "说明"
        static let union = "工会"
        static let amountYuan = "金额（元）"
        static let personName = "姓名"
        static let memberID = "会员编号"
        static let idNumber = "证件号"
        static let operation = "操作"
        static let category = "类别"
        static let rule = "规则"
        static let appliedOn = "申请日期"
        static let bankName = "开户行"
        static let bankAccount = "银行账号"
        static let account = "账号"
        static let isMember = "工会会员"
        static let childAdmitted = "子女当年考入"
        static let illness = "所患大病"
        static let outdoorWorker = "户外劳动者"

        // Messages of the forms.
        static let kindMissing = "请选择项目类型"
        static let programMissing = "请选择帮扶项目"
        static let cycleNameMissing = "请填写批次名称，如“2027年春节送温暖”"
        static let budgetMissing = "请填写预算总额（元）"
        static let rulesMalformed = "规则格式不正确：应为规则数组，每条含 name、conditions（kind 等）和 amount（kind 及 fen，或 percent 与 capFen）"
        static let allocateToMissing = "请选择下级工会"
        static let allocateAmountMissing = "请填写分配金额（元）"
        static func orgNotFound(_ code: String) -> String { "组织代码 \(code) 不存在或不在您的管辖范围内" }
        static let systemHasNoOrg = "系统账号没有所属工会，请指定工会后再生成"
        static let memberIDMissing = "请填写会员编号，或先按姓名查找会员"
        static func memberNotFound(_ id: Int64) -> String { "会员编号 \(id) 不存在或不在您的管辖范围内" }
        static let notEligible = "不符合本期的申请条件，逐条规则的核对结果如下。"
        static let unknownStep = "未知的办理步骤"
        static func handledByOthers(_ message: String) -> String { "该申请已被他人办理（\(message)）。请查看最新情况后再操作。" }
        static let resultsFileMissing = "请选择银行回单文件（CSV 或 XLSX）"

        // Rules in words.
        static let noRules = "没有设定规则。"
        static let unconditional = "无条件"
        static let conditionsJoiner = "，且"
        static let rulesOrder = "按顺序核对，第一条条件全部符合的规则决定金额。"

        static func condition(_ c: GrantCondition) -> String {
            switch c.kind {
            case .member: return "工会会员"
            case .archiveFiled: return "困难职工档案在档"
            case .category: return "档案类别为" + (c.categories ?? []).map(\.title).joined(separator: "或")
            case .migrantWorker: return "农民工"
            case .childAdmitted: return "子女当年考入" + (c.admissions ?? ChildAdmission.allCases).map(\.title).joined(separator: "或")
            case .listedIllness:
                let list = c.illnesses ?? []
                return list.isEmpty ? "患省大病目录内疾病" : "患" + list.joined(separator: "、") + "之一"
            case .outOfPocketAbove: return "自付医疗费用超过 \(Money(fen: c.thresholdFen ?? 0).groupedYuan) 元"
            case .outdoorWorker: return "户外劳动者"
            }
        }

        static func amount(_ a: GrantAmount) -> String {
            switch a.kind {
            case .fixed: return "定额 \(Money(fen: a.fen ?? 0).groupedYuan) 元"
            case .shareOfCosts: return "按自付费用的 \(a.percent ?? 0)% 计，封顶 \(Money(fen: a.capFen ?? 0).groupedYuan) 元"
            }
        }

        // The programmes page.
        static let accepting = "受理中"
        static let ended = "已结束"
        static let openCycleTitle = "开设项目批次"
        static let programField = "帮扶项目"
        static let cycleName = "批次名称"
        static let cycleNameHint = "如“2027年春节送温暖”"
        static let startsOn = "受理开始日期"
        static let endsOn = "受理结束日期"
        static let budgetTotal = "预算总额（元）"
        static let budgetHint = "本级持有，再逐级分配给下级工会；精确到分"
        static let rulesField = "规则（JSON，可不填）"
        static let rulesHint = "不填则使用所选项目的预设规则（见下）。如需调整，按下方示例填写规则数组。"
        static let rulesExample = "规则的 JSON 示例（送温暖预设）"
        static let openCycleButton = "开设批次"
        static let presetRules = "各项目的预设规则"
        static let noProgramsYet = "尚未设立帮扶项目。"
        static let newProgramTitle = "设立帮扶项目"
        static let programCode = "项目代码"
        static let programCodeHint = "字母、数字或连字符，如 SNW"
        static let programName = "项目名称"
        static let programKind = "项目类型"
        static let programKindHint = "决定开设批次时的预设规则"
        static let newProgramButton = "设立项目"
        static let setByProvince = "帮扶项目和批次由省总工会设立；预算逐级分配到各级工会。"
        static let cyclesTitle = "项目批次"
        static let noCycles = "还没有开设项目批次。"
        static let programsTitle = "帮扶项目"
        static let noPrograms = "还没有设立帮扶项目。"

        // The cycle page.
        static let ownLevel = "（本级）"
        static let allocated = "下达"
        static let suballocated = "已分配下级"
        static let reserved = "已批准占用"
        static let paid = "已发放"
        static let left = "余额"
        static let noBudget = "您所辖范围在本期没有预算。"
        static let budgetCaption = "单位：元。余额 = 下达 − 已分配下级 − 已批准占用；合计行的下达为本辖区收到的预算，余额为各级余额之和。"
        static let allocateTitle = "分配预算给下级工会"
        static let allocatableLeft = "本级可分配余额："
        static let allocateExplained = " 元。分配后由下级工会审批使用，不能超过本级余额。"
        static let childUnion = "下级工会"
        static let allocateAmountHint = "精确到分，如 50000 或 12345.67"
        static let allocateButton = "分配"
        static func noMemberNamed(_ who: String) -> String { "所辖范围内没有姓名以“\(who)”开头的在会会员。" }
        static func membersNamed(_ who: String) -> String { "姓名以“\(who)”开头的在会会员（最多 20 人）" }
        static let pick = "选择"
        static let notDeclared = "未申报"
        static let ruleCheck = "规则核对结果"
        static let applyTitle = "代为申请"
        static let findMember = "按姓名查找会员"
        static let findMemberHint = "从姓氏开始输入，只查所辖范围"
        static let memberIDHint = "可在上方按姓名查找后选择"
        static let declaration = "申报事项（有证明材料的才填写）"
        static let outOfPocketYuan = "自付医疗费用（元）"
        static let outOfPocketHint = "医保报销后个人负担部分"
        static let ownAccount = "本人银行账户（没有在档困难职工档案时填写）"
        static let bankAccountHint = "帮扶资金只发到本人账户，不发现金"
        static let submitApplication = "提交申请"
        static let batchNo = "批次号"
        static let lineCount = "笔数"
        static let created = "生成"
        static let makeBatch = "生成发放批次"
        static let makeBatchHint = "把本级预算批准、待发放的申请编入一个新批次"
        static let grantList = "申请列表"
        static let report = "统计报表"
        static let generateGrants = "为辖区在档困难职工生成申请"
        static let closeCycle = "结束受理"
        static func generated(made: Int, skipped: Int) -> String {
            "已生成 \(String(made)) 份申请；\(String(skipped)) 人已有申请或不符合条件，未生成。"
        }
        static func cyclePeriod(_ from: String, _ to: String) -> String { "受理期 \(from) 至 \(to)" }
        static let acceptanceEnded = "已结束受理"
        static let ownerPrefix = "所属："
        static let rulesAndAmounts = "申请条件和金额"
        static let grantCounts = "申请办理情况"
        static let budget = "预算"
        static let batchesTitle = "发放批次"
        static let noBatches = "还没有发放批次。"

        // The worklist and the grant page.
        static let all = "全部"
        static let noArchive = "无档案"
        static func grantNumbered(_ id: Int64) -> String { "申请 \(id)" }
        static func noGrants(_ state: String) -> String { "没有\(state)的申请。" }
        static let worklistExplained = "基层工会审核通过后，由持有预算的工会批准；批准即占用本级预算，余额不足时不能批准。"
        static let passReview = "审核通过"
        static let approve = "批准"
        static let reject = "不予通过"
        static let rejectReason = "不予通过的理由"
        static let confirmReject = "确认不予通过"

        static func event(_ kind: String) -> String {
            switch kind {
            case "applied": "申请"
            case "reviewed": "基层审核通过"
            case "approved": "批准"
            case "rejected": "不予通过"
            case "batched": "编入发放批次"
            case "paid": "发放成功"
            case "failed": "发放失败"
            case "requeued": "更正后重新发放"
            case "account_proposed": "提出更正收款账户"
            case "account_approved": "批准更正收款账户"
            case "account_refused": "退回收款账户更正"
            default: kind
            }
        }

        static func handledBy(_ who: String, at time: String) -> String { "经办：\(who)，记录于 \(time)" }
        static let approveAccount = "批准更正"
        static let refuseReason = "退回理由"
        static let refuse = "退回"
        static func accountDecidedBy(_ code: String) -> String { "须由付款工会（\(code)）的组织管理员批准，提出更正的人不能自己批准。" }
        static let accountPending = "收款账户更正待批准"
        static func proposedAccount(_ proposer: String) -> String { "\(proposer) 提出更正收款账户：" }
        static func originalAccount(_ bank: String, _ account: String) -> String {
            "（原账户 \(bank) \(account)）。批准后编入下一个发放批次；批准前这笔资金不发往任何账户。"
        }
        static let requeueTitle = "更正后重新发放"
        static let returnedBecause = "银行退回原因："
        static let requeueExplained = "。账户无误时直接重新发放，申请回到“已批准待发放”，编入下一个发放批次；预算仍保留。更正账户须经付款工会的组织管理员批准后才生效。"
        static let bankNameOptional = "开户行（不改可不填）"
        static let correctedAccount = "更正后的本人银行账号（不改可不填）"
        static func currentAccount(_ masked: String) -> String { "现账号 \(masked)" }
        static let requeueButton = "重新发放"
        static let paymentBatch = "发放批次"
        static let viewBatch = "查看批次"
        static func appliedRule(_ rule: String, _ yuan: String) -> String { "适用规则：\(rule)，\(yuan) 元" }
        static let currentState = "当前状态："
        static func rejectedBecause(_ reason: String) -> String { "　不予通过的理由：\(reason)" }
        static func failedBecause(_ reason: String) -> String { "　发放失败原因：\(reason)" }
        static let whyThisRule = "为什么是这条规则"
        static let applicant = "申请人"
        static let idNumberFull = "身份证号"
        static let hardshipCategory = "困难类别"
        static let noFiledArchive = "无在档档案"
        static let channel = "申请方式"
        static let byWorker = "本人在线申请"
        static let byUnion = "工会代为申请"
        static let attempts = "发放次数"
        static let paidOn = "发放日期"
        static let factsChecked = "核对的情况"
        static let archiveFiled = "档案在档"
        static let migrantWorker = "农民工"
        static let outOfPocket = "自付医疗费用"
        static let history = "办理记录"
        static func grantTitle(_ name: String) -> String { "帮扶申请：\(name)" }

        // Payment batches.
        static let resultPaid = "成功"
        static let resultFailed = "失败"
        static let resultPending = "待回单"
        static let lineNo = "序号"
        static let reference = "参考号"
        static let result = "结果"
        static let failureReason = "失败原因"
        static func resultsRecorded(paid: Int, failed: Int, already: Int) -> String {
            "银行回单已登记：成功 \(String(paid)) 笔，失败 \(String(failed)) 笔，已登记过 \(String(already)) 笔（未重复登记）。"
        }
        static let bankFile = "银行代发文件"
        static let bankFileExplained = "文件含完整账号，仅用于报送银行；每次下载都记入审计日志。"
        static let downloadGBK = "下载 CSV（GBK 编码）"
        static let problemPlace = "位置"
        static let problemValue = "内容"
        static let problem = "问题"
        static func resultsProblems(_ count: Int) -> String { "回单文件有 \(String(count)) 处问题，" }
        static let nothingRecorded = "尚未登记任何一笔"
        static let fixAndUploadAgain = "。请改正后重新上传。"
        static let recordResults = "登记银行回单"
        static let recordResultsExplained = "上传银行返回的结果文件（CSV 或 XLSX），须有“参考号”“结果”（成功/失败）两列，失败的写明“失败原因”。文件中任何一行有误时整份不登记。"
        static let resultsFile = "回单文件"
        static let resultsFileWrong = "文件有误，见上表"
        static let uploadResults = "上传并登记"
        static func count(_ n: String) -> String { "\(n) 笔" }
        static func linesTotal(_ total: String) -> String { "本批合计 \(total) 元" }
        static func paidTotal(_ total: String) -> String { "发放成功 \(total) 元" }
        static func failedTotal(_ total: String) -> String { "发放失败 \(total) 元" }
        static func createdBy(_ who: String, _ time: String) -> String { "生成：\(who)，\(time)" }
        static func approvedBy(_ who: String, _ time: String) -> String { "批准：\(who)，\(time)" }
        static let approveBatchTitle = "批准发放批次"
        static func approveBatchExplained(_ who: String) -> String {
            "本批次由 \(who) 生成。按职责分离的规定，须由另一位有审批权限的人员核对明细后批准，批准后才能导出银行代发文件。"
        }
        static let approveBatch = "核对无误，批准本批次"
        static let awaitsOtherApprover = "本批次由您生成，须由另一位有审批权限的人员批准。"
        static let pendingResultsTitle = "待复核的银行回单"
        static func pendingResultsLine(_ who: String, _ time: String, file: String?, paid: Int, failed: Int, paidTotal: String) -> String {
            "\(who) 于 \(time) 登记\(file.map { "（文件：\($0)）" } ?? "")：成功 \(paid) 笔、合计 \(paidTotal) 元，失败 \(failed) 笔。复核确认后才记为已发放或发放失败。"
        }
        static let confirmResults = "复核无误，确认生效"
        static let returnResults = "退回"
        static let returnNote = "退回理由（退回时必填）"
        static let awaitsOtherConfirmer = "这份回单由您登记，须由另一位有审批权限的人员复核确认。"
        static let failedNotice = "发放失败的，请打开该申请核实并更正本人账户后重新发放，将编入下一个批次。"
        static let batchLines = "发放明细"
        static func lineTotal(_ count: String) -> String { "合计 \(count) 笔" }
        static func batchTitle(_ no: String) -> String { "发放批次 \(no)" }

        static func batchState(_ s: String) -> String {
            switch s {
            case "open": "待批准"
            case "approved": "已批准，待导出"
            case "exported": "已导出，待银行回单"
            case "reconciled": "已对账"
            default: s
            }
        }

        // The report of a cycle.
        static let approvedPeople = "批准人数"
        static let approvedYuan = "批准金额（元）"
        static let paidPeople = "已发放人数"
        static let paidYuan = "已发放金额（元）"
        static let unit = "单位"
        static let noApproved = "还没有批准的申请。"
        static let approvedByUnit = "各单位批准金额（元）"
        static let approvedPeopleByCategory = "各类别批准人数"
        static let reportExplained = "批准含已批准待发放、发放中、已发放和发放失败待重发的申请；金额精确到分，各行相加等于合计。"
        static let byUnit = "按单位（点击下级单位逐级查看）"
        static let byCategory = "按困难类别"
    }
}
