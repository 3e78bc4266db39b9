import GonghuiDomain

/// The words of the labor-dispute pages (劳动争议调处: the worklist, intake and the case page).
extension UI {
    enum Disputes {
        // Titles and headings
        static let listTitle = "劳动争议案件"
        static let newTitle = "登记案件"
        static func caseTitle(_ caseNo: String) -> String { "案件 \(caseNo)" }
        static let clocksTitle = "期限"
        static let partiesTitle = "当事人"
        static let workersTitle = "职工"
        static let employerTitle = "用人单位"
        static let claimsTitle = "诉求"
        static let factsTitle = "事实和诉求"
        static let termsTitle = "调解协议条款"
        static let historyTitle = "办理记录"
        static let stepsTitle = "办理"

        // The worklist
        static let newCase = "登记案件"
        static let noCases = "没有符合条件的案件。"
        static let filterEmployer = "用人单位名称或信用代码"
        static let filterOrg = "办理工会代码"
        static let filterState = "办理状态"
        static let filterType = "争议类型"
        static let filterOverdue = "只看已超期"
        static let allStates = "全部状态"
        static let allTypes = "全部类型"
        static func orgNotFound(_ code: String) -> String { "没有找到工会 \(code)，或不在您的管辖范围内" }
        static let colCaseNo = "案件编号"
        static let colReceived = "登记日期"
        static let colChannel = "来源"
        static let colEmployer = "用人单位"
        static let colWorkers = "涉及人数"
        static let colTypes = "争议类型"
        static let colUnion = "办理工会"
        static let colState = "状态"
        static let colDue = "期限"
        static let collectiveTag = "集体"
        static let confidentialTag = "保密"
        static func overdueDays(_ n: Int) -> String { "已超期 \(n) 天" }
        static func daysLeft(_ n: Int) -> String { n == 0 ? "今天到期" : "还剩 \(n) 天" }
        static let noDeadline = "无"
        static let deadlineNote = "期限按日历日计算，登记（受理、申请）当日不计入：受理告知 15 日，办理 60 日（可延长一次，不超过 30 日），调解 15 日。"

        // The intake form
        static let channel = "来源渠道"
        static let kind = "诉求类别"
        static let receivedOn = "登记日期"
        static let workerName = "姓名"
        static let workerID = "身份证号"
        static let workerPhone = "联系电话"
        static let representative = "代表"
        static func workerRow(_ n: Int) -> String { "职工 \(n)" }
        static let workersHint = "集体案件请先登记代表和已知的职工，其余职工可在案件页加入。"
        static let workersInvolved = "涉及人数"
        static let workersInvolvedHint = "不少于登记的职工人数；10 人以上并有共同请求的为集体劳动争议。"
        static let employerName = "用人单位名称"
        static let employerCode = "统一社会信用代码"
        static let employerCodeHint = "填写后可自动关联其基层工会，并核对重复案件。"
        static let employerRegion = "所在地区代码"
        static let types = "争议类型"
        static let claimType = "诉求类型"
        static let claimAmount = "金额（元）"
        static let claimDescription = "诉求说明"
        static func claimRow(_ n: Int) -> String { "诉求 \(n)" }
        static let facts = "主要事实和诉求"
        static let learnedOn = "知道权利受侵害的日期"
        static let learnedOnHint = "仲裁时效从此日起算一年。"
        static let employmentEndedOn = "劳动关系终止日期"
        static let employmentEndedOnHint = "拖欠工资的，劳动关系存续期间不受时效限制，终止后一年内。"
        static let confidential = "职工要求对用人单位保密姓名（不交由用人单位工会办理）"
        static let handlingOrg = "办理工会代码"
        static let handlingOrgHint = "默认为您所在的工会；由下级工会办理时，输入其名称中的几个字或组织代码。"
        static let allowDuplicate = "确认这是另一件事，仍然单独登记"
        static let register = "登记"
        static let pleaseChoose = "请选择"

