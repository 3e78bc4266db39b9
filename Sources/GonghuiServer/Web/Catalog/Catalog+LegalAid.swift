import GonghuiDomain

extension UI {
    /// 工会法律援助: applications, the rules' assessment, the lawyers' roster, assignment and outcome.
    enum LegalAid {
        static let title = "法律援助"
        static let link = "法律援助"
        static let intro = "职工申请工会法律援助（仲裁代理、诉讼代理、法律意见书、代写文书），按本省规则审查：每项规则的结果和依据都记录在案；批准后从本工会或上级工会的律师名册中指派律师，结案时登记结果、为职工挽回的金额和支付的律师费。"
        static let newApplication = "登记申请"
        static let lawyersLink = "律师名册"
        static let filterState = "状态"
        static let allStates = "全部"
        static let show = "筛选"
        static let none = "没有符合条件的申请。"
        static func total(_ n: String) -> String { "共 \(n) 件" }
        static let colNo = "申请编号"
        static let colApplied = "申请日期"
        static let colName = "申请人"
        static let colMatter = "援助事项"
        static let colOrg = "办理工会"
        static let colState = "状态"
        static let colLawyer = "承办律师"
        // The form
        static let formTitle = "登记法律援助申请"
        static let name = "申请人姓名"
        static let idNumber = "身份证号"
        static let phone = "手机号码"
        static let matter = "援助事项"
        static let request = "申请事项和理由"
        static let appliedOn = "申请日期"
        static let orgCode = "办理工会代码"
        static let orgHint = "默认为案件的办理工会或您所在的工会"
        static let relatedCase = "所属案件"
        static let pleaseChoose = "请选择"
        static let submit = "登记并审查"
        static let missingID = "请填写身份证号"
        static let unknownMatter = "请选择援助事项"
        // The application page
        static func pageTitle(_ no: String) -> String { "法律援助申请 \(no)" }
        static let applicant = "申请人"
        static let state = "状态"
        static let assessment = "审查规则"
        static let colRule = "规则"
        static let colResult = "结果"
        static let colDetail = "情况"
        static let colSource = "依据"
        static let passed = "符合"
        static let failed = "不符合"
        static let eligible = "符合援助条件"
        static func ineligible(_ rule: String) -> String { "不符合援助条件（\(rule)）" }
        static let priorities = "优先援助"
        static let noPriority = "无"
        static let decision = "审查决定"
        static func decidedBy(_ decision: String, _ who: String, _ on: String) -> String { "\(decision)（\(who)，\(on)）" }
        static let relatedCaseLabel = "所属案件："
        static func assignedLine(_ lawyer: String, _ on: String) -> String { "\(lawyer)（指派日期 \(on)）" }
        static func applicantLine(_ name: String, _ id: String, _ phone: String?) -> String { [name, id, phone].compactMap { $0 }.joined(separator: "，") }
        static func assessmentTitle(_ verdict: String) -> String { "审查规则：\(verdict)" }
        static func prioritiesLine(_ p: [String]) -> String { "优先援助：" + (p.isEmpty ? "无" : p.joined(separator: "、")) }
        static let decideTitle = "审查决定"
        static let stepsTitle = "办理"
        static let decisionNote = "说明（不予援助时必填，申请人会看到）"
        static let approve = "批准援助"
        static let refuse = "不予援助"
        static let assignTitle = "指派律师"
        static let lawyer = "律师"
        static let assignButton = "指派"
        static let noLawyers = "本工会及上级工会的律师名册中还没有在册律师。"
        static let concludeTitle = "登记援助结果"
        static let outcome = "结果"
        static let obtained = "为职工挽回金额（元）"
        static let fee = "支付律师费（元）"
        static let concludedOn = "结案日期"
        static let outcomeNote = "说明"
        static let concludeButton = "登记结果"
        static let assignedOn = "指派日期"
        static func outcomeLine(_ outcome: String, _ obtained: String, _ fee: String, _ on: String) -> String { "\(outcome)；为职工挽回 \(obtained) 元；律师费 \(fee) 元（\(on)）" }
        static let readOnly = "当前角色只能查看法律援助申请。"
        static func lawyerLine(_ firm: String, _ name: String) -> String { "\(firm) \(name) 律师" }
        static let documents = "文书"
        static let docx = "Word 文档"
        static func backTo(_ no: String) -> String { "返回申请 \(no)" }
        // The roster
        static let rosterTitle = "法律援助律师名册"
        static let rosterIntro = "本工会及上级工会的法律援助律师。指派律师时可从这些名册中选择；移出名册的律师保留在以往的援助记录中。"
        static let colFirm = "律师事务所"
        static let colLicence = "执业证号"
        static let colPhone = "联系电话"
        static let colSpecialties = "擅长"
        static let colUnion = "所属名册"
        static let colActions = "操作"
        static let active = "在册"
        static let inactive = "已移出"
        static let deactivate = "移出名册"
        static let reactivate = "恢复在册"
        static let addTitle = "增加律师"
        static let lawyerName = "律师姓名"
        static let firm = "律师事务所"
        static let licenceNo = "执业证号（17 位）"
        static let specialties = "擅长领域"
        static let noLawyersInRoster = "名册中还没有律师。"
        // The figures page
        static let figTitle = "法律援助（本期申请）"
        static func figApplications(_ n: String) -> String { "申请 \(n) 件" }
        static func figApproved(_ n: String) -> String { "批准 \(n) 件" }
        static func figRefused(_ n: String) -> String { "不予援助 \(n) 件" }
        static func figObtained(_ y: String) -> String { "为职工挽回 \(y) 元" }
        static func figOutcome(_ outcome: String, _ n: String) -> String { "\(outcome)：\(n) 件" }
        static func figFees(_ y: String) -> String { "支付律师费 \(y) 元" }
        // The portal
        static let portalTitle = "我的法律援助申请"
        static let portalApply = "申请法律援助"
        static let portalFormTitle = "申请工会法律援助"
        static let portalFormIntro = "调解不成、需要打官司或请律师出具意见时，可以申请工会法律援助。申请交给您所在案件的办理工会（没有案件时交给县级工会），工会审查后会在这里告诉您结果和承办律师。"
        static let portalNoCase = "不属于某个案件"
        static func portalCaseOption(_ no: String, _ employer: String) -> String { "\(no)（\(employer)）" }
        static let portalRequestHint = "请写明需要律师做什么、争议的经过和您的请求"
        static let portalSubmit = "提交申请"
        static func portalLine(_ matter: String, _ on: String, _ org: String) -> String { "\(matter) · \(on) 申请 · \(org)办理" }
        static func portalRefused(_ why: String) -> String { "不予援助的理由：\(why)" }
        static func portalLawyer(_ lawyer: String, _ phone: String?) -> String { "承办律师：\(lawyer)" + (phone.map { "，联系电话 \($0)" } ?? "") }
        // The case page
        static let caseSection = "法律援助"
        static let caseNone = "本案件尚无法律援助申请。"
        static let applyForCase = "为本案件职工申请法律援助"
    }
}
