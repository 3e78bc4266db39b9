import Foundation

extension UI {
    /// The words of the registry's pages (组织与会员): members, the organization tree, the
    /// transfer worklist and the batch import. Texts around markup take the markup as `HTML`, so
    /// that a sentence stays whole here.
    enum Registry {
        /// Joins several reasons in one message.
        static let listSeparator = "；"

        // MARK: Members — search

        static let searchTitle = "会员查询"
        static let broadScopePrompt = "管辖范围内会员较多，请输入姓名（从姓氏开始）或所属组织代码后查询。"
        static let allStatuses = "全部状态"
        static let registerNewMember = "登记新会员"
        static let searchByName = "姓名（从姓氏开始输入）"
        static let searchByOrg = "所属组织（含下级）"
        static let lookupLabel = "按完整身份证号或手机号精确查找"
        static let lookupHint = "号码随表单提交，不会出现在网址或日志中"
        static let find = "查找"
        static let noMembersFound = "没有符合条件的会员。"
        static let lookupKeyMissing = "请输入完整的身份证号或手机号"
        static let lookupKeyInvalid = "请输入完整的 18 位身份证号或 11 位手机号"
        static func noMemberWithID(_ masked: String) -> String { "在您的管辖范围内没有证件号为 \(masked) 的会员" }
        static func noMemberWithPhone(_ masked: String) -> String { "在您的管辖范围内没有手机号为 \(masked) 的会员" }

        // MARK: Members — fields

        static let name = "姓名"
        static let idNumber = "身份证号"
        static let phone = "手机号"
        static let union = "所属工会"
        static let status = "状态"
        static let joinedOn = "入会日期"
        static let gender = "性别"
        static let birthDate = "出生日期"
        static let employmentType = "用工形式"
        static let migrant = "农民工"
        static let cardNumber = "会员卡号"
        static let ethnicity = "民族"
        static let education = "学历"
        static let skillLevel = "技能等级"
        static let householdType = "户籍类型"
        static let politicalStatus = "政治面貌"
        static let workplace = "工作单位"
        static let unionCode = "所属工会"

        // MARK: Members — the member's page

        static func memberTitle(_ name: String) -> String { "会员：\(name)" }
        static let location = "位置"
        static let basicInfo = "基本信息"
        static let fullIDAudited = "完整号码，本次查看已记入审计日志"
        static func since(_ date: String) -> String { "（自 \(date)）" }
        static func statusSince(_ status: String, _ date: String) -> String { status + since(date) }
        static let editInfo = "修改信息"
        static let changeStatus = "变更状态"
        static let requestTransfer = "发起会籍转接"
        static func hardshipArchive(_ number: String, stage: String) -> String { "困难职工档案 \(number)（\(stage)）" }
        static let buildHardshipArchive = "建立困难职工档案"
        static let revealID = "显示完整证件号"
        static let activationNotice = "职工服务平台激活码（请当面或通过可靠渠道告知会员本人，本页关闭后不再显示）："
        static func activationValidity(until time: String, place: HTML) -> HTML {
            "有效期至 \(time)。会员凭身份证号、登记的手机号和此激活码在 \(place) 开通账号。"
        }
        static let portalAccount = "职工服务平台账号"
        static let portalHasAccount = "会员已开通账号。重新生成激活码可让会员重设密码。"
        static let portalNoAccount = "会员尚未开通账号。"
        static func portalCodePending(until: String) -> String { "已生成激活码（有效至 \(until)），会员尚未用它开通账号。激活码遗失的，可重新生成，原激活码随即作废。" }
        static let printSlipHint = "可使用浏览器的打印功能（Ctrl+P）打印下方的开通通知，交给会员本人。"
        static let slipTitle = "职工服务平台开通通知"
        static let slipAddress = "网址"
        static func slipStep1(_ address: String) -> String { "用手机或电脑打开 \(address)。" }
        static let slipStep2 = "输入本人身份证号、在工会登记的手机号和上面的激活码，设置登录密码。"
        static func slipStep3(_ until: String) -> String { "激活码有效至 \(until)，只能使用一次；过期请联系所在工会重新生成。" }
        static let slipKeep = "激活码相当于密码，请勿告诉他人。"
        static let issueActivationCode = "生成激活码"
        static let membershipHistory = "会籍记录"
        static let date = "日期"
        static let event = "事项"
        static let historyUnion = "工会"
        static let detail = "说明"
        static let handledBy = "经办"

        // MARK: Members — registration and edits

