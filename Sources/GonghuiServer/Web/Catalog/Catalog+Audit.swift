import Foundation
import GonghuiDomain

extension UI {
    /// The words of the audit log page (审计日志).
    enum Audit {
        static let title = "审计日志"
        static let mayNotRead = "当前角色无权查看审计日志"
        static func chainIntact(entries: String, checkedAt time: String) -> String {
            "哈希链校验通过：共 \(entries) 条记录，未发现篡改（校验于 \(time)）。"
        }
        static func chainBroken(_ problem: String, fromSeq: String, checkedAt time: String) -> String {
            "哈希链校验未通过：\(problem)（第 \(fromSeq) 条起，校验于 \(time)）。"
        }
        static let head = "审计日志头"
        static func headEntry(_ seq: String) -> String { "第 \(seq) 条，哈希 " }
        static let verifyAgain = "重新校验哈希链"
        static let actor = "操作人"
        static let action = "操作"
        static let entity = "对象类型"
        static let entityID = "对象编号"
        static let from = "起始日期"
        static let to = "截止日期"
        static let filter = "筛选"
        static let noEntries = "没有符合条件的记录。"
        static let seq = "序号"
        static let time = "时间"
        static let object = "对象"
        static let summary = "摘要"

        static let allActions = "全部操作"
        static let allEntities = "全部对象"
        static let actorHint = "姓名或登录名"
        static func matching(_ n: String) -> String { "符合条件的记录共 \(n) 条" }
        static let scopeNote = "只列出本级及下级组织的记录；账号、登录和全省设置的记录由省总工会查看。"

        /// The action codes recorded in the log, by name, in the order the filter lists them.
        static let actions: [(String, String)] = [
            ("org.create", "新建组织"), ("org.update", "修改组织信息"), ("org.move", "调整隶属关系"), ("org.merge", "合并组织"),
            ("org.dissolve", "撤销组织"), ("org.import", "批量导入组织"), ("org.export", "导出组织"), ("contract.create", "登记集体合同"),
            ("member.create", "登记会员"), ("member.update", "修改会员信息"), ("member.status", "变更会员状态"), ("member.import", "批量导入会员"),
            ("member.export", "导出会员"), ("member.reveal", "查看完整身份证号"), ("member.activation_code", "发放开通码"),
            ("transfer.request", "发起会籍转接"), ("transfer.approve", "同意会籍转接"), ("transfer.reject", "不同意会籍转接"), ("transfer.cancel", "撤回会籍转接"),
            ("hardship.build", "建立困难职工档案"), ("hardship.revise", "修改困难档案"), ("hardship.recategorize", "困难档案改变类别"),
            ("hardship.category_override", "人工认定困难类别"), ("hardship.notice_started", "困难档案开始公示"), ("hardship.notice_ended", "困难档案公示结束"),
            ("hardship.rechecked", "困难档案上级复核"), ("hardship.approved", "困难档案审批建档"), ("hardship.sent_back", "困难档案退回"),
            ("hardship.reverified", "困难档案年度复核"), ("hardship.closed", "困难档案销档"), ("hardship.attachment_add", "上传档案材料"),
            ("hardship.attachment_download", "下载档案材料"), ("hardship.notice_days", "设置公示天数"), ("subsistence.set", "设置低保标准"),
            ("program.create", "新建帮扶项目"), ("cycle.open", "开启帮扶批次"), ("cycle.close", "结束帮扶批次"), ("budget.allocate", "下拨帮扶资金"),
            ("grant.apply", "登记帮扶申请"), ("grant.reviewed", "基层审核帮扶申请"), ("grant.approved", "批准帮扶申请"), ("grant.rejected", "不批准帮扶申请"),
            ("grant.withdrawn", "撤回帮扶申请"), ("grant.requeue", "帮扶重新发放"), ("grant.account_propose", "提交收款账户变更"),
            ("grant.account_approve", "同意收款账户变更"), ("grant.account_refuse", "不同意收款账户变更"),
            ("payment.batch", "生成发放批次"), ("payment.export", "导出银行代发文件"), ("payment.results", "登记银行回单"),
            ("dispute.register", "登记维权案件"), ("dispute.import", "批量导入维权案件"), ("dispute.add_workers", "增加案件当事职工"),
            ("dispute.identity_confirmed", "核实当事人身份"), ("dispute.answered", "答复办结"), ("dispute.accepted", "受理案件"),
            ("dispute.refused", "不予受理"), ("dispute.extended", "延长办理期限"), ("dispute.mediation_started", "开始调解"),
            ("dispute.agreement", "达成调解协议"), ("dispute.performed", "协议条款履行"), ("dispute.mediation_ended", "调解结束"),
            ("dispute.resolved", "协调解决"), ("dispute.transfer", "案件移交"), ("dispute.particulars", "填写调解记录"), ("dispute.session", "记录调解会"),
            ("dispute.document", "生成文书"), ("dispute.arbitration", "登记仲裁"), ("dispute.paper_add", "上传案件材料"),
            ("dispute.paper_download", "下载案件材料"), ("dispute.rated", "当事人评价"), ("mediator.add", "增加调解员"), ("mediator.update", "修改调解员"),
            ("policy.set", "设置政策参数"), ("minimum_wage.set", "设置最低工资标准"), ("calendar.set", "设置节假日"),
            ("user.create", "新建账号"), ("user.password", "修改密码"), ("user.token", "发放接口令牌"), ("auth.fail", "登录失败"), ("auth.lock", "账号锁定"),
            ("worker.activate", "职工开通账号"), ("worker.phone", "职工修改手机号"),
            ("system.backup", "备份数据库"), ("key.rotation_start", "开始更换加密密钥"), ("key.rotated", "更换加密密钥"), ("retention.apply", "按保存期限清理"),
            ("warning.raise", "发出风险预警"), ("warning.acknowledge", "确认知悉风险预警"), ("warning.close", "办结风险预警"),
            ("dispute.mark_risk", "标记群体性/极端事件"), ("warning.duty_add", "增加预警值班人员"), ("warning.duty_remove", "移除预警值班人员"), ("legal_aid.apply", "登记法律援助申请"), ("legal_aid.approve", "批准法律援助"),
            ("legal_aid.refuse", "不予法律援助"), ("legal_aid.assign", "指派援助律师"), ("legal_aid.conclude", "登记法律援助结果"),
            ("legal_aid.lawyer_add", "增加援助律师"), ("legal_aid.lawyer_update", "修改援助律师名册"),
            ("supervision.open", "立项劳动法律监督"), ("supervision.letter", "发出劳动法律监督文书"), ("supervision.answer", "登记用人单位答复"),
            ("supervision.decide", "登记劳动行政部门处理结果"),
            ("mutual_aid.plan", "设立互助计划"), ("mutual_aid.round", "设置互助轮次"), ("mutual_aid.enroll", "办理互助参保"), ("mutual_aid.payment", "登记互助金到账"),
        ]
        static let actionNames = Dictionary(actions, uniquingKeysWith: { a, _ in a })
        static func actionName(_ code: String) -> String { actionNames[code] ?? code }

