import Foundation
import GonghuiDomain
import GonghuiStore

extension UI {
    /// 系统运维: the system administrator's page for backups, retention and the database.
    enum Operations {
        static let title = "系统运维"
        static let nav = "运维"
        static let mayNot = "只有系统管理员可以查看系统运维页面"
        static let database = "数据库"
        static let engine = "类型"
        static func engineName(_ e: SQLEngine) -> String { e == .sqlite ? "SQLite（单文件）" : "PostgreSQL" }
        static let location = "位置"
        static let schema = "结构版本"
        static func schemaText(applied: Int?, program: Int) -> String {
            guard let applied else { return "未迁移（本程序为第 \(program) 号）" }
            return applied == program ? "第 \(applied) 号迁移（与本程序一致）" : "第 \(applied) 号迁移，本程序为第 \(program) 号"
        }
        static let fingerprint = "加密密钥指纹"
        static let fingerprintHint = "只用于核对密钥，不能由它推出密钥；更换密钥用 gonghui rekey。"
        static let backups = "备份"
        static let lastBackup = "最近一次备份"
        static let noBackup = "尚无备份记录。请用 gonghui backup --output 目录 备份，或设置 backup.directory 每天定时备份。"
        static func backupLine(time: String, size: String, trigger: String, hoursAgo: Int) -> String {
            "\(time)，\(size)，\(trigger)（距今 \(Self.hoursAgo(hoursAgo))）"
        }
        /// "困难档案 12，激活码 3": what each rule would remove now.
        static func dueCounts(_ counts: [(what: String, count: String)]) -> String {
            counts.map { "\($0.what) \($0.count)" }.joined(separator: "，")
        }
        static func trigger(_ t: String) -> String { t == "schedule" ? "定时备份" : "命令行备份" }
        static let backupDirectory = "备份位置"
        static func hoursAgo(_ h: Int) -> String { h < 1 ? "不到 1 小时" : h < 48 ? "\(h) 小时" : "\(h / 24) 天" }
        static let staleBackup = "最近一次备份已超过 48 小时：请检查定时备份是否正常（服务器日志中的 backup failed）。"
        static let schedule = "定时备份"
        static func scheduleText(directory: String, time: String, keep: Int) -> String { "每天 \(time)（北京时间）备份到 \(directory)，保留最近 \(keep) 份" }
        static let noSchedule = "未设置（配置项 backup.directory）"
        static let nextBackup = "下次备份"
        static let restoreHint = "恢复：gonghui restore 备份目录 --database 新数据库 --encryption-key-file 密钥文件。恢复会校验校验和、密钥指纹、完整性和审计日志哈希链，不覆盖已有数据库。"
        static let retention = "保存期限"
        static let retentionIntro = "按《个人信息保护法》第十九条，个人信息只保存到实现处理目的所必要的期限。到期的数据删除或脱敏（已销档困难档案：姓名、证件号、手机号、银行账号、家庭成员和材料清除，类别、金额、日期保留供统计）。审计日志完整保留。"
        static let rule = "项目"
        static let period = "期限"
        static let cutoff = "此日前到期"
        static let due = "现已到期"
        static let source = "依据"
        static let daily = "每日自动清理"
        static func dailyText(_ on: Bool) -> String { on ? "已开启（retention.daily），在定时备份之后执行" : "未开启（retention.daily）；可用下面的按钮或 gonghui retention 手动清理" }
        static let applyNow = "立即清理到期数据"
        static let applyYes = "确定清理"
        static let applyConfirm = "确定删除或脱敏上表中已到期的数据吗？此操作不可撤销，会记入审计日志。"
        static let nothingDue = "目前没有到期的数据。"
        static let policyHint = "期限可由省级工会在政策参数中按本省规定调整（设置政策参数，注明依据）。"
    }
}
