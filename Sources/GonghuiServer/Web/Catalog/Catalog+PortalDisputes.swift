/// The words of 我的维权 in the portal and of the inboxes.
extension UI {
    enum PortalDisputes {
        static let papersTitle = "我的材料"
        static let papersIntro = "劳动合同、工资条、考勤记录、聊天记录截图等都可以作为证明材料。您上传的材料只有办理工会能看到。"
        static let nav = "维权"
        static let listTitle = "我的维权"
        static let newTitle = "投诉或申请调解"
        static func caseTitle(_ no: String) -> String { "维权案件 \(no)" }
        static let intro = "工资被拖欠、被违法解除劳动合同、不缴社保、工伤等问题，可以在这里向工会投诉或申请调解。工会会按规定期限告知是否受理，并在这里告诉您每一步进展。"
        static let fileButton = "投诉或申请调解"
        static let noCases = "您还没有维权案件。"
        static let hotline = "职工维权服务热线：12351"
        static func summaryLine(_ employer: String, _ types: String, _ received: String) -> String { "\(employer) · \(types) · \(received) 登记" }
        static func nextDeadline(_ date: String, _ days: Int) -> String {
            days < 0 ? "\(date) 到期（已超期 \(-days) 天，工会正在加紧办理）" : "\(date) 前（还剩 \(days) 天）"
        }
        static let kind = "您要"
        static let kindComplaint = "投诉（反映用人单位的违法行为）"
        static let kindRequest = "求助（请工会帮助解决）"
        static let employerName = "用人单位名称"
        static let employerCode = "统一社会信用代码（选填）"
        static let employerCodeHint = "营业执照上的 18 位代码，填写后工会能更快找到单位"
        static let types = "问题类型（可多选）"
        static let typesLabel = "问题类型"
        static let guestLink = "不是工会会员？也可以投诉或申请调解"
        static let trackLink = "查询案件进度"
        static let guestTitle = "投诉或申请调解（非会员）"
        static let guestIntro = "工会为所有职工服务。请如实填写您的身份信息，工会工作人员第一次联系您时会核实身份。"
        static let name = "姓名"
        static let idNumber = "身份证号"
        static let phone = "手机号"
        static let county = "向哪个区县总工会反映"
        static let pleaseChoose = "请选择"
        static let countyRequired = "请选择受理的区县总工会"
        static let nameRequired = "请填写姓名（最多 50 字）"
        static func guestFiled(_ no: String) -> String { "已提交。请记下案件编号 \(no)，凭案件编号和身份证号可以随时查询进度。" }
        static let trackTitle = "查询案件进度"
        static let caseNo = "案件编号"
        static let track = "查询"
        static let trackNotFound = "没有找到案件：请核对案件编号和身份证号。"
        static let amount = "涉及金额（元，选填）"
        static let facts = "事情经过和您的诉求"
        static let factsHint = "例如：公司自 2026 年 3 月起拖欠三个月工资共 18000 元，要求补发。"
        static let learnedOn = "您知道权益受侵害的日期（选填）"
        static let learnedOnHint = "劳动仲裁的时效从这一天起算一年"
        static let endedOn = "劳动关系终止日期（已离职的填写）"
        static let mediation = "我申请工会调解"
        static let confidential = "请不要让单位知道我的名字（保密）"
        static let confidentialHint = "选择保密后，您所在单位的工会不会看到您的姓名，案件由上级工会办理。"
        static let submit = "提交"
        static let employerRequired = "请填写用人单位名称"
        static let typesRequired = "请至少选择一种问题类型"
        static let factsRequired = "请写明事情经过和诉求（至少 10 个字）"
        static let caseSummary = "案件概况"
        static let state = "状态"
        static let deadline = "下一个期限"
        static let handlingUnion = "办理工会"
        static let receivedOn = "登记日期"
        static let recovered = "已追回金额"
        static let downloadAgreement = "下载调解协议书"
        static let stepsTitle = "办理进展"
        static let backToList = "返回我的维权"
        static let ratingTitle = "评价"
        static func rated(_ score: Int) -> String { "您的评价：\(score) 分。感谢您的评价。" }
        static let score = "对办理结果的满意程度"
        static let pleaseRate = "请选择"
        static func scoreLabel(_ n: Int) -> String { ["", "1 分 很不满意", "2 分 不满意", "3 分 一般", "4 分 满意", "5 分 很满意"][n] }
        static let comment = "意见或建议（选填）"
        static let rate = "提交评价"
        static func step(_ kind: String) -> String {
            [
                "registered": "工会已登记您的诉求", "accepted": "工会已受理", "refused": "工会决定不予受理", "answered": "工会已答复",
                "extended": "办理期限已按规定延长", "mediation_started": "已开始调解", "session": "工会组织了调解", "agreement": "双方达成调解协议",
                "performed": "协议条款已履行", "mediation_ended": "调解结束", "resolved": "经工会协调已解决", "transferred": "转由其他工会办理",
                "workers_added": "同一问题的职工已加入本案", "paper": "工会收到了材料", "identity_confirmed": "工会已核实您的身份", "arbitration": "劳动争议仲裁的进展", "imported": "历史记录", "import_updated": "历史记录已更新",
            ][kind] ?? "办理记录"
        }
    }

    enum Inbox {
        static let nav = "消息"
        static let title = "消息"
        static func unread(_ n: Int) -> String { n == 0 ? "没有未读消息。" : "未读消息 \(n) 条。" }
        static let markAllRead = "全部标为已读"
        static let empty = "还没有消息。"
    }
}