        static let registerTitle = "登记会员"
        static let mayNotRegister = "当前角色无权登记会员"
        static func editTitle(_ name: String) -> String { "修改会员信息：\(name)" }
        static let mayNotEdit = "当前角色无权修改会员信息"
        static let idNumberHint = "18 位居民身份证号码，登记后不能修改"
        static let unionCodeHint = "输入基层工会、联合会、分工会或小组名称中的几个字，或其组织代码"
        static func identityNote(_ idMasked: String, union: String) -> String { "身份证号 \(idMasked)，所属工会 \(union)（调整请办理会籍转接）。" }
        static let notRegistered = "未登记"
        /// The hint of a phone field that keeps the stored number when left empty.
        static func phoneKeepHint(_ masked: String?) -> String { "现为 \(masked ?? notRegistered)；留空则保持不变" }
        static func tooLong(_ limit: Int) -> String { "不能超过 \(limit) 个字" }
        static let idNumberMissing = "请填写身份证号"
        static let joinedOnMissing = "请填写入会日期"
        static let nameMissing = "姓名不能为空"
        static let unionCodeMissing = "请填写所属工会代码"
        static let employmentTypeMissing = "请选择用工形式"

        // MARK: Members — status

        static func statusTitle(_ name: String) -> String { "变更会员状态：\(name)" }
        static let mayNotChangeStatus = "当前角色无权变更会员状态"
        static let statusMissing = "请选择新的状态"
        static let pleaseChoose = "请选择"
        static let currentStatus = "当前状态："
        static let newStatus = "新的状态"
        static let statusDate = "变更日期"
        static let reason = "原因"

        // MARK: Members — transfer request

        static func transferTitle(_ name: String) -> String { "发起会籍转接：\(name)" }
        static let mayNotRequestTransfer = "当前角色无权发起会籍转接"
        static let transferTargetMissing = "请填写转入工会的组织代码"
        static func transferIntro(_ name: String, union: String) -> String { "会员 \(name) 现属 \(union)。转接需转出工会和转入工会先后审核同意。" }
        static let transferTarget = "转入工会"
        static let transferTargetHint = "输入转入单位工会名称中的几个字，或其组织代码（全网任一基层工会）"
        static let requestedOn = "申请日期"
        static let transferReason = "转接原因"
        static let submitRequest = "提交申请"

        // MARK: Transfers — the worklist

        static let transfersTitle = "待办：会籍转接"
        static let boxOutgoing = "待我方转出审核"
        static let boxIncoming = "待我方接收"
        static let boxAll = "全部转接"
        static let decisionNote = "意见（不同意时必填）"
        static let approve = "同意"
        static let reject = "不同意"
        static let withdraw = "撤回申请"
        static let member = "会员"
        static let fromUnion = "转出工会"
        static let toUnion = "转入工会"
        static let progress = "进度"
        static let handle = "办理"
        static func sides(outgoing: String, incoming: String) -> String { "转出方：\(outgoing)；转入方：\(incoming)" }
        static func rejectionReason(_ reason: String) -> String { "理由：\(reason)" }
        static let transferRule = "会籍转接先由转出工会审核，再由转入工会审核；任一方不同意即退回，会籍留在原工会。转入工会接收前，会员仍在原工会在会，计入原工会的统计。"
        static func upperLevelOnly(_ action: String) -> String { "本组织的\(action)须由上级工会办理。" }
        static let sortBy = "排序"
        static let notGiven = "未填写"
        static func codeListHint(_ source: String) -> String { "按 \(source)" }
        static let industryHint = "国民经济行业分类（GB/T 4754-2017）的门类和大类"
        static let exportResult = "导出本次查询结果（Excel）"
        static let printResult = "打印本次查询结果"
        static let narrowFirst = "请先按姓名或所属工会缩小查询范围"
        static let exportSheet = "会员名单"
        static let unionCodeColumn = "工会代码"
        static func exportTitle(count: Int, total: Int, at: String) -> String { "会员名单（共 \(total) 人\(count < total ? "，本表列出前 \(count) 人" : "")；导出于 \(at)；证件号码和手机号已脱敏）" }
        static func exportAudit(count: Int, criteria: String) -> String { "导出会员查询结果 \(count) 人（\(criteria)；证件号码已脱敏）" }
        static func exportFileName(_ at: String) -> String { "会员名单-\(at.replacingOccurrences(of: ":", with: "").replacingOccurrences(of: " ", with: "-")).xlsx" }
        static func criterionName(_ s: String) -> String { "姓名以“\(s)”开头" }
        static func criterionOrg(_ s: String) -> String { "所属工会 \(s) 及下级" }
        static func criterionStatus(_ s: String) -> String { "状态为\(s)" }
        static func printTitle(_ total: Int) -> String { "会员名单（\(total) 人）" }
        static func printCriteria(_ c: String, at: String) -> String { "查询条件：\(c)。打印时间：\(at)。" }
        static func printCapped(_ n: Int, total: Int) -> String { "共 \(total) 人，只列出前 \(n) 人；请缩小查询范围，或用命令行导出全部会员。" }
        static let printHint = "使用浏览器的打印功能（Ctrl+P）打印本页。"
        static let backToList = "返回会员查询"
        static let transferInProgress = "转接办理中"
        static func transferRoute(from: String, to: String, requestedOn: String) -> String { "由 \(from) 转往 \(to)（\(requestedOn) 申请）。" }
        static func transferStanding(_ from: String) -> String { "转入工会接收前，会籍仍在 \(from)，计入其在会会员。" }
        static let toTransfers = "查看会籍转接"
        static let nothingToDo = "没有待办事项。"

