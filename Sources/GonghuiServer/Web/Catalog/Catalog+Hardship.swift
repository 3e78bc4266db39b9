/// The words of the hardship pages (困难职工档案 and the 低保 table).
extension UI {
    enum Hardship {
        // Titles and headings
        static let listTitle = "困难职工档案"
        static let linesTitle = "低保标准"
        static let buildTitle = "建立困难职工档案"
        static func reviseTitle(_ name: String) -> String { "修改困难职工档案：\(name)" }
        static func archiveTitle(_ name: String) -> String { "困难职工档案：\(name)" }
        static let breadcrumbs = "位置"
        static let stepsTitle = "办理"
        static let basicTitle = "基本信息"
        static let categoryTitle = "困难类别"
        static let arithmeticTitle = "计算过程"
        static let familyFactsTitle = "家庭情况"
        static let familyTitle = "家庭成员"
        static let papersTitle = "档案材料"
        static let historyTitle = "办理记录"

        // Separators and small pieces
        static let listSeparator = "、"
        static let reasonSeparator = "；"
        static func parenthesized(_ text: String) -> String { "（\(text)）" }
        static func yuan(_ amount: String) -> String { "\(amount) 元" }
        static func persons(_ n: Int) -> String { "\(n) 人" }
        static func bytes(_ n: Int) -> String { "\(n) 字节" }
        static let pleaseChoose = "请选择"
        static let noneChoice = "无"

        // The worklist
        static let tabAll = "全部"
        static let tabDue = "待年度复核"
        static let newArchive = "新建档案"
        static let allCategories = "全部类别"
        static let allCauses = "全部原因"
        static let filterName = "姓名（从姓氏开始输入）"
        static let filterOrg = "所属组织代码（含下级）"
        static let filterCause = "致困原因（主要或次要）"
        static let filterOverdue = "只看已逾期"
        static func deadlineNote(_ days: Int) -> String {
            "建档须在申请后 \(days) 天内完成；在档档案每年至少复核一次。逾期的档案以红色标出并注明“已逾期”。"
        }
        static let noArchives = "没有符合条件的困难职工档案。"
        static func orgNotFound(_ code: String) -> String { "组织代码 \(code) 不存在或不在您的管辖范围内" }
        static func lateCount(_ n: Int) -> String { "（逾期 \(n)）" }
        static let colArchiveNo = "档案编号"
        static let colName = "姓名"
        static let colIDNumber = "证件号"
        static let colUnion = "所属工会"
        static let colCategory = "类别"
        static let colMainCause = "主要致困原因"
        static let colStage = "阶段"
        static let colDue = "期限"
        static let manualCategory = "人工认定"
        static let categoryNoneShort = "不符合"
        static let returnedTag = "被退回"

        // Deadlines
        static let building = "建档"
        static let reverification = "年度复核"
        static func noticeUntil(_ date: String) -> String { "公示至 \(date)" }
        static func overdueDays(_ n: Int) -> String { "已逾期 \(n) 天" }
        static func dueInDays(_ n: Int) -> String { "\(n) 天后到期" }
        static func overdueDeadline(_ what: String, _ date: String) -> String { "：\(what)期限为 \(date)。" }

        // The archive page: notices and steps
        static let returnedTitle = "档案被退回"
        static let returnedReasonLabel = "退回原因："
        static let returnedAdvice = "请按意见重新入户核实、修改后再次提交公示。"
        static func closedNote(on date: String, reason: String, note: String?) -> String {
            "已于 \(date) 销档，原因：\(reason)\(note.map { "；\($0)" } ?? "")"
        }
        static func currentStage(_ tag: HTML, _ waitingFor: String) -> HTML { "当前阶段：\(tag)　\(waitingFor)。" }
        static let notYours = "当前环节不由您办理。"
        static let waitingBuilding = "建档工会入户核实、填写档案后提交公示"
        static let waitingNotice = "公示期满后由建档工会结束公示，报上级工会复核；公示期间异议成立的，由建档工会退回重新核实"
        static let waitingRecheck = "建档工会的上级工会复核"
        static let waitingApproval = "县级以上工会帮扶中心审批"
        static let waitingFiled = "建档工会每年至少复核一次；家庭情况变化时修改档案，类别随之调整"
        static let waitingClosed = "档案已销档，不再办理"
        static let submitButton = "提交公示"
        static func noticeDaysHint(_ n: Int) -> String { "公示 \(n) 天" }
        static let editButton = "修改"
        static let endNoticeButton = "结束公示"
        static func noticePeriodUntil(_ date: String) -> String { "公示期至 \(date)" }
        static let recheckButton = "复核通过"
        static let approveButton = "审批建档"
        static func reverifyBy(_ date: String) -> String { "复核期限 \(date)" }
        static let sendBackReasonLabel = "退回原因"
        static let sendBackReasonHint = "退回建档工会重新入户核实、修改，原因会显示给建档工会"
        static let sendBackButton = "退回"
        static let closeSummary = "销档"
        static let closingReasonLabel = "销档原因"
        static let closingNoteLabel = "说明"
        static let closeButton = "确认销档"

