import GonghuiDomain

extension UI {
    /// 互助理赔: the claim form, the worklist, a claim's page and the round's claims.
    enum MutualAidClaims {
        static let title = "互助理赔"
        static func paperName(_ kind: String, _ name: String) -> String { "\(kind)：\(name)" }
        static func person(_ name: String, _ id: String) -> String { "\(name)（\(id)）" }
        static func benefitOption(_ title: String, _ event: String) -> String { "\(title)（\(event)）" }
        static let pleaseChoose = "请选择"
        static let chooseBenefit = "请选择给付项目"
        static let chooseGrade = "请选择伤残等级"
        static func grade(_ n: Int) -> String { "\(n) 级" }
        static let idNumber = "会员身份证号"
        static let idNumberHint = "本单位已参加本轮互助的会员"
        static let memberNotFound = "在您的管辖范围内没有这个身份证号的会员"
        static let benefit = "给付项目"
        static let eventOn = "事发日期"
        static let eventOnHint = "住院填入院日期；重大疾病填确诊日期；意外或身故填事发日期"
        static let stayLegend = "住院（申请住院医疗互助金时填写）"
        static let dischargedOn = "出院日期"
        static let totalCost = "住院总费用（元）"
        static let insurancePaid = "医保统筹支付（元）"
        static let insuranceHint = "医保结算单上基本医疗保险统筹基金支付的部分"
        static let otherLegend = "重大疾病或意外伤残（相应项目填写）"
        static let diagnosis = "确诊病种"
        static let disabilityGrade = "伤残等级"
        static let accountLegend = "收款账户"
        static let accountHint = "互助金只转入会员本人名下的银行账户，户名为会员的登记姓名。"
        static let bankName = "开户银行"
        static let bankAccount = "银行账号"
        static let papersLegend = "理赔材料"
        static let papersHint = "PDF 或图片（JPG、PNG），每份不超过 10 MB；至少上传一份。"
        static func newIntro(_ days: Int) -> String { "为本单位参保会员登记理赔申请。出院（或事发）后 \(days) 天内申请；提交后系统按本轮条款测算金额，由县级工会审核。" }
        static func newTitle(_ plan: String, _ round: String) -> String { "登记理赔申请 · \(plan) \(round)" }
        static let file = "提交理赔申请"
        static let awaitingTitle = "待我处理"
        static let nothingAwaiting = "没有等待您审核或审批的理赔申请。"
        static let allTitle = "全部理赔"
        static let allStates = "全部"
        static let filterLabel = "按状态筛选"
        static let noClaims = "还没有理赔申请。"
        static let colNo = "编号"
        static let colMember = "会员"
        static let colUnit = "单位"
        static let colBenefit = "项目"
        static let colEvent = "事件"
        static let colAmount = "金额（元）"
        static let colState = "状态"
        static let colFiled = "申请日期"
        static let colCount = "笔数"
        static func stayLine(_ from: String, _ to: String, _ total: String, _ insurance: String) -> String {
            "住院 \(from) 至 \(to)，总费用 \(total) 元，医保统筹支付 \(insurance) 元"
        }
        static func illnessLine(_ on: String, _ diagnosis: String) -> String { "\(on) 确诊\(diagnosis)" }
        static func disabilityLine(_ on: String, _ grade: Int) -> String { "\(on) 意外受伤，鉴定为 \(grade) 级伤残" }
        static func deathLine(_ kind: String, _ on: String) -> String { "\(on) \(kind)" }
        static func claimTitle(_ no: String, _ name: String) -> String { "理赔 \(no) · \(name)" }
        static let factsTitle = "申请"
        static let member = "会员"
        static let unit = "参保单位"
        static let round = "计划与轮次"
        static let event = "事件"
        static let filed = "申请"
        static func filedLine(_ on: String, _ by: String) -> String { "\(on)（\(by)）" }
        static let byWorker = "职工在线申请"
        static let account = "收款账户"
        static let reviewedBy = "审核人"
        static let decidedBy = "决定"
        static let reason = "不予给付的理由"
        static let paidOn = "发放"
        static func paidLine(_ on: String, _ days: Int) -> String { "\(on)（申请后 \(days) 天）" }
        static let failure = "发放失败原因"
        static let arithmeticTitle = "核定金额及计算过程"
        static let papersTitle = "理赔材料"
        static let noPapers = "没有材料。"
        static func paperLine(_ kb: Int, _ by: String) -> String { "\(kb) KB，\(by)上传" }
        static let reviewTitle = "审核"
        static let reviewHint = "核对材料与事件。通过时按本轮条款重新核定金额；超过审批限额的报计划所属工会审批。不予给付须写明理由，职工可以看到。"
        static let ownerTitle = "计划所属工会审批"
        static func ownerHint(_ amount: String) -> String { "审核核定 \(amount) 元，超过本轮的审批限额，需由计划所属工会批准。" }
        static let reasonLabel = "理由"
        static let reasonHint = "不予给付时必填"
        static func approve(_ amount: String) -> String { "批准给付 \(amount) 元" }
        static let refuse = "不予给付"
        static let requeueHint = "银行退回了这笔互助金。核实账户后可退回待发放，编入下一个发放批次。"
        static let requeue = "退回待发放"
        static let roundClaimsTitle = "理赔"
        static let fileLink = "登记理赔申请"
        static let allLink = "查看理赔"
        static func makeBatch(_ n: Int) -> String { "为 \(n) 笔待发放理赔生成发放批次" }
        static let batchesTitle = "发放批次"
        static func batchLine(_ n: Int, _ total: String, _ state: String) -> String { "\(n) 笔，\(total) 元（\(state)）" }
    }
}