        // MARK: Organizations — search and the org's page

        static let orgSearchTitle = "组织查询"
        static let orgSearchLabel = "按名称或代码查找组织"
        static func noOrgFound(_ text: String) -> String { "没有找到名称包含或代码为“\(text)”的组织。" }
        static let orgName = "名称"
        static let orgCode = "代码"
        static let orgKind = "类型"
        static let orgLevels = "组织层级"
        static let orgMembers = "本组织会员"
        static let membersInSubtree = "在会会员（含下级）"
        static let employeesOfUnions = "职工人数（已建会单位）"
        static let membershipRate = "入会率"
        static let directChildren = "直属下级组织"
        static let orgBuilding = "组织建设"
        static let established = "✓ 已建立"
        static let notEstablished = "未建立"
        static let code = "组织代码"
        static let kind = "组织类型"
        static func endedOn(_ date: String) -> String { "（\(date)）" }
        static let mergedInto = "合并至"
        static let creditCode = "统一社会信用代码"
        static let regionCode = "行政区划代码"
        static let unitNature = "单位性质"
        static let economicType = "经济类型"
        static let industry = "行业"
        static let employees = "职工人数"
        static let womenEmployees = "女职工人数"
        static let migrantEmployees = "农民工人数"
        static let foundedOn = "建会日期"
        static let approval = "建会审批"
        static let chair = "工会主席"
        static let chairPhone = "主席手机号"
        static let fullTimeStaff = "专职工会干部"
        static let children = "下级组织"
        static let childCountsRefreshed = "下级组织的人数每分钟更新一次。"
        static let onlyActiveOrgs = "只看正常的组织"
        static let includeEndedOrgs = "包括已合并、已撤销的组织"
        static let noChildren = "没有下级组织。"
        static let membersInUnion = "在会会员"
        static let orgHistory = "沿革"
        static let noHistory = "没有记录。"

        // The committees and systems of a union (组织建设).
        static let womenCommittee = "女职工委员会"
        static let fundsAuditCommittee = "经费审查委员会"
        static let workersCongress = "职工代表大会制度"
        static let factoryAffairsOpenness = "厂务公开"
        static let laborProtectionCommittee = "劳动保护监督检查委员会"
        static let mediationCommittee = "劳动争议调解委员会"

        // MARK: Organizations — edit

        static func orgEditTitle(_ name: String) -> String { "修改组织信息：\(name)" }
        static let mayNotEditOrg = "当前角色无权修改组织"
        static let orgFullName = "组织名称"
        static let notFilled = "（未填）"
        static let headcount = "人数"
        static let fullTimeStaffCount = "专职工会干部人数"
        static let chairName = "主席姓名"
        static let countInvalid = "应为不小于 0 的整数"
        static let kindMissing = "请选择组织类型"
        static let unitNatureInvalid = "请从列表中选择单位性质"

        // MARK: Organizations — move, merge, dissolve

        static let moveTitle = "调整隶属关系"
        static let mergeTitle = "合并组织"
        static let dissolveTitle = "撤销组织"
        static func mayNotAct(_ action: String) -> String { "当前角色无权\(action)" }
        static func actionTitle(_ action: String, org: String) -> String { "\(action)：\(org)" }
        static func confirmTitle(_ action: String) -> String { "请确认：\(action)" }
        static func confirmAction(_ action: String) -> String { "确认\(action)" }
        static let dateAfterToday = "日期不能晚于今天"
        static let targetCodeMissing = "请填写组织代码"
        static func moveIntro(_ org: String, parent: String) -> String {
            "把 \(org) 连同其全部下级组织和会员调整到另一个上级组织之下。当前上级组织代码：\(parent)。"
        }
        static let newParentCode = "新的上级组织代码"
        static let newParentHint = "可先在“组织”页查找目标组织的代码"
        static func mergeIntro(_ org: String) -> String {
            "把 \(org) 并入另一个同类组织：其会员和下级组织全部转入目标组织，本组织标记为“已合并”，历史记录全部保留。"
        }
        static let mergeIntoCode = "并入的组织代码"
        static func dissolveIntro(_ org: String) -> String { "撤销 \(org)。组织内还有会员或下级组织时不能撤销，请先办理会籍转接或调整下级组织。" }
        static let dissolveReason = "撤销原因"
        static let effectiveOn = "生效日期"
        static func confirmMove(_ org: HTML, code: String, children: String, members: String, target: HTML, targetCode: String) -> HTML {
            "将 \(org)（\(code)）及其 \(children) 个直属下级组织、\(members) 名在会会员，调整到 \(target)（\(targetCode)）之下。"
        }
        static func confirmMerge(_ org: HTML, code: String, target: HTML, targetCode: String, children: String) -> HTML {
            "将 \(org)（\(code)）并入 \(target)（\(targetCode)）：转移会员和 \(children) 个直属下级组织，本组织标记为“已合并”。"
        }
        static func confirmDissolve(_ org: HTML, code: String, reason: String) -> HTML { "撤销 \(org)（\(code)）。原因：\(reason)" }
        static func confirmDate(_ date: String) -> String { "生效日期：\(date)。此操作会记入组织沿革和审计日志。" }