        // The archive page: facts
        static let memberLabel = "会员"
        static let viewMember = "查看会员信息"
        static let nonMember = "非会员（失业或灵活就业人员）"
        static let idNumberLabel = "身份证号"
        static let phoneLabel = "手机号"
        static let appliedOnLabel = "申请日期"
        static let builtBy = "建档人"
        static let bankNameLabel = "开户行"
        static let bankAccountLabel = "银行账号"
        static let categoryNone = "不符合认定条件"
        static let migrantSuffix = "（困难农民工）"
        static func overrideNote(category: String, computed: String, reason: String) -> HTML {
            "认定为<strong>\(category)</strong>，计算结果为\(computed)。理由：\(reason)"
        }
        static func appliedLine(_ region: String, from date: String, monthly: String) -> String {
            "适用的低保标准：\(region)，\(date) 起执行，每人每月 \(monthly) 元。"
        }
        static let familyRegion = "家庭所在地区"
        static let householdSize = "家庭人口"
        static let annualIncome = "家庭年可支配收入"
        static let rigidExpenses = "刚性支出（年）"
        static let suddenCosts = "突发支出（年）"
        static let ownMonthlyIncome = "本人月收入"
        static let perCapitaMonthly = "家庭人均月收入"
        static let secondaryCause = "次要致困原因"
        static let healthLabel = "健康状况"
        static let disabilityLabel = "残疾等级"
        static let housingLabel = "住房状况"
        static let maritalLabel = "婚姻状况"
        static let singleParent = "单亲家庭"
        static let registrationLabel = "户籍类型"
        static let insuranceLabel = "医疗保险"
        static let canSelfHelp = "有一定自救能力"
        static let zeroEmployment = "零就业家庭"
        static let migrantWorker = "农民工"
        static let livesInCity = "长期在城镇居住"
        static let laborRelationSince = "劳动关系起始日期"
        static let noteLabel = "备注"
        static let relationLabel = "与本人关系"
        static let monthlyIncomeLabel = "月收入（元）"
        static let colSchoolOrWork = "就学或就业"
        static let noFamily = "未登记家庭成员（本人独居）。"

        // The archive page: papers and history
        static let colFile = "文件"
        static let colSize = "大小"
        static let colUploaded = "上传"
        static func uploadedByAt(_ who: String, _ time: String) -> String { "\(who)，\(time)" }
        static let noPapers = "尚未上传材料。帮扶申请书、家庭经济状况核对授权委托书须本人签字后扫描上传。"
        static let paperKindLabel = "材料类别"
        static let uploadHint = "PDF、JPEG 或 PNG，不超过 10 MB；签字的申请书、授权委托书请扫描后上传"
        static let uploadButton = "上传"
        static func handledBy(_ who: String, at time: String) -> String { "经办：\(who)，记录于 \(time)" }
        static func eventTitle(_ kind: String) -> String {
            switch kind {
            case "built": "申请建档"
            case "revised": "修改档案"
            case "recategorized": "调整类别"
            case "notice_started": "提交公示"
            case "notice_ended": "结束公示"
            case "rechecked": "上级复核通过"
            case "approved": "审批建档"
            case "sent_back": "退回"
            case "reverified": "年度复核"
            case "closed": "销档"
            case "attachment": "上传材料"
            default: kind
            }
        }