        // The case page
        static let state = "状态"
        static let outcome = "办结方式"
        static let handlingUnion = "办理工会"
        static let acceptanceDue = "受理告知期限"
        static let handlingDue = "办理期限"
        static let mediationDue = "调解期限"
        static let limitation = "仲裁时效届满"
        static let limitationNotRunning = "劳动关系存续期间不计算"
        static let limitationSoon = "时效即将届满"
        static let limitationExpired = "时效已届满"
        static let mayArbitrate = "调解期满未达成协议，当事人可以依法申请仲裁（《劳动争议调解仲裁法》第十四条）。"
        static func extended(_ days: Int, _ reason: String) -> String { "已延长 \(days) 日：\(reason)" }
        static let oral = "口头申请（已当场记录）"
        static let written = "书面申请"
        static let recovered = "追回金额"
        static let claimed = "诉求金额"
        static let namesWithheld = "本案职工要求对用人单位保密，姓名已隐去。"
        static let termDue = "履行期限"
        static let termPerformed = "已履行"
        static let termNotPerformed = "未履行"
        static func performedOn(_ date: String, _ amount: String) -> String { "\(date) 履行 \(amount) 元" }
        static let noEvents = "暂无记录。"
        static let noSteps = "案件已办结。"
        static let readOnly = "您的角色只能查看案件。"

        // Steps
        static let answer = "答复办结"
        static let reply = "答复内容"
        static let accept = "受理"
        static let refuse = "不予受理"
        static let reason = "理由"
        static let extend = "延长办理期限"
        static let extendDays = "延长天数"
        static let startMediation = "收到调解申请"
        static let appliedOn = "申请日期"
        static let oralApplication = "口头申请（当场记录申请人、事项、理由和时间）"
        static let note = "记录"
        static let recordAgreement = "记录调解协议"
        static func termRow(_ n: Int) -> String { "条款 \(n)" }
        static let termDescription = "内容"
        static let termAmount = "金额（元）"
        static let termDueOn = "履行期限"
        static let recordPerformance = "记录履行"
        static let amountReceived = "履行金额（元）"
        static let endMediation = "调解结束"
        static let resolve = "协调解决"
        static let recoveredAmount = "追回金额（元）"
        static let transfer = "转办"
        static let transferTo = "转至工会"
        static let unknownStep = "未知的办理步骤"
        static func staleCase(_ message: String) -> String { "\(message)。案件已被他人办理，请查看最新状态后重试。" }
        static let reasonRequired = "请填写理由"
        static let amountInvalid = "请填写以元为单位的金额，最多两位小数"
        static let dateInvalid = "请填写日期，如 2026-03-01"
        static let termIncomplete = "请填写条款内容、金额和履行期限"
        static let reasonSeparator = "；"
        static func closedOn(_ date: String) -> String { "（\(date)）" }
        static func employerUnion(_ code: String) -> String { "其基层工会：\(code)" }
        static func claimLine(_ type: String, _ amount: String, _ description: String) -> String {
            description.isEmpty ? "\(type)：\(amount) 元" : "\(type)：\(amount) 元（\(description)）"
        }
        static func workersHeading(_ n: String) -> String { "职工（涉及 \(n) 人）" }
        static func termOption(_ n: Int, _ text: String, _ amount: String, _ due: String) -> String { "条款 \(n)：\(text)（\(amount) 元，\(due) 前）" }
        static let termToRecord = "条款"
        static let finalAward = "可一裁终局"
        static let typesSeparator = "、"

        // The figures page (维权统计)
        static func figuresTitle(_ org: String) -> String { "\(org) 劳动争议调处统计" }
        static let figuresLink = "统计"
        static let figuresLevels = "组织层级"
        static let figuresFrom = "受理日期自"
        static let figuresTo = "至"
        static let figuresShow = "查看"
        static let figuresBadDate = "日期格式应为 YYYY-MM-DD"
        static let figuresFromAfterTo = "开始日期不能晚于结束日期"
        static let figuresSummary = "本期概况"
        static let figuresExcelNextLevel = "下载 Excel（本级及下一级）"
        static let figuresExcelAll = "下载 Excel（全部下级）"
        static let figuresWorklist = "查看案件"
        static let figuresByChannel = "按来源渠道"
        static let figuresByKind = "按诉求类别"
        static let figuresByType = "按争议类型（一案多类分别计入）"
        static let figuresChildren = "下级工会"
        static let figuresNoChildren = "没有下级工会，下表只有本级合计。"
        static let figuresNote = "口径：期内受理的案件，按当前的办理工会归属统计；按期办结指在办理期限内办结（导入的历史案件按受理后 60 日计）；调解指经调解程序的案件（达成协议、未达成协议、撤回、转仲裁）。"
        static let figReceived = "受理案件"
        static func figCollective(_ n: String) -> String { "其中集体案件 \(n)" }
        static let figWorkers = "涉及职工"
        static let figClosed = "办结"
        static func figOnTime(_ n: String) -> String { "按期办结 \(n)" }
        static let figOnTimeRate = "按期办结率"
        static let figMediations = "调解"
        static func figAgreed(_ n: String) -> String { "达成协议 \(n)" }
        static let figAgreementRate = "调解成功率"
        static let figClaimed = "涉及金额"
        static let figRecovered = "追回金额"
        static let figCategory = "类别"
        static let figSatisfaction = "满意度（平均分，满分 5）"
        static func figRated(_ n: String) -> String { "\(n) 件已评价" }
        static let colUnionName = "工会"
        /// The report's headings with the amounts in yuan, as the page shows them.
        static var figTableColumns: [String] { DisputeFigures.columns.map { $0.title.replacingOccurrences(of: "（分）", with: "（元）") } }
        static func figTotal(_ org: String) -> String { "\(org)（合计）" }
        // The dashboard's card
        static let dashboardTitle = "劳动争议调处"
        static let dashboardOpen = "在办案件"
        static let dashboardOverdue = "已超期案件"
        static func dashboardYear(_ received: String, recovered: String) -> String { "本年受理 \(received) 件，为职工追回 \(recovered) 元" }

