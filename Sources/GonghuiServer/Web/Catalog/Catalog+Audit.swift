import Foundation

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
        static let actionHint = "如 member.reveal、org.move"
        static let entity = "对象类型"
        static let entityHint = "org、member、transfer、user"
        static let entityID = "对象编号"
        static let from = "起始日期"
        static let to = "截止日期"
        static let filter = "筛选"
        static let noEntries = "没有符合条件的记录。"
        static let seq = "序号"
        static let time = "时间"
        static let object = "对象"
        static let summary = "摘要"
    }
}
