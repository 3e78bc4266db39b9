import ArgumentParser
import Foundation
import GonghuiConfiguration
import GonghuiDomain
import GonghuiStore

/// `gonghui backup`: a consistent copy while the server runs, with its manifest.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "备份数据库到新目录（服务运行中也可执行）：数据文件、清单（密钥指纹、结构版本、校验和、审计日志头）；PostgreSQL 用 pg_dump。")
    @Option(help: "备份目录：不存在或为空；每次备份用新目录") var output: String
    @Flag(name: .customLong("with-key"), help: "把加密密钥一并写入备份目录（gonghui.key）。默认不写：密钥与备份应分开保管") var withKey = false
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await runCommand {
            let (s, settings) = try await store.open()
            do {
                let keyText = withKey
                    ? try KeySettings(key: settings.encryptionKey, keyFile: settings.encryptionKeyFile).resolveText(for: DatabaseLocation(settings.database)).0
                    : nil
                let m = try await s.backup(to: output, keyText: keyText, actor: .system("cli"))
                await s.close()
                print("已备份到 \(output)：\(m.file)，\(m.size) 字节，SHA-256 \(m.sha256)")
                print("结构版本：第 \(m.schemaVersion) 号迁移；密钥指纹：\(m.keyFingerprint)；审计日志头：第 \(m.auditHead.seq) 条 \(m.auditHead.hash)")
                print("内容：" + BackupManifest.countedTables.map { "\(OperationsText.table($0)) \(m.counts[$0] ?? 0)" }.joined(separator: "，"))
                if m.keyIncluded {
                    Console.warn("备份目录中含有加密密钥（\(BackupManifest.keyFileName)）：拿到此目录的人可以读出全部身份证号、手机号和银行账号。请加密保存或与数据分开存放。")
                } else {
                    print("密钥未写入备份：恢复时用 --encryption-key-file 给出指纹为 \(m.keyFingerprint.prefix(8))… 的密钥。")
                }
            } catch {
                await s.close()
                throw error
            }
        }
    }
}

/// `gonghui restore`: a backup into a new database, checked before it is put in place.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "把备份恢复到新数据库：不覆盖已有数据库；校验校验和、密钥指纹、完整性、结构版本（旧则升级）和审计日志哈希链。")
    @Argument(help: "gonghui backup 写出的备份目录") var directory: String
    @Option(help: "恢复到：新的 SQLite 文件路径，或新的 postgres:// 数据库地址（不得已存在）") var database: String
    @Option(name: .customLong("encryption-key-file"), help: "备份时使用的密钥文件（默认读取配置；都没有时用备份目录中的 gonghui.key）") var keyFile: String?

    func run() async throws {
        try await runCommand {
            let settings = try await CommandSettings.load(arguments: keyFile.map { ["encryption.keyFile": $0] } ?? [:])
            let target = DatabaseLocation(database)
            let report = try await Restore.run(from: directory, to: target,
                                               key: KeySettings(key: settings.encryptionKey, keyFile: settings.encryptionKeyFile))
            let m = report.manifest
            print("已恢复到 \(target)（备份时间 \(StoreError.shanghaiTime(m.createdAt))，\(m.engine)）")
            print("校验通过：校验和、密钥指纹 \(m.keyFingerprint.prefix(8))…、" + (m.engine == "sqlite" ? "SQLite 完整性检查、" : "pg_restore、") + "结构版本、审计日志哈希链")
            if !report.migratedForward.isEmpty { print("已升级结构：第 " + report.migratedForward.map(String.init).joined(separator: "、") + " 号迁移") }
            print("内容：" + BackupManifest.countedTables.map { "\(OperationsText.table($0)) \(report.counts[$0] ?? 0)" }.joined(separator: "，"))
            print("审计日志：\(report.auditEntries) 条，头为第 \(report.auditHead.seq) 条 \(report.auditHead.hash)")
            if let k = report.keyWrittenTo { print("已把备份中的密钥写到 \(k)（权限 0600）") }
        }
    }
}