        // Mediation: particulars, sessions, documents
        static let mediationTitle = "调解"
        static let mediator = "调解员"
        static let oralNoteHint = "口头申请的，请当场记录申请人、申请调解的事项、理由和时间（《劳动争议调解仲裁法》第十二条）"
        static let particularsLegend = "调解文书事项"
        static let employerRepresentative = "用人单位法定代表人"
        static let employerAgent = "用人单位委托代理人"
        static let workerAgent = "职工委托代理人"
        static let paymentMethod = "支付方式"
        static let paymentMethodHint = "如：转账至职工本人银行账户"
        static let claimsWaived = "履行后放弃的其他请求"
        static let claimsWaivedHint = "不填时，协议书写明“甲方不再就本次争议向乙方提出其他请求”"
        static let agreementNo = "协议书编号"
        static let sessionsTitle = "调解过程"
        static let noSessions = "还没有调解过程记录。"
        static let recordSession = "记录调解过程"
        static let heldOn = "调解日期"
        static let place = "地点"
        static let attendees = "参加人员"
        static let sessionNotes = "调解情况"
        static let editParticulars = "填写或更正文书事项"
        static let saveParticulars = "保存文书事项"
        static let documentsTitle = "文书"
        static let printPage = "打印页"
        static let papersTitle = "材料"
        static let identityPendingTag = "身份待核实"
        static let arbTitle = "劳动争议仲裁"
        static let arbNone = "调解结束后当事人申请了仲裁：请记录仲裁情况，平台会计算仲裁委员会的受理和裁决期限。"
        static let arbCommission = "仲裁委员会"
        static let arbAppliedOn = "申请仲裁日期"
        static let arbAcceptedOn = "受理日期"
        static let arbAcceptanceDue = "受理期限（5 日）"
        static let arbAwardDue = "裁决期限（45 日）"
        static let arbAwardedOn = "裁决日期"
        static let arbResult = "裁决结果"
        static let arbExtended = "经批准延期（不超过 15 日）"
        static let arbSave = "保存仲裁情况"
        static func dueWithDays(_ date: String, _ days: Int) -> String { days < 0 ? "\(date)（已超期 \(-days) 天）" : "\(date)（还剩 \(days) 天）" }
        static let confirmIdentity = "已当面核实申请人身份"
        static let noPapers = "还没有材料。"
        static let paperKind = "材料类别"
        static let paperFile = "文件（PDF、JPEG 或 PNG，不超过 10 MB）"
        static let paperFileOptional = "证明材料（选填；PDF、JPEG 或 PNG，不超过 10 MB，提交后还可以补充）"
        static let paperUpload = "上传"
        static let paperMissing = "请选择材料类别和要上传的文件"
        static func paperMeta(_ kib: String, _ who: String, _ when: String) -> String { "\(kib) KB · \(who) · \(when)" }
        static func attendeesLine(_ who: String) -> String { "参加人员：\(who)" }
        static func unavailableNote(_ reason: String) -> String { "（\(reason)）" }
        static func documentLabel(_ title: String) -> String { "\(title)：" }
        static let downloadDocx = "下载 Word 文档"
        static func backToCase(_ no: String) -> String { "返回案件 \(no)" }
        static let printHint = "使用浏览器的“打印”即可打印本文书（打印时不含页面导航）；需要修改格式时请下载 Word 文档。"
    }
}