        /// The kinds of object entries are about.
        static let entities: [(String, String)] = [
            ("org", "组织"), ("member", "会员"), ("transfer", "会籍转接"), ("import", "导入"), ("collective_contract", "集体合同"),
            ("hardship_archive", "困难职工档案"), ("subsistence_line", "低保标准"), ("program", "帮扶项目"), ("program_cycle", "帮扶批次"),
            ("grant", "帮扶申请"), ("payment_batch", "发放批次"), ("dispute_case", "维权案件"), ("mediator", "调解员"),
            ("policy_rule", "政策参数"), ("minimum_wage", "最低工资标准"), ("holiday", "节假日"), ("setting", "系统设置"),
            ("member_snapshot_day", "统计留存日"), ("user", "账号"), ("database", "数据库"), ("encryption_key", "加密密钥"), ("retention", "保存期限"),
            ("risk_alert", "风险预警"), ("warning_duty", "预警值班人员"), ("legal_aid", "法律援助申请"), ("legal_aid_lawyer", "援助律师"), ("supervision", "劳动法律监督"), ("mutual_aid_plan", "互助计划"), ("mutual_aid_round", "互助轮次"),
        ]
        static let entityNames = Dictionary(entities, uniquingKeysWith: { a, _ in a })
        static func entityName(_ code: String) -> String { entityNames[code] ?? code }

        /// Who wrote an entry: an officer by name and role, a worker as such, the command line
        /// and the server's own jobs by what they are.
        static func actorName(_ e: AuditEntry) -> String { UI.actorName(e.actor, name: e.actorName, role: e.actorRole) }
    }
}

extension UI {
    /// Who did something, as people know them: an officer by name and role, a worker as such,
    /// the command line and the server's own jobs by what they are.
    static func actorName(_ username: String, name: String?, role: Role?) -> String {
        if let name { return userWithRole(name, role?.label ?? "") }
        if username.hasPrefix("worker:") { return "职工本人（会员编号 \(username.dropFirst(7))）" }
        switch username {
        case "system:cli": return "命令行（服务器管理员）"
        case "system:auth": return "系统（登录保护）"
        case "system:demo": return "系统（演示数据）"
        case "system:import": return "批量导入"
        case "system:warnings": return "系统（风险预警每日计算）"
        default: return username.hasPrefix("system:") ? "系统（\(username.dropFirst(7))）" : username
        }
    }
}