        // The archive form
        static func openArchiveNotice(_ name: String, _ idNumberMasked: String, link: HTML, stage: String) -> HTML {
            "\(name)（\(idNumberMasked)）的家庭已有未销档的困难职工档案 \(link)（\(stage)）。一户只建一档，请在该档案中修改或办理。"
        }
        static let backToMember = "返回会员页"
        static let applicantLegend = "申请人"
        static func revisingApplicant(_ name: String, _ idNumberMasked: String, org: String, archiveNo: String, appliedOn: String) -> String {
            "\(name)（\(idNumberMasked)），\(org)；档案编号 \(archiveNo)，申请日期 \(appliedOn)。"
        }
        static let filedRevisionNote = "档案在档期间修改，类别按今天执行的低保标准重新计算（动态管理）。"
        static func memberApplicant(_ link: HTML, _ idNumberMasked: String, org: String) -> HTML {
            "会员 \(link)（\(idNumberMasked)），\(org)。档案由会员所在工会持有。"
        }
        static let appliedOnHint = "须在申请后 5 天内完成入户核实和建档"
        static let nonMemberIntro = "为会员建档，请在会员页点击“建立困难职工档案”。以下为失业或灵活就业、由街道（社区）工会建档的非会员职工。"
        static let idNumberHint = "18 位居民身份证号码"
        static let orgCodeLabel = "建档工会"
        static let orgCodeHint = "街道、社区工会或联合会：输入名称中的几个字或组织代码"
        static let financesLegend = "家庭收支（按年计算）"
        static let familyRegionCode = "家庭所在地区"
        static let familyRegionCodeHint = "家庭所在区县，决定适用的低保标准（区县的，无则市的，再无则省的）"
        static let annualIncomeYuan = "家庭年可支配收入（元）"
        static let rigidExpensesYuan = "刚性支出（元/年）"
        static let rigidExpensesHint = "医疗、教育等必需支出"
        static let householdSizePersons = "家庭人口（人）"
        static let householdSizeHint = "含本人"
        static let suddenCostsYuan = "突发支出（元/年）"
        static let suddenCostsHint = "灾害、事故、疫情等当年的突发支出；没有可不填"
        static let ownMonthlyIncomeYuan = "本人月收入（元）"
        static let causesLegend = "致困原因"
        static let secondaryCausesLegend = "次要致困原因（最多 3 项）"
        static let circumstancesLegend = "本人及家庭状况"
        static let majorIllnessLabel = "大病名称"
        static let majorIllnessHint = "健康状况为“患大病”时必选"
        static let laborRelationSinceLabel = "与用人单位建立劳动关系的日期"
        static let laborRelationSinceHint = "农民工须填写：劳动关系满 1 年的可认定为困难农民工"
        static let bankLegend = "本人银行账户（帮扶资金实名发放，不发现金）"
        static func keepIfEmpty(_ masked: String) -> String { "现为 \(masked)；留空则保持不变" }
        static let bankAccountHint = "12 至 30 位数字"
        static let familyLegend = "家庭成员（不含本人）"
        static let familyHint = "空行不保存。家庭人口应不少于本人加登记的家庭成员。"
        static func familyMemberLegend(_ n: Int) -> String { "家庭成员 \(n)" }
        static let schoolOrWorkLabel = "就学或就业情况"
        static let overrideLegend = "类别认定"
        static let overrideHint = "类别按家庭收支和当地低保标准自动计算，保存后在档案页显示计算过程。只有实际情况与计算结果不同时才选择认定类别，并须填写理由。"
        static let byComputation = "按计算结果"
        static let overrideCategoryLabel = "认定类别"
        static let overrideReasonLabel = "认定理由"

        // The archive form: problems
        static let mayNotBuild = "当前角色无权建立困难职工档案"
        static let mayNotRevise = "当前角色无权修改困难职工档案"
        static let nameMissing = "请填写姓名"
        static let nameTooLong = "姓名不能超过 50 个字"
        static let idNumberMissing = "请填写身份证号"
        static let orgCodeMissing = "请填写建档工会的组织代码"
        static let familyRegionMissing = "请填写家庭所在地区的 6 位行政区划代码"
        static let amountMissing = "请填写金额（元）"
        static let householdSizeMissing = "请填写家庭人口"
        static let householdSizeNotInteger = "家庭人口应为整数"
        static let mainCauseMissing = "请选择主要致困原因"
        static let bankAccountMissing = "请填写本人银行账号（帮扶资金只发到本人账户）"
        static let categoryMissing = "请选择认定类别"
        static let overrideReasonTooLong = "理由不能超过 500 字"
        static let schoolOrWorkTooLong = "不能超过 200 字"

        // Steps and uploads: problems
        static let closingReasonMissing = "请选择销档原因"
        static let unknownStep = "未知的办理步骤"
        static func staleArchive(_ detail: String) -> String { "档案已被他人办理或修改（\(detail)）。请查看最新情况后再操作。" }
        static let closingNoteRequired = "以“精准识别退出”销档时必须说明情况"
        static let sendBackReasonRequired = "退回时必须填写退回原因"
        static let attachmentFileMissing = "请选择要上传的文件（PDF、JPEG 或 PNG，不超过 10 MB）"
        static let attachmentKindMissing = "请选择材料类别"

        // The 低保 table
        static let regionCodeLabel = "地区代码"
        static let regionLabel = "地区"
        static let effectiveFromLabel = "起始日期"
        static let perHeadMonth = "元/人·月"
        static let statusLabel = "状态"
        static let lineInForce = "执行中"
        static let lineNotYet = "未生效"
        static let lineSuperseded = "已调整"
        static let lineFormTitle = "新增或更正低保标准"
        static let lineRegionHint = "适用于全省、全市或一个区县"
        static let effectiveFromHint = "同一地区、同一起始日期已有标准的，保存即更正"
        static let monthlyLabel = "低保标准（元/人·月）"
        static let noticeDaysTitle = "建档公示天数"
        static let noticeDaysLabel = "公示天数"
        static let noticeDaysFieldHint = "1 至 30 天，对此后提交公示的档案生效"
        static let provinceKeepsLines = "低保标准由省总工会维护。"
        static func linesIntro(_ noticeDays: Int) -> String {
            "家庭适用所在区县的低保标准，区县没有的用所在市的，再没有的用全省的；同一地区取已生效的最新一条。新建档案公示 \(noticeDays) 天。"
        }
        static let noLines = "尚未维护低保标准，暂时无法建档。"
        static let regionCodeMissing = "请填写 6 位行政区划代码"
        static let monthlyMissing = "请填写每人每月的金额（元）"
        static let noticeDaysInvalid = "请填写 1 至 30 之间的天数"
    }
}
