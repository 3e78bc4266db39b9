import GonghuiDomain

/// The words of the dispute settings page (期限与标准): the policy numbers, the minimum wages and
/// the holiday calendar the case clocks read.
extension UI {
    enum DisputeSettings {
        static let title = "期限与标准"
        static let link = "期限与标准"
        static let intro = "案件的各项期限、终局裁决的标准和帮扶资金的审批规则按下列参数计算。参数按生效日期取值：新的参数自生效日起适用，此前的案件仍按当时的参数。修改后在办案件的期限随即重新计算。"
        static let provinceKeeps = "这些参数由省总工会维护；如需调整，请联系省总工会。"

        // Policy numbers
        static let policyTitle = "政策参数"
        static let colName = "参数"
        static let colValue = "取值"
        static let colFrom = "生效日期"
        static let colSource = "依据"
        static let colStatus = "状态"
        static let inForce = "现行"
        static let notYet = "尚未生效"
        static let superseded = "已被替代"
        static let builtIn = "（法定默认）"
        static let policyFormTitle = "新增或更正政策参数"
        static let policyKeyLabel = "参数"
        static let policyValueLabel = "取值"
        static let policyValueHint = "天数、年数、月数或人数；审批职责分离填 1（实行）或 0（不实行）。"
        static let workingDaysLabel = "按工作日计算（扣除法定节假日，计入调休上班日）"
        static let effectiveFromLabel = "生效日期"
        static let effectiveFromHint = "同一参数同一生效日期再次保存即为更正。"
        static let sourceLabel = "依据"
        static let policySourceHint = "法规条款或本省规定的文号，例如《信访工作条例》第二十二条。"
        static let valueInvalid = "请填写整数"

        static func name(_ key: String) -> String {
            switch key {
            case DisputePolicy.acceptanceDays: "受理告知期限"
            case DisputePolicy.handlingDays: "办理期限"
            case DisputePolicy.extensionDays: "延长办理期限（最长）"
            case DisputePolicy.mediationDays: "调解期限"
            case DisputePolicy.limitationYears: "仲裁时效"
            case DisputePolicy.limitationWarningDays: "仲裁时效提前提醒"
            case DisputePolicy.arbitrationAcceptanceDays: "仲裁受理期限"
            case DisputePolicy.arbitrationAwardDays: "仲裁审理期限"
            case DisputePolicy.arbitrationExtensionDays: "仲裁延期（最长）"
            case DisputePolicy.finalAwardMonths: "终局裁决标准"
            case DisputePolicy.collectiveWorkers: "集体争议人数"
            case DisputePolicy.duplicateWindowDays: "重复件合并提示期"
            case DisputePolicy.reminderDays: "期限届满前提醒"
            case DutySeparation.key: "审批职责分离（登记、审核帮扶申请的人员不得批准）"
            default: key.hasPrefix("warnings.") ? "风险预警：" + WarningPolicy.title(key)
                : key.hasPrefix("retention.") ? "保存期限：" + RetentionPolicy.title(key)
                : key.hasPrefix("legal_aid.") ? "法律援助：" + LegalAidPolicy.title(key)
                : key.hasPrefix("loans.") ? "小额担保贷款：" + LoanPolicy.title(key)
                : key.hasPrefix("card.") ? "会员服务卡：" + CardPolicy.title(key)
                : key.hasPrefix("supervision.") ? "劳动法律监督：" + SupervisionPolicy.title(key) : key
            }
        }

