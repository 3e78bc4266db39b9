import Foundation
import GonghuiDomain

/// What the operator's commands (backup, restore, rekey, migrate, retention) refuse, and why, in
/// words an IT officer can act on.
public enum OperationsError: Error, UserFacingError, Equatable {
    /// The database was migrated by a newer program than this one.
    case databaseNewer(database: Int, program: Int)
    /// A key rotation was started and not finished.
    case rotationInProgress(done: String)
    case rotationKeys(String)
    case backupTarget(String)
    case backupUnreadable(String)
    case backupDamaged(String)
    case restoreTarget(String)
    case restoreFailed(String)
    case tool(String)

    public var message: String {
        switch self {
        case .databaseNewer(let d, let p):
            "数据库结构版本为第 \(d) 号迁移，比本程序认识的（第 \(p) 号）更新：它已由更新版本的 gonghui 升级过。请使用该版本或更新的程序，不要用旧程序打开，以免写坏数据"
        case .rotationInProgress(let done):
            "数据库的加密密钥轮换尚未完成（\(done)）：请先运行 gonghui rekey --new-key-file <新密钥文件>（仍配置旧密钥）完成轮换，再启动服务"
        case .rotationKeys(let why): why
        case .backupTarget(let why): "无法备份：\(why)"
        case .backupUnreadable(let why): "备份无法读取：\(why)"
        case .backupDamaged(let why): "备份校验未通过：\(why)"
        case .restoreTarget(let why): "无法恢复到目标：\(why)"
        case .restoreFailed(let why): "恢复失败，目标已清除：\(why)"
        case .tool(let why): why
        }
    }
}
