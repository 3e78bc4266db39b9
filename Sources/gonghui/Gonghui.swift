import ArgumentParser
import Foundation
import GonghuiConfiguration
import GonghuiDomain
import GonghuiFiles
import GonghuiServer
import GonghuiStore
import Logging

@main
struct Gonghui: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gonghui",
        abstract: "工会信息平台（Gonghui）：服务器、批量导入导出与运维命令。",
        subcommands: [Serve.self, Migrate.self, Import.self, Export.self, ReportCommand.self, Demo.self, UserCommand.self, AuditCommand.self,
                      BackupCommand.self, RestoreCommand.self, RekeyCommand.self, RetentionCommand.self, WarningsCommand.self, NationCommand.self])
}

/// Options every command shares: where the data is and where its key is.
struct StoreOptions: ParsableArguments {
    @Option(help: "数据库：SQLite 文件路径或 postgres:// 地址（默认 gonghui.sqlite，或环境变量 GONGHUI_DATABASE）")
    var database: String?

    @Option(name: .customLong("encryption-key-file"), help: "加密密钥文件（默认读取配置 encryption.key / GONGHUI_ENCRYPTION_KEY）")
    var keyFile: String?

    var overrides: [String: String] {
        var o: [String: String] = [:]
        if let database { o["database"] = database }
        if let keyFile { o["encryption.keyFile"] = keyFile }
        return o
    }

    /// Opens the store for a command that does not serve: it reads only the settings every
    /// command needs (GonghuiConfiguration), not the server's.
    func open() async throws -> (Store, CommandSettings) {
        let settings = try await CommandSettings.load(arguments: overrides)
        return (try await Self.open(settings), settings)
    }

    /// For `serve`: the server's whole configuration, with the command line's `extra` on top.
    func openServing(extra: [String: String]) async throws -> (Store, AppConfiguration) {
        let config = try await AppConfiguration.load(arguments: overrides.merging(extra) { _, b in b })
        return (try await Self.open(config.command), config)
    }

    /// How every command opens its store, after setting up its logs.
    static func open(_ settings: CommandSettings) async throws -> Store {
        // Every command logs in the configured format from here on (log.format, log.level).
        LogSetup.bootstrap(format: LogFormat(rawValue: settings.logFormat) ?? .logfmt, level: Logger.Level(rawValue: settings.logLevel) ?? .info)
        let (store, warnings) = try await Store.open(configuration: StoreConfiguration(
            database: settings.database, encryptionKey: settings.encryptionKey, encryptionKeyFile: settings.encryptionKeyFile))
        for w in warnings { Console.warn(w) }
        return store
    }
}

/// Runs a command body, turning domain errors into a clear message and a non-zero exit.
func runCommand(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let e as any UserFacingError {
        Console.error(e.message)
        throw ExitCode(e is StoreError ? 3 : 2)
    } catch let e as ExitCode {
        throw e
    } catch {
        Console.error("操作失败：\(error)")
        throw ExitCode(1)
    }
}

enum Console {
    /// Straight to standard output, unbuffered: `print` is fully buffered when the output is a
    /// log file, and a server's start-up lines must be there at once.
    static func out(_ s: String) { FileHandle.standardOutput.write(Data((s + "\n").utf8)) }

    static var isTerminal: Bool { isatty(2) == 1 }
    static func warn(_ s: String) { FileHandle.standardError.write(Data("警告：\(s)\n".utf8)) }
    static func error(_ s: String) { FileHandle.standardError.write(Data("错误：\(s)\n".utf8)) }
    static func info(_ s: String) { FileHandle.standardError.write(Data("\(s)\n".utf8)) }
}

/// A progress bar with rows/s and time left, drawn on a terminal only.
final class ProgressBar: @unchecked Sendable {
    let label: String
    let start = Date()
    var lastDraw = Date.distantPast
    let enabled = Console.isTerminal

    init(_ label: String) { self.label = label }

    func update(rows: Int, fraction: Double?) {
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.2 else { return }
        lastDraw = Date()
        let elapsed = max(Date().timeIntervalSince(start), 0.001)
        let rate = Double(rows) / elapsed
        var line = "\r\(label) "
        if let f = fraction, f > 0 {
            let width = 30
            let filled = min(width, Int(f * Double(width)))
            line += "[" + String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled) + "] \(Int(f * 100))% "
            let left = elapsed / f - elapsed
            line += "剩余 \(Self.clock(left)) "
        }
        line += "\(rows) 行 \(Int(rate)) 行/秒   "
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish(rows: Int) {
        let elapsed = max(Date().timeIntervalSince(start), 0.001)
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        Console.info("\(label)：\(rows) 行，用时 \(String(format: "%.1f", elapsed)) 秒（\(Int(Double(rows) / elapsed)) 行/秒）")
    }

    static func clock(_ s: Double) -> String {
        guard s.isFinite, s >= 0 else { return "--:--" }
        let t = Int(s)
        return String(format: "%02d:%02d", t / 60, t % 60)
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "创建或升级数据库结构（启动服务时也会自动执行）；--plan 只列出将要执行的迁移。")
    @OptionGroup var store: StoreOptions
    @Flag(help: "回退最新一次迁移") var down = false
    @Flag(help: "只列出尚未执行的迁移：每条语句做什么、约涉及多少行；不做改动") var plan = false

    func run() async throws {
        try await runCommand {
            if plan {
                let settings = try await CommandSettings.load(arguments: store.overrides)
                var location = DatabaseLocation(settings.database)
                // A plan changes nothing: for a database not made yet, plan against an empty one in memory.
                if case .sqlite(let path) = location, path != ":memory:", !FileManager.default.fileExists(atPath: path) {
                    location = .sqlite(path: ":memory:")
                }
                let db = try await Database.open(location)
                do {
                    let p = try await db.migrationPlan()
                    await db.close()
                    Self.show(p)
                } catch {
                    await db.close()
                    throw error
                }
                return
            }
            let (s, _) = try await store.open()
            defer { Task { await s.close() } }
            if down {
                if let v = try await s.database.migrateDown() { print("已回退第 \(v) 号迁移") } else { print("没有可回退的迁移") }
            } else {
                print("数据库已是最新结构：\(try await s.database.appliedMigrations().map(String.init).joined(separator: ", "))")
                let kept = try await s.statistics.keptDays()
                print("统计年报保留的会员数年末快照：" + (kept.isEmpty ? "无" : kept.map(\.iso).joined(separator: "、")))
            }
            await s.close()
        }
    }

    static func show(_ p: MigrationPlan) {
        Swift.print("数据库已执行迁移：" + (p.applied.isEmpty ? "无（新数据库）" : "第 \(p.applied.first!)–\(p.applied.last!) 号，共 \(p.applied.count) 个") + "；本程序最高为第 \(p.programVersion) 号")
        guard !p.pending.isEmpty else {
            Swift.print("没有待执行的迁移。")
            return
        }
        Swift.print("待执行 \(p.pending.count) 个迁移（每个迁移在一个事务中执行，失败则该迁移不留下任何改动）：")
        for step in p.pending {
            Swift.print("  第 \(step.version) 号 \(step.name)" + (step.reversible ? "" : "（不可回退）"))
            for s in step.statements {
                Swift.print("    - \(s.summary)" + (s.rows.map { "：约 \($0) 行" } ?? ""))
            }
        }
        Swift.print("合计约涉及 \(p.rowsTouched) 行。升级前请先备份（gonghui backup --output 目录）。")
    }
}

extension FileError: UserFacingError {}
