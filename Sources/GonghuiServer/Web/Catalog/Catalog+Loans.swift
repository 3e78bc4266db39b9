import GonghuiDomain

extension UI {
    /// 小额担保贷款 in the console.
    enum Loans {
        static let title = "小额担保贷款"
        static let link = "小额担保贷款"
        static let intro = "工会会员小额担保贷款：借款人须为城镇登记失业人员、就业困难人员或在档困难职工（及其配偶、子女），项目合法并连续正常经营一年以上；工会评估可行后由县级工会审批担保，占用本县担保额度，随本金归还释放。"
        static let quotaTitle = "本县担保额度"
        static func quotaUsed(_ county: String) -> String { "\(county)已占用担保额度（元）" }
        static func quotaLeft(_ total: String) -> String { "尚余额度（元；上限 \(total)）" }
        static let newLink = "登记贷款申请"
        static let filterLabel = "按状态筛选"
        static let all = "全部"
        static let none = "还没有贷款。"
        static let colNo = "编号"
        static let colName = "借款人"
        static let colProject = "项目"
        static let colAmount = "申请金额（元）"
        static let colOutstanding = "尚欠本金（元）"
        static let colState = "状态"
        static let choose = "请选择"
        static let idNumber = "借款人身份证号"
        static let idNumberHint = "本级及下级工会的在会会员"
        static let memberNotFound = "在您的管辖范围内没有这个身份证号的会员"
        static let wholeNumber = "请填写整数"
        static let amount = "贷款金额（元）"
        static let amountHint = "高校毕业生最高 10 万元，妇女 8 万元，其他人员 5 万元（以本省现行规定为准）"
        static let guarantorID = "担保人身份证号"
        static let guarantorAmount = "担保金额"
        static let newTitle = "登记贷款申请"
        static let newIntro = "为会员登记创业小额担保贷款申请。提交时按本省现行规定检查贷款对象、额度和项目经营年限，每人只能有一笔未结清的贷款。"
        static let borrower = "借款人"
        static func borrowerLine(_ name: String, _ basis: String) -> String { "\(name)（\(basis)）" }
        static let basis = "贷款对象类别"
        static let graduate = "高校毕业生"
        static let partnershipNo = "合伙经营编号（可选）"
        static let partnershipHint = "合伙经营或组织起来就业的，同一合伙填写相同编号，总额受上限约束"
        static let project = "创业项目"
        static let projectKind = "项目类别"
        static let projectName = "项目名称"
        static let operatingSince = "开始经营日期"
        static let operatingHint = "项目须连续正常经营一年以上"
        static let jobs = "带动就业人数"
        static let guarantor = "担保人"
        static let gName = "担保人姓名"
        static let gIDNumber = "担保人身份证号"
        static let gEmployer = "工作单位"
        static let gRelation = "与借款人关系"
        static let gAmount = "担保金额（元）"
        static let submit = "提交申请"
        static func loanTitle(_ no: String, _ name: String) -> String { "贷款 \(no) · \(name)" }
        static let factsTitle = "贷款"
        static let memberLink = "借款人会员档案"
        static let unit = "所在工会"
        static let approvedAmount = "批准担保（元）"
        static let lent = "放款"
        static func lentLine(_ amount: String, _ on: String) -> String { "\(amount) 元（\(on)）" }
        static let outstanding = "尚欠本金（元）"
        static let officer = "跟踪责任人"
        static let reason = "不予担保的理由"
        static let overdue = "逾期"
        static func overdueLine(_ days: Int, _ bucket: String) -> String { "已逾期 \(days) 天（\(bucket)）" }
        static let notOverdue = "未逾期"
        static func guarantorLine(_ name: String, _ id: String, _ employer: String, _ relation: String, _ amount: String) -> String {
            "\(name)（\(id)），\(employer)，\(relation.isEmpty ? "—" : relation)，担保 \(amount) 元"
        }
        static let assessment = "可行性评估"
        static func conclusion(_ feasible: Bool, _ officer: String, _ note: String) -> String {
            (feasible ? "结论：可行" : "结论：不可行") + "（评估：\(officer)）" + (note.isEmpty ? "" : "。\(note)")
        }
        static let assessTitle = "信用查询与可行性评估"
        static let badCredit = "银行查询有不良信用记录"
        static let checklist = "评估清单"
        static let feasible = "评估结论"
        static let yes = "可行"
        static let no = "不可行"
        static let note = "评估意见"
        static let noteHint = "评估为不可行时必填，记入档案"
        static let officerHint = "贷后负责跟踪项目和资金使用的工会干部"
        static let assessButton = "提交评估"
        static let approveTitle = "县级工会审批"
        static func approveHint(_ amount: String) -> String { "批准后出具担保，占用本县担保额度 \(amount) 元；登记或评估本笔贷款的人员不能批准。" }
        static let approveButton = "批准担保"
        static let lendTitle = "登记银行放款"
        static let lentAmount = "放款金额（元）"
        static let lentOn = "放款日期"
        static let bank = "放款银行"
        static let rate = "年利率（%）"
        static let months = "期限（月）"
        static let subsidy = "财政贴息比例（%）"
        static let subsidyHint = "政府负担的利息比例，全额贴息填 100"
        static let method = "还款方式"
        static let lendButton = "登记放款并生成还款计划"
        static let repayTitle = "登记还款"
        static let paidOn = "还款日期"
        static let principal = "本金（元）"
        static let interest = "利息（元）"
        static let reference = "银行流水号"
        static let repayButton = "登记还款"
        static let scheduleTitle = "还款计划"
        static let colSeq = "期"
        static let colDue = "应还日期"
        static let colSubsidy = "贴息（元）"
        static let colPays = "借款人应还（元）"
        static let repaymentsTitle = "已登记的还款"
        static func repaymentLine(_ r: LoanRepayment) -> String {
            "\(r.paidOn.iso) \(r.source == .guarantor ? "担保人\(r.payer ?? "")代偿" : "还款")本金 \(r.principal.groupedYuan) 元、利息 \(r.interest.groupedYuan) 元（流水号 \(r.reference)）"
        }
        // Follow-up
        static let visitsTitle = "跟踪回访"
        static let noVisits = "还没有回访记录。"
        static func visitLine(_ v: LoanVisit) -> String { "\(v.visitedOn.iso) \(v.officer)：\(v.note)" }
        static let visitOn = "回访日期"
        static let visitOfficer = "回访人"
        static let visitNote = "回访情况"
        static let visitHint = "项目经营、资金使用、还款意愿等；回访人同时记为本笔贷款的跟踪责任人"
        static let visitButton = "登记回访"
        static let recoverTitle = "担保人代偿"
        static let recoverHint = "借款人未能按期还款，由担保人代为归还的，在此登记；核销后向担保人追回的款项也在此登记。"
        static let guarantorPick = "代偿的担保人"
        static let recoverButton = "登记代偿"
        static let writeOffTitle = "代偿核销"
        static func writeOffHint(_ days: Int) -> String { "逾期达到本省规定天数、担保基金已向银行代偿的，核销本笔贷款：尚欠本金记为担保基金损失，释放本县担保额度，还款计划和还款记录保留。当前逾期 \(days) 天。" }
        static let writtenOffOn = "核销日期"
        static let writeOffReason = "核销理由"
        static let writeOffReasonHint = "写明催收经过和担保基金代偿情况"
        static let writeOffButton = "核销"
        static let writtenOff = "核销"
        static func writtenOffLine(_ amount: String, _ on: String, _ reason: String) -> String { "\(on) 担保基金代偿 \(amount) 元后核销：\(reason)" }
        static let recovered = "已向担保人追回（元）"
        static let jobsCreated = "带动就业（人）"
        // The bank's repayment file
        static let fileLink = "导入银行还款明细"
        static let fileTitle = "导入银行还款明细"
        static let fileIntro = "上传银行的还款明细（CSV 或 Excel，UTF-8 或 GBK）。表头：贷款编号、还款日期、还款本金、还款利息、流水号，可有借款人姓名。全部行都正确才登记，有错误时逐行列出、不登记任何一笔。"
        static let fileField = "还款明细文件"
        static let fileButton = "导入"
        static func fileDone(_ n: Int, _ principal: String, _ interest: String, _ closed: Int) -> String {
            "已登记 \(n) 笔还款：本金 \(principal) 元，利息 \(interest) 元；结清 \(closed) 笔。"
        }
        static func fileRefused(_ n: Int) -> String { "还款明细有 \(n) 处错误，未登记任何一笔：" }
        static let fileMissing = "请选择文件"
        // Figures
        static let figuresLink = "贷款统计"
        static func figuresTitle(_ org: String, _ year: Int) -> String { "\(org) \(year) 年小额担保贷款统计" }
        static func figuresIntro(_ asOf: String) -> String { "本年发放按放款日期计；在保余额、逾期按 \(asOf) 的还款计划和已还款计算；额度为下辖各县当前占用。" }
        static let year = "年度"
        static let org = "组织代码"
        static let show = "查看"
        static let colOrg = "单位"
        static let colGranted = "本年发放（笔）"
        static let colGrantedAmount = "本年发放金额（元）"
        static let colPeople = "扶持创业（人）"
        static let colJobs = "带动就业（人）"
        static let colOutstandingLoans = "在保（笔）"
        static let colOutstandingAmount = "在保余额（元）"
        static let colOverdueRate = "逾期率"
        static let colWrittenOff = "核销（元）"
        static let colQuota = "额度使用（元）"
        static func quotaCell(_ used: String, _ total: String) -> String { "\(used) / \(total)" }
        static let bucketsTitle = "逾期分布"
        static let colBucket = "逾期天数"
        static let colLoans = "笔数"
        static let colPrincipal = "尚欠本金（元）"
        static let download = "下载"
        static let exposureTitle = "担保基金风险敞口"
        static let exposureHint = "在保余额为担保基金承担的全部风险；其中逾期部分按天数分布。"
        static let total = "合计"
        static func childrenWithout(_ n: Int) -> String { "另有 \(n) 个下级单位没有贷款，未列出。" }
        static let rateError = "请填写如 4.35 的百分比"
        static let subsidyMissing = "请填写贴息比例"
    }
}