        /// A rule's value with its unit, as an officer reads it ("15 个工作日", "12 个月最低工资").
        static func value(_ rule: PolicyRule) -> String {
            switch rule.key {
            case DisputePolicy.limitationYears: "\(rule.value) 年"
            case DisputePolicy.finalAwardMonths: "\(rule.value) 个月最低工资"
            case DisputePolicy.collectiveWorkers, WarningPolicy.collectiveWorkers: "\(rule.value) 人及以上"
            case WarningPolicy.claimYuan: "\(Money.thousands(UInt64(max(0, rule.value)))) 元及以上"
            case WarningPolicy.escalateDepth: ["省级", "市级", "县级", "乡镇（街道）级", "基层"][min(max(rule.value, 0), 4)]
            case WarningPolicy.employerCases, WarningPolicy.surgeMinimum, WarningPolicy.festivalMinimum: "\(rule.value) 件"
            case WarningPolicy.surgeWeeks: "\(rule.value) 周"
            case WarningPolicy.surgeSigmaTenths: "\(String(format: "%.1f", Double(rule.value) / 10)) 倍标准差"
            case DutySeparation.key: rule.value == 0 ? "不实行" : "实行"
            case _ where rule.key.hasPrefix("legal_aid."): rule.value == 0 ? "否" : "是"
            case LoanPolicy.minOperatingMonths: "\(rule.value) 个月"
            case LoanPolicy.writeOffOverdueDays, CardPolicy.usageWindowDays, CardPolicy.sleepUnactivatedDays, CardPolicy.sleepUnusedDays: "\(rule.value) 天"
            case CardPolicy.lastingMonths: "\(rule.value) 个月"
            case _ where rule.key.hasPrefix("loans."): "\(Money.thousands(UInt64(max(0, rule.value)))) 元"
            default: rule.workingDays ? "\(rule.value) 个工作日" : "\(rule.value) 日"
            }
        }

        // Minimum wages
        static let wagesTitle = "月最低工资标准"
        static let wagesIntro = "用于判断终局裁决：按用人单位所在县（市、区）的标准，没有则按所在市、省的标准。"
        static let noWages = "尚未录入最低工资标准。"
        static let colRegionCode = "行政区划代码"
        static let colRegion = "地区"
        static let colMonthly = "月标准（元）"
        static let wageFormTitle = "新增或更正最低工资标准"
        static let regionCodeLabel = "行政区划代码"
        static let regionCodeHint = "6 位代码：省、市或县（市、区）。"
        static let monthlyLabel = "月最低工资标准（元）"
        static let wageSourceHint = "发布标准的文件，例如省人民政府关于调整最低工资标准的通知。"
        static let regionMissing = "请填写行政区划代码"
        static let monthlyMissing = "请填写月最低工资标准"

        // Holiday calendar
        static let calendarTitle = "节假日安排"
        static func calendarIntro(_ years: String) -> String {
            "按工作日计算的期限扣除下列放假日，并计入调休上班日。已内置国务院办公厅通知中的 \(years) 年安排；省总工会可补充或更正。"
        }
        static func missingYear(_ year: Int) -> String {
            "尚未录入 \(year) 年的节假日安排：按工作日计算的期限在该年只扣除周末。请在国务院办公厅发布通知后逐日录入放假日和调休上班日。"
        }
        static let yearLabel = "年份"
        static let show = "查看"
        static func noDays(_ year: Int) -> String { "\(year) 年没有节假日安排。请按国务院办公厅当年的通知录入。" }
        static let colHoliday = "节日"
        static let weekdays = ["", "一", "二", "三", "四", "五", "六", "日"]
        static let colDaysOff = "放假"
        static let colWorkdays = "调休上班"
        static let listSeparator = "；"
        /// "2月14日（周六）"
        static func day(_ d: CivilDate) -> String { "\(d.month)月\(d.day)日（周\(weekdays[d.isoWeekday])）" }
        /// "2月15日至2月23日，共 9 天", or one day.
        static func run(_ first: CivilDate, _ last: CivilDate) -> String {
            first == last ? day(first) : "\(first.month)月\(first.day)日至\(last.month)月\(last.day)日，共 \(last.daysSinceEpoch - first.daysSinceEpoch + 1) 天"
        }
        static let dayFormTitle = "录入或更正一天"
        static let dateLabel = "日期"
        static let kindLabel = "安排"
        static let kindHoliday = "放假"
        static let kindWorkday = "调休上班"
        static let kindNormal = "恢复为正常安排（工作日或周末）"
        static let holidayNameLabel = "节日名称"
        static let holidayNameHint = "例如 春节、国庆节。恢复正常安排时可不填。"
        static let calendarSourceHint = "国务院办公厅通知的文号，或本省的规定。"
        static let kindInvalid = "请选择安排"
    }
}
