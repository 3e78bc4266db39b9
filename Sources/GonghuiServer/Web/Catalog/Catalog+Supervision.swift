import GonghuiDomain

extension UI {
    /// 工会劳动法律监督（一函两书）: supervisions of employers, their letters, answers and referrals.
    enum Supervision {
        static let title = "劳动法律监督"
        static let link = "劳动法律监督"
        static let intro = "对违反劳动法律法规的用人单位，依次发出提示函、监督意见书；用人单位逾期不答复或拒不整改的，向劳动行政部门发出监督建议书。每份文书按本工会、文种和年度编号，答复期限按节假日安排以工作日计算。"
        static let newMatter = "对用人单位开展监督"
        static let worklistTitle = "待办"
        static let worklistNone = "没有到期待办的监督事项。"
        static let listTitle = "监督事项"
        static let filterState = "状态"
        static let allStates = "全部"
        static let show = "筛选"
        static let none = "没有符合条件的监督事项。"
        static func total(_ n: String) -> String { "共 \(n) 件" }
        static let colNo = "事项编号"
        static let colEmployer = "用人单位"
        static let colOrg = "办理工会"
        static let colState = "状态"
        static let colLatest = "最近文书"
        static let colNext = "下一步"
        static let colOpened = "立项日期"
        // Next steps
        static func proposeNotAnswered(_ kind: String, _ due: String, _ late: Int) -> String { "答复期限 \(due) 已过 \(late) 天仍未答复，建议发出\(kind)" }
        static func proposeNotCorrected(_ kind: String, _ result: String) -> String { "用人单位答复“\(result)”，建议发出\(kind)" }
        static func awaitingAnswer(_ due: String, _ left: Int) -> String { "等待用人单位答复（\(due) 前，还有 \(left) 天）" }
        static func awaitingDecision(_ since: String, _ days: Int) -> String { "已于 \(since) 提请劳动行政部门处理，已 \(days) 天" }
        /// The worklist's word on a supervision, in a sentence.
        static func nextStepText(_ step: SupervisionNextStep) -> String {
            switch step {
            case .awaitingAnswer(let due, let left): awaitingAnswer(due.iso, left)
            case .awaitingDecision(let since, let days): awaitingDecision(since.iso, days)
            case .propose(let kind, .notAnswered(let due, let late)): proposeNotAnswered(kind.shortTitle, due.iso, late)
            case .propose(let kind, .notCorrected(let result)): proposeNotCorrected(kind.shortTitle, result.title)
            }
        }
        // The employer search and the form
        static let formTitle = "对用人单位开展劳动法律监督"
        static let searchLabel = "用人单位名称或统一社会信用代码"
        static let search = "查找"
        static let searchHint = "在本工会及下级工会受理的案件和监督事项中查找"
        static let noEmployer = "没有找到这个用人单位的案件或监督事项，可以直接填写下面的表格。"
        static func casesOf(_ n: Int) -> String { "案件 \(n) 件" }
        static let choose = "对该单位发文"
        static let colCase = "案件编号"
        static let colReceived = "受理日期"
        static let colWorkers = "涉及人数"
        static let colTypes = "争议类型"
        static let colClaimed = "诉求金额（元）"
        static let colCaseState = "状态"
        static let pastMatters = "以往监督："
        static let matterSeparator = "，"
        static let typeSeparator = "、"
        static let employerName = "用人单位名称"
        static let creditCode = "统一社会信用代码"
        static let caseID = "关联案件"
        static let noCase = "不关联"
        static func caseOption(_ no: String, _ received: String) -> String { "\(no)（\(received)）" }
        static let violation = "违法事实"
        static let legalBasis = "法律依据"
        static let legalBasisHint = "如《中华人民共和国劳动法》第五十条：工资应当以货币形式按月支付给劳动者本人"
        static let correction = "整改要求"
        static let laborDepartment = "劳动行政部门"
        static let laborDepartmentHint = "发出监督建议书时的受文单位，如 某区人力资源和社会保障局"
        static let firstLetter = "首份文书"
        static let issuedOn = "发文日期"
        static let submit = "立项并生成文书"
        static let badCreditCode = "统一社会信用代码应为 18 位"
        static let unknownKind = "请选择文书"
        // The matter page
        static func pageTitle(_ no: String) -> String { "劳动法律监督 \(no)" }
        static let summary = "监督事项"
        static let lettersTitle = "文书"
        static let colLetterNo = "文号"
        static let colKind = "文种"
        static let colIssued = "发文日期"
        static let colRecipient = "受文单位"
        static let colDue = "答复期限"
        static let colAnswer = "答复或处理"
        static let print = "查看打印"
        static let docx = "下载 DOCX"
        static let noAnswer = "未答复"
        static func answered(_ on: String, _ result: String?, _ late: Bool) -> String { "\(on) \(result ?? "")\(late ? "（逾期）" : "")" }
        static let relatedCase = "关联案件"
        static let decision = "劳动行政部门处理结果"
        static let closedOn = "结束日期"
        static let stepsTitle = "办理"
        static func answerTitle(_ kind: String, _ number: String) -> String { "登记用人单位书面答复（\(kind) \(number)）" }
        static let answeredOn = "答复日期"
        static let answerResult = "答复结果"
        static let answer = "答复内容摘要"
        static let answerButton = "登记答复"
        static func issueTitle(_ kind: String) -> String { "发出\(kind)" }
        static let recipient = "受文单位"
        static let recipientHint = "默认为用人单位；建议书默认为上面填写的劳动行政部门"
        static let reviseHint = "不填写则沿用监督事项中的内容"
        static let issueButton = "编号并生成文书"
        static let decideTitle = "登记劳动行政部门处理结果"
        static let decidedOn = "处理日期"
        static let decisionNote = "处理情况"
        static let decideButton = "登记处理结果"
        static let pleaseChoose = "请选择"
        static let readOnly = "当前角色只能查看劳动法律监督事项。"
        static func backTo(_ no: String) -> String { "返回 \(no)" }
        // Figures
        static let figTitle = "劳动法律监督（一函两书）"
        static func figLetters(_ kind: String, _ n: String) -> String { "发出\(kind) \(n) 份" }
        static func figCorrected(_ n: String) -> String { "用人单位整改 \(n) 件" }
        static func figReferred(_ n: String) -> String { "提请劳动行政部门 \(n) 件" }
        static func figDecision(_ d: String, _ n: String) -> String { "劳动行政部门\(d)：\(n) 件" }
    }
}
