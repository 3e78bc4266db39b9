import Foundation
import GonghuiDomain

extension UI {
    /// The words of the workers' portal (职工服务平台, `/my/`): activation, sign-in, the worker's
    /// membership, phone and transfer, and applying for assistance and following it.
    enum Portal {
        // The frame
        static let mainNavigation = "主导航"
        static let navMembership = "我的会籍"
        static let navPhone = "更新手机号"
        static let navTransfer = "申请转会"

        // Welcome, activation and sign-in
        static let welcome = "工会会员可在这里查看自己的会籍、更新手机号、申请会籍转接，申请帮扶并查看办理进度。"
        static let login = "登录"
        static let firstTimeActivate = "首次使用：开通账号"
        static func welcomeNote(staffLogin link: HTML) -> HTML {
            "开通账号需要身份证号、在工会登记的手机号和工会提供的激活码。工会工作人员请前往 \(link)。"
        }
        static let staffLogin = "工作人员登录"
        static let activateTitle = "开通职工服务账号"
        static let idNumber = "身份证号"
        static let phone = "手机号"
        static let phoneHint = "在工会登记的手机号"
        static let code = "激活码"
        static let codeHint = "由所在工会生成，10 位字母和数字"
        static let setPassword = "设置密码"
        static let passwordHint = "至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类"
        static let passwordAgain = "再次输入密码"
        static let activate = "开通账号"
        static let haveAccount = "已有账号？登录"
        static let loginTitle = "职工登录"
        static let password = "密码"
        static let firstTimeQuestion = "首次使用？开通账号"
        static let idNumberMissing = "请填写身份证号"
        static let phoneMissing = "请填写手机号"
        static let codeMissing = "请填写工会提供的激活码"
        static let passwordNotSet = "请设置密码"
        static let passwordsDiffer = "两次输入的密码不一致"
        static let passwordMissing = "请输入密码"

        // The worker's membership
        static let membershipTitle = "我的会籍"
        static func transferInProgress(from: String, to: String, outgoing: String, incoming: String) -> String {
            "会籍转接办理中：由 \(from) 转至 \(to)。转出工会：\(outgoing)；转入工会：\(incoming)。"
        }
        static func assistanceInProgress(_ count: Int) -> String { "您有 \(count) 项帮扶申请正在办理，可在“我的申请”查看进度。" }
        static let assistanceInvitation = "困难职工家庭可以在线申请送温暖、金秋助学等帮扶，并查看办理进度和发放情况。"
        static let membershipFacts = "会籍信息"
        static let name = "姓名"
        static let union = "所在工会"
        static let memberStatus = "会员状态"
        static let joinedOn = "入会日期"
        static let update = "更新"
        static let cardNumber = "会员卡号"
        static let history = "会籍记录"
        static func historyEvent(_ kind: String, _ detail: String) -> String { "\(kind)：\(detail)" }
        static let assistance = "帮扶"
        static let applyForAssistance = "申请帮扶"
        static let myApplications = "我的申请"
        static let moreServices = "更多服务"
        static let comingSoon = "以下服务即将在本平台开通，届时可在线申请并查看办理进度："
        static let disputeMediation = "劳动争议调解"
        static func contactUnion(_ org: String) -> String { "目前如需办理，请联系 \(org)。" }

        // Phone
        static let phoneTitle = "更新手机号"
        static func phoneOnRecord(_ masked: String?) -> String { "工会登记的手机号：\(masked ?? "未登记")" }
        static let newPhone = "新的手机号"
        static let newPhoneMissing = "请填写新的手机号"

        // Transfer
        static let transferTitle = "申请会籍转接"
        static func transferIntro(_ org: String) -> String {
            "您现在是 \(org) 的会员。工作单位变动后，可申请把会籍转到新单位的工会；转出和转入工会先后审核同意后生效。"
        }
        static let findUnion = "查找新单位的工会"
        static let findUnionHint = "输入工会名称中的字词"
        static func foundUnion(_ name: String, code: String) -> HTML { "\(name)：代码 <strong>\(code)</strong>" }
        static func noUnionFound(_ query: String) -> String { "没有找到名称包含“\(query)”的基层工会。" }
        static let toOrgCode = "新单位的工会"
        static let toOrgHint = "输入工会名称中的几个字或组织代码；也可以在上面查找后点“选择”"
        static let chooseUnion = "选择"
        static let toOrgCodeMissing = "请填写新单位的工会"
        static let reason = "申请原因"
        static let reasonHint = "例如：调动工作"
        static let submitRequest = "提交申请"