/// `gonghui rekey`: every sealed field and blind index under a new key.
struct RekeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rekey",
        abstract: "更换字段加密密钥：重新加密全部加密字段、重建盲索引、重算审计日志哈希链；分批提交，中断后再运行一次即可继续。运行前请停止服务并备份。")
    @Option(name: .customLong("new-key-file"), help: "新密钥文件（32 个随机字节的 base64）") var newKeyFile: String
    @Flag(help: "生成新密钥写入 --new-key-file（该文件不得已存在），再轮换") var generate = false
    @Option(help: "每批行数") var batch = 500
    @Option(help: "审计检查点文件：轮换前与其最后一行比对，轮换后追加新的日志头") var checkpoint: String?
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await runCommand {
            let fm = FileManager.default
            if generate {
                guard !fm.fileExists(atPath: newKeyFile) else { throw ValidationError("\(newKeyFile) 已存在：--generate 只写新文件") }
                guard fm.createFile(atPath: newKeyFile, contents: Data((FieldCipher.generateEncodedKey() + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
                    throw ValidationError("无法写入 \(newKeyFile)")
                }
                print("已生成新密钥：\(newKeyFile)（权限 0600）")
            }
            guard let text = try? String(contentsOfFile: newKeyFile, encoding: .utf8) else { throw ValidationError("无法读取新密钥文件 \(newKeyFile)") }
            let newKey = try FieldCipher(encodedKey: text)
            let settings = try await CommandSettings.load(arguments: store.overrides)
            let bar = ProgressBar("密钥轮换")
            let done = Counter()
            let report = try await KeyRotation.rotate(
                configuration: StoreConfiguration(database: settings.database, encryptionKey: settings.encryptionKey, encryptionKeyFile: settings.encryptionKeyFile),
                newKey: newKey, batchSize: batch, checkpointFile: checkpoint) { _, rows in
                    bar.update(rows: done.add(rows), fraction: nil)
                }
            bar.finish(rows: done.value)
            if report.resumed { print("已接着上次中断处完成轮换。") }
            print("密钥已更换：新密钥指纹 \(newKey.fingerprint)")
            for (table, rows) in report.rows where rows > 0 { print("  \(OperationsText.table(table))：\(rows) 行重新加密") }
            print("  盲索引对照：\(report.mapped) 项；审计日志：\(report.auditEntries) 条重算哈希")
            if report.voidedActivationCodes > 0 { print("  未使用的激活码 \(report.voidedActivationCodes) 个已作废（激活码本身不保存，无法换新索引），请重新发放") }
            if report.orphans > 0 { print("  \(report.orphans) 个索引已无对应的加密字段（如已脱敏的档案），换成了不匹配任何人的值") }
            print("下一步：把配置的密钥（GONGHUI_ENCRYPTION_KEY 或 encryption.keyFile）换成 \(newKeyFile)，再启动服务；旧密钥只用于恢复轮换前的备份。")
        }
    }

    /// Rows done so far, shared with the progress callback.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func add(_ k: Int) -> Int { lock.lock(); defer { lock.unlock() }; n += k; return n }
        var value: Int { lock.lock(); defer { lock.unlock() }; return n }
    }
}

/// `gonghui retention`: what has passed its retention period.
struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "按保存期限（《个人信息保护法》第十九条）删除或脱敏到期的数据：已销档的困难职工档案及材料、激活码、会话、发送记录与登录失败记录。")
    @Flag(name: .customLong("dry-run"), help: "只列出到期的数据，不做改动") var dryRun = false
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await runCommand {
            let (s, _) = try await store.open()
            do {
                let report = try await s.applyRetention(dryRun: dryRun, actor: .system("cli"))
                await s.close()
                print(dryRun ? "试运行（未做改动）：\(report.on.iso) 到期的数据" : "已清理 \(report.on.iso) 到期的数据（已记入审计日志）")
                for line in report.lines {
                    print("  \(RetentionPolicy.title(line.key)) \(line.value)，\(line.cutoff.iso) 之前：" + line.counts.map { "\($0.what) \($0.count)" }.joined(separator: "，"))
                    print("    依据：\(line.source)")
                }
                if !report.archiveNumbers.isEmpty { print("  档案：" + report.archiveNumbers.joined(separator: "、")) }
            } catch {
                await s.close()
                throw error
            }
        }
    }
}

/// Table names as an IT officer reads them.
enum OperationsText {
    static func table(_ name: String) -> String {
        switch name {
        case "orgs": "组织"
        case "members": "会员"
        case "hardship_archives": "困难职工档案"
        case "grants": "帮扶发放"
        case "dispute_cases": "劳动争议案件"
        case "users": "用户"
        case "dispute_workers": "案件职工"
        case "dispute_mediators": "调解员"
        case "hardship_family": "档案家庭成员"
        case "payment_lines": "发放明细"
        case "outbox": "待发消息"
        case "hardship_attachments": "档案材料"
        case "dispute_papers": "案件材料"
        default: name
        }
    }
}
