import GonghuiDomain

extension UI {
    /// 职工医疗互助: plans, rounds, enrollment and contributions.
    enum MutualAid {
        static let title = "职工医疗互助"
        static let idList = "参保名单（可选）"
        static let idListHint = "每行一个身份证号，只为名单上的会员参保；不填则为该单位全部在会会员参保。名单较长时请用“导入参保名单”命令。"
        static func listLine(_ n: Int, _ value: String, _ reason: String) -> String { "第 \(n) 行 \(value)：\(reason)" }
        static let link = "职工医疗互助"
        static let intro = "“有病人帮我、无病我帮人”。互助计划由省或市总工会设立、分轮次运行，县级工会组织本地区单位参保；单位为会员参保并缴纳互助金，互助金到账且过了等待期后保障开始。"
        static let plansTitle = "互助计划"
        static let noPlans = "还没有可参加的互助计划。"
        static let colCode = "代码"
        static let colPlan = "计划"
        static let colKind = "类别"
        static let colOwner = "设立工会"
        static let colRounds = "轮次"
        static let colRound = "轮次"
        static let colPeriod = "保障期间"
        static let colWindow = "参保时间"
        static let colContribution = "每人互助金（元）"
        static func period(_ from: String, _ to: String) -> String { "\(from) 至 \(to)" }
        static let noRounds = "还没有轮次"
        static let newPlanTitle = "设立互助计划"
        static let code = "计划代码"
        static let codeHint = "字母、数字或连字符，如 WH-ZY"
        static let name = "计划名称"
        static let kind = "类别"
        static let pleaseChoose = "请选择"
        static let createPlan = "设立"
        static let newRoundTitle = "设置新轮次"
        static let plan = "计划"
        static let roundName = "轮次名称"
        static let startsOn = "保障开始"
        static let endsOn = "保障结束"
        static let opens = "参保开始"
        static let closes = "参保截止"
        static let contribution = "每人互助金（元）"
        static let waitingDays = "新参保等待期（天）"
        static let claimLimitDays = "申请时效（出院后天数）"
        static let ownerApproval = "超过此金额由计划所属工会审批（元）"
        static let source = "条款依据（文件及文号）"
        static let benefitsHint = "给付项目沿用本计划上一轮的；第一轮采用常见的五项（住院、重大疾病、意外身故、意外伤残、疾病身故）。"
        static let addRound = "设置轮次"
        static let wholeDays = "请填写天数（整数）"
        static func yearRound(_ year: Int) -> String { "\(year) 年度" }
        static func listedDiagnoses(_ event: String, _ n: Int) -> String { "\(event)（列明 \(n) 种）" }
        static func datesLine(_ cover: String, _ window: String) -> String { "保障期间 \(cover)；参保时间 \(window)" }
        static let ownerOnly = "互助计划和轮次由省或市总工会设置；县级工会和单位在这里办理参保。"
        // The round page
        static func roundTitle(_ plan: String, _ round: String) -> String { "\(plan) · \(round)" }
        static let termsTitle = "本轮条款"
        static let colBenefit = "给付项目"
        static let colEvent = "事件"
        static let colRule = "给付标准"
        static let colCap = "每人每轮限额（元）"
        static let colCapShort = "每轮限额"
        static func fixedRule(_ amount: String) -> String { "定额 \(amount) 元" }
        static func gradeRule(_ amount: String) -> String { "\(amount) 元 × 伤残等级比例（1 级 100% 至 10 级 10%）" }
        static func shareRule(_ percent: String, _ deductible: String, _ cap: String) -> String { "个人负担超过 \(deductible) 元部分的 \(percent)，每次最多 \(cap) 元" }
        static func termsLine(_ contribution: String, _ waiting: Int, _ limit: Int, _ approval: String) -> String {
            "每人 \(contribution) 元；新参保等待期 \(waiting) 天；出院（事发）后 \(limit) 天内申请；超过 \(approval) 元由计划所属工会审批。"
        }
        static func sourceLine(_ s: String) -> String { "依据：\(s)" }
        static let unitsTitle = "各单位参保情况"
        static let noUnits = "还没有单位参保。"
        static let colUnit = "单位工会"
        static let colEnrolled = "参保人数"
        static let colPaid = "已到账人数"
        static let colDue = "待缴（元）"
        static let colReceived = "已到账（元）"
        static let total = "合计"
        static let enrollTitle = "为单位会员参保"
        static let enrollHint = "单位工会代码，如 HB0101G0001。"
        static let unitCode = "单位工会代码"
        static let enroll = "参保"
        static let paymentTitle = "登记互助金到账"
        static let amount = "到账金额（元）"
        static let receivedOn = "到账日期"
        static let receiptNo = "收据编号"
        static let recordPayment = "登记到账"
        static let readOnly = "当前角色只能查看互助参保情况。"
        static func enrolled(_ n: Int) -> String { "已为 \(n) 名会员参保。" }
    }
}