        /// Flash messages of the portal's own pages.
        static let flash: [String: String] = [
            "applied": "申请已提交，等待所在工会审核。审核和发放的进度会显示在这里。",
            "withdrawn": "申请已撤回。",
            "filed": "已提交。工会会在规定期限内告知是否受理，进展会显示在这里，也会发到“消息”。",
            "rated": "感谢您的评价。",
            "paper": "材料已上传，办理工会会收到提醒。",
            "filed_paper_failed": "已提交，但材料未能保存。请在“我的材料”中重新上传。",
        ]
    }
}

extension UI.Portal {
    // Assistance: titles and refusals
    static func applyTitle(_ cycle: String) -> String { "申请\(cycle)" }
    static let backToMyApplications = "返回我的申请"
    static func cycleEnded(_ cycle: String, from: String, to: String) -> String { "\(cycle) 已结束受理（受理时间 \(from) 至 \(to)）。" }
    static func cycleNotStarted(_ cycle: String, startsOn: String) -> String { "\(cycle) 将于 \(startsOn) 开始受理，请到时再来申请。" }
    static let alreadyApplied = "本期您已申请过。每人每期只能申请一次。"
    static func progressOf(_ cycle: String) -> String { "您在 \(cycle) 的申请进度可以在“我的申请”里查看。" }
    static let seeMyApplications = "查看我的申请"
    static let backToPrograms = "返回帮扶项目"
    static let otherPrograms = "查看其他帮扶项目"

    // The application form
    static let admissionMissing = "请选择子女今年考入的学校类别"
    static let illnessMissing = "请选择所患疾病"
    static let costsMissing = "请填写今年自付的医疗费用"
    static let costsNegative = "金额不能为负数"
    static let bankNameMissing = "请填写开户银行"
    static let bankAccountMissing = "请填写本人银行账号"
    static let admission = "子女今年考入"
    static let choose = "请选择"
    static let admissionHint = "须有录取通知书，工会审核时核对"
    static let illness = "所患疾病"
    static let illnessHint = "本人或家人所患的大病"
    static let costs = "今年自付的医疗费用（元）"
    static let costsHint = "医保报销以后自己付的部分，以票据为准"
    static let outdoorWorker = "我在高温下从事户外工作（如环卫、建筑、快递外卖等）"
    static func archiveAccount(bank: String, account: HTML) -> HTML {
        "帮扶资金将发到您困难职工档案中登记的本人账户：\(bank) \(account)。账户如有变化，请联系所在工会更新档案。"
    }
    static let payee = "收款账户"
    static let ownAccountOnly = "帮扶资金只发到本人银行账户，不发现金。"
    static let bankName = "开户银行"
    static let bankNameHint = "例如：中国工商银行武汉江岸支行"
    static let bankAccount = "本人银行账号"
    static func notEligible(_ cycle: String) -> String { "按您现在的情况，不符合\(cycle)的条件：" }
    static let conditionsOfEachRule = "各项标准的条件"
    static let correctAndResubmit = "如果情况填写有误，可以修改后重新提交；如有疑问，请联系所在工会。"
    static let nothingToDeclare = "本项目按您的困难职工档案审核，不需要另外填写情况。"
    static let nextCheck = "下一步：核对"

    // The confirmation
    static let costsPaid = "自付医疗费用"
    static let outdoorWork = "户外工作"
    static let fromArchive = "（困难职工档案中的账户）"
    static let checkApplication = "核对申请"
    static func amountByRule(_ rule: String, amount: HTML) -> HTML { "按“\(rule)”标准，本期可得帮扶资金 \(amount)" }
    static let program = "帮扶项目"
    static let why = "为什么"
    static func amountHow(_ how: String) -> String { "金额：\(how)" }
    static let whatHappensNext = "提交后由所在工会审核、上级工会审批，再由银行发到您的账户。最终金额以审批结果为准。"
    static let confirmSubmit = "确认提交申请"
    static let backToEdit = "返回修改"
    static let met = "符合"
    static let notMet = "不符合"
    static func ruleAmount(_ amount: String) -> String { "（\(amount)）" }