        // MARK: Import

        static let importTitle = "批量导入"
        static func importFileTitle(_ fileName: String) -> String { "导入：\(fileName)" }
        static let mayNotImport = "当前角色无权批量导入"
        static let memberTemplate = "会员导入模板"
        static let orgTemplate = "组织导入模板"
        static let importKindMissing = "请选择导入内容"
        static let importFileMissing = "请选择要上传的 CSV 或 XLSX 文件"
        static let rejectColumn = "错误原因"
        /// "错误行-会员名册.xlsx" for "会员名册.csv": the file's own name without its extension.
        static func rejectsFileName(_ fileName: String, extension ext: String) -> String {
            let base = fileName.split(separator: "/").last.map(String.init) ?? fileName
            let stem = base.contains(".") ? String(base[..<base.lastIndex(of: ".")!]) : base
            return "错误行-\(stem.isEmpty ? "导入文件" : stem).\(ext)"
        }
        static let rejectsSheet = "错误行"
        static let rejectsAsCSV = "CSV 格式"
        /// The reason column of a rejected row: each problem with its column.
        static func rejectNote(_ problems: [(column: String, reason: String)]) -> String {
            problems.map { "[\($0.column)] \($0.reason)" }.joined(separator: listSeparator)
        }
        static let importFailed = "导入失败，没有写入任何数据"
        static func importFailedWith(_ message: String) -> String { "\(importFailed)：\(message)" }
        static let importKind = "导入内容"
        static let memberRoster = "会员名册"
        static let orgRoster = "工会组织"
        static let importFile = "文件（CSV 或 XLSX，UTF-8 或 GBK 编码）"
        static let uploadAndCheck = "上传并校验"
        static let checkFirst = "上传后先逐行校验，不会写入任何数据；确认后才导入。"
        static let templates = "模板下载"
        static func templatesOf(_ roster: String) -> String { "\(roster)：" }
        static let xlsxTemplate = "XLSX 模板"
        static let csvTemplate = "CSV 模板"
        static func headerNote(required columns: [String]) -> String {
            "表头可用中文（如“身份证号”）或英文（如 id_number）。会员必填列：\(columns.joined(separator: "、"))。"
        }
        static func problemCount(_ count: Int) -> String { "逐行校验结果：\(String(count)) 处问题" }
        static let rowNumber = "行号"
        static let column = "列"
        static let value = "值"
        static let problem = "问题"
        static let first500Only = "仅显示前 500 处，完整列表请下载错误行。"
        static func checkedFile(_ roster: String, file: HTML, rows: String, good: String, inserted: String, updated: String, unchanged: String, rejected: String) -> HTML {
            "\(roster)文件 \(file)：共 \(rows) 行，其中 \(good) 行正确（新增 \(inserted)，更新 \(updated)，不变 \(unchanged)），\(rejected) 行有错误。尚未写入任何数据。"
        }
        static let checkPassed = "校验通过。"
        static let confirmImport = "确认导入"
        static func fileHasErrors(mayImportGoodRows: Bool) -> String {
            "文件中有错误。请修改后重新上传" + (mayImportGoodRows ? "，或只导入正确的行（错误行不导入，可下载后修改再导入）" : "") + "。"
        }
        static let downloadRejects = "下载错误行（Excel）"
        static func importGoodRows(_ count: String) -> String { "只导入正确的 \(count) 行" }
        static let uploadAgain = "重新上传"
        static func running(phase: String, rows: String) -> String {
            "正在\(["writing": "写入", "loading": "校验并写入"][phase] ?? "校验")：已处理 \(rows) 行……"
        }
        static let refreshNote = "本页每秒自动刷新；导入在一个事务中完成，中途失败不会留下部分数据。"
        static let importDone = "导入完成。"
        static let downloadRemainingRejects = "下载未导入的错误行（Excel）"
        static let importMore = "继续导入"
        static let back = "返回"
    }
}