    // The rules in words
    static func yuan(_ amount: String) -> String { "\(amount) 元" }
    static func condition(_ c: GrantCondition) -> String {
        switch c.kind {
        case .member: "工会会员"
        case .archiveFiled: "困难职工档案在档"
        case .category: "档案类别为" + (c.categories ?? []).map(\.title).joined(separator: "或")
        case .migrantWorker: "农民工"
        case .childAdmitted: "子女当年考入" + (c.admissions ?? ChildAdmission.allCases).map(\.title).joined(separator: "或")
        case .listedIllness: "本人或家人患大病目录内的疾病"
        case .outOfPocketAbove: "自付医疗费用超过 \(Money(fen: c.thresholdFen ?? 0).groupedYuan) 元"
        case .outdoorWorker: "高温下从事户外工作"
        }
    }
    static func amount(_ a: GrantAmount) -> String {
        switch a.kind {
        case .fixed: "\(Money(fen: a.fen ?? 0).groupedYuan) 元"
        case .shareOfCosts: "自付费用的 \(a.percent ?? 0)%，最多 \(Money(fen: a.capFen ?? 0).groupedYuan) 元"
        }
    }
    static func ruleLine(amount: HTML, conditions: [String]) -> HTML { "\(amount)：\(conditions.joined(separator: "，"))" }
    static let acceptingFrom = "受理时间"
    static func dateRange(_ from: String, _ to: String) -> String { "\(from) 至 \(to)" }
    static let ownerUnion = "主办工会"
    static let amounts = "发放标准"

    // The list of cycles
    static func archiveStage(_ stage: HardshipArchiveStage) -> String {
        switch stage {
        case .building: "工会正在为您家建立困难职工档案"
        case .publicNotice: "困难职工档案正在公示"
        case .recheck: "困难职工档案正在由上级工会复核"
        case .approval: "困难职工档案正在由帮扶中心审批"
        case .filed: "困难职工档案在档"
        case .closed: "困难职工档案已销档"
        }
    }
    static let category = "困难类别"
    static let archiveFiledNote = "可以申请需要困难职工档案在档的帮扶项目。档案每年复核一次，家庭情况有变化请告诉所在工会。"
    static let archiveNotFiledNote = "档案在档以后，才能申请送温暖、金秋助学等需要档案在档的帮扶项目。"
    static let archiveStatus = "档案状态"
    static let archiveUnion = "建档工会"
    static func noArchive(_ org: String) -> String { "您家目前没有困难职工档案。送温暖、金秋助学等帮扶需要档案在档；家庭生活困难的，可以向 \(org) 申请建档。" }
    static func appliedThisCycle(_ state: String) -> String { "本期已申请：\(state)" }
    static let seeProgress = "查看进度"
    static func startsAccepting(_ date: String) -> String { "\(date) 开始受理" }
    static let noOpenCycles = "目前没有正在受理的帮扶项目。"
    static let myApplicationsNote = "：查看已提交申请的办理进度和发放情况。"
    static let ourArchive = "我家的困难职工档案"
    static let openCycles = "正在受理的帮扶项目"
    static let cycleNeeds = "按您目前的登记情况，本项目暂时不能申请。本项目需要："
    static let archiveWord = "困难职工档案"
    static func howToFile(_ org: String) -> String { "家庭生活困难的，请先向 \(org) 申请建立困难职工档案；档案审批在档后即可在这里申请。" }
    static func askUnion(_ org: String) -> String { "如认为登记情况有误，请联系 \(org)。" }

    // The worker's applications
    static let steps = ["申请", "基层审核", "审批", "发放"]
    static let withdrawnStep = "已撤回"
    static let refusedStep = "未通过"
    static let notReceived = "未到账"
    static let paying = "发放中"
    static let progress = "办理进度"
    static let noApplications = "您还没有帮扶申请。"
    static let underReview = "所在工会正在审核您的申请。"
    static let reviewed = "所在工会已审核通过，等待上级工会审批。"
    static func approved(account: HTML) -> HTML { "已批准，等待发放。资金将发到您的账户 \(account)。" }
    static func inBatch(account: HTML) -> HTML { "已交银行发放，到账后这里会显示发放日期。收款账户：\(account)。" }
    static func paid(on date: String, amount: String, account: HTML) -> HTML {
        "已于 <strong>\(date)</strong> 发放 <strong>\(amount) 元</strong>，转入您的账户 \(account)。"
    }
    static func failed(account: HTML, reason: String?) -> HTML {
        "银行没能把钱转到您的账户 \(account)\(reason.map { "（原因：\($0)）" } ?? "" as String)。工会将核实更正后重新发放，不需要重新申请。账户如有变化，请联系所在工会。"
    }
    static func rejected(reason: String) -> String { "申请未通过。原因：\(reason)" }
    static let applyAgainWhenChanged = "情况有变化的，可以在受理时间内重新申请。"
    static let withdrawnNote = "您已撤回这份申请。在受理时间内可以重新申请。"
    static let withdraw = "撤回申请"
    static let state = "状态"
    static let grantAmount = "帮扶金额"
    static func amountWithRule(_ amount: String, rule: String) -> String { "\(amount) 元（\(rule)）" }
    static let appliedOn = "申请日期"
    static let channel = "申请方式"
    static let appliedOnline = "本人在线申请"
    static let appliedByUnion = "工会代为申请"
    static let applyForOthers = "申请其他帮扶项目"
}
