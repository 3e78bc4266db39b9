import ArgumentParser
import Crypto
import Foundation
import GonghuiDemo
import GonghuiDomain
import GonghuiFiles
import GonghuiServer
import GonghuiStore
import Hummingbird
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "启动服务器（JSON API、管理后台与职工服务平台）。")
    @OptionGroup var store: StoreOptions
    @Option(help: "监听地址（默认 127.0.0.1）") var host: String?
    @Option(help: "监听端口（默认 8080）") var port: Int?
    @Flag(help: "首次启动时生成演示数据（一个省的模拟组织与会员）") var demo = false
    @Option(name: .customLong("demo-members"), help: "演示数据的会员人数（默认 200000）") var demoMembers: Int?

    func run() async throws {
        try await runCommand {
            var extra: [String: String] = [:]
            if let host { extra["http.host"] = host }
            if let port { extra["http.port"] = String(port) }
            // The flags are the command line's layer of demo.enabled / demo.members.
            if demo { extra["demo.enabled"] = "true" }
            if let demoMembers { extra["demo.members"] = String(demoMembers) }
            // Before the store opens: its database timers are made with it and bind to the backend then.
            ServerMetrics.bootstrap()
            let (s, config) = try await store.openServing(extra: extra)
            var logger = Logger(label: "gonghui")
            logger.logLevel = Logger.Level(rawValue: config.logLevel) ?? .info
            var accounts: [DemoAccount] = []
            if config.demo {
                let seeder = DemoSeeder(store: s, members: config.demoMembers)
                accounts = try await seeder.seedIfEmpty()
            }
            let app = buildApplication(configuration: config, store: s, logger: logger)
            Console.out("Gonghui 工会信息平台已启动：http://\(config.host):\(config.port)/")
            Console.out("数据库：\(DatabaseLocation(config.database))")
            if !accounts.isEmpty {
                Console.out("演示账号（用户名 / 密码 / 角色 / 所属组织）：")
                for a in accounts { Console.out("  \(a.username) / \(a.password) / \(Role(rawValue: a.role)?.label ?? a.role) / \(a.orgCode)") }
            }
            try await app.runService()
            await s.close()
        }
    }
}

/// Adapts a file reader to the store's row source.
final class FileTable: TableSource {
    let reader: TableReader
    init(_ url: URL) throws { reader = try TableReader(url: url) }
    func readHeader() throws -> [String]? { try reader.readHeader() }
    func nextRow() throws -> (number: Int, cells: [String])? {
        guard let r = try reader.nextRow() else { return nil }
        return (r.number, r.cells)
    }
}

func sha256(of url: URL) throws -> String {
    let handle = try FileHandle(forReadingFrom: url)
    defer { try? handle.close() }
    var hasher = SHA256()
    while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
    return hasher.finalize().map { String(format: "%02x", $0) }.joined()
}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "批量导入组织或会员（CSV / XLSX，UTF-8 或 GBK 编码，中文或英文表头）。",
        discussion: "先校验全部行；有任何错误时不写入任何数据并逐行报告（行号、列、值、原因）。加 --skip-invalid 时导入正确的行，错误行写入 --rejects 文件。重复导入同一文件不会产生任何更改。")
    enum Kind: String, ExpressibleByArgument, CaseIterable { case orgs, members, bankResults = "bank-results" }
    @Argument(help: "导入内容：orgs（组织）、members（会员）或 bank-results（银行回单：参考号、结果、失败原因）") var kind: Kind
    @Argument(help: "文件路径（.csv 或 .xlsx）") var file: String
    @OptionGroup var store: StoreOptions
    @Flag(name: .customLong("skip-invalid"), help: "跳过错误行，只导入正确的行") var skipInvalid = false
    @Option(help: "错误行输出文件（CSV，含错误原因列）") var rejects: String?
    @Flag(name: .customLong("dry-run"), help: "只校验，不写入") var dryRun = false
    @Option(help: "发放批次编号（bank-results）") var batch: Int64?

    func validate() throws {
        if kind == .bankResults && batch == nil { throw ValidationError("导入银行回单请用 --batch 指定发放批次编号") }
    }

    func run() async throws {
        try await runCommand {
            let url = URL(fileURLWithPath: file)
            guard FileManager.default.isReadableFile(atPath: url.path) else {
                Console.error("找不到文件或无法读取：\(file)")
                throw ExitCode(2)
            }
            if kind == .bankResults, let batch {
                let (s, _) = try await store.open()
                do {
                    print(try await BankResultsImport(batch: batch, file: url).run(s))
                } catch {
                    await s.close()
                    throw error
                }
                await s.close()
                return
            }
            if skipInvalid && rejects == nil { Console.warn("未指定 --rejects，错误行将只在屏幕上列出") }
            let (s, _) = try await store.open()
            let options = ImportOptions(skipInvalid: skipInvalid, dryRun: dryRun, fileName: url.lastPathComponent, fileSHA256: try sha256(of: url))
            let actor = Actor.system("cli")
            var rejectWriter: CSVWriter?
            var rejectHeaderWritten = false
            var header: [String] = []
            if let rejects { rejectWriter = try CSVWriter(url: URL(fileURLWithPath: rejects)) }
            let onReject: (Int, [String], [ImportProblem]) -> Void = { row, cells, problems in
                guard let w = rejectWriter else { return }
                if !rejectHeaderWritten {
                    try? w.write(["行号"] + header + ["错误原因"])
                    rejectHeaderWritten = true
                }
                try? w.write([String(row)] + cells + [problems.map { "[\($0.column)] \($0.reason)" }.joined(separator: "；")])
            }
            let bar = ProgressBar(kind == .members ? "导入会员" : "导入组织")
            var current: FileTable?
            let open: () throws -> any TableSource = {
                let t = try FileTable(url)
                current = t
                return t
            }
            let progress: (ImportProgress) -> Void = { p in
                let f = current.flatMap { t in t.reader.totalBytes.map { Double(t.reader.bytesRead) / Double(max($0, 1)) } }
                bar.update(rows: p.rows, fraction: f.map {
                    switch p.phase {
                    case .validating: $0 / 2
                    case .writing: 0.5 + $0 / 2
                    case .loading: $0
                    }
                })
            }
            // Peek the header for the rejects file.
            if let h = try FileTable(url).readHeader() { header = h }
            let report: ImportReport
            switch kind {
            case .members:
                report = try await MemberImporter(store: s).run(open: open, options: options, actor: actor, onReject: onReject, progress: progress).0
            case .orgs, .bankResults:
                report = try await OrgImporter(store: s).run(source: try open(), options: options, actor: actor, onReject: onReject, progress: progress).0
            }
            try rejectWriter?.close()
            bar.finish(rows: report.rowsTotal)
            await s.close()
            let shown = report.problems.prefix(200)
            for p in shown { Console.info(p.description) }
            if report.problems.count > shown.count { Console.info("……另有 \(report.problems.count - shown.count) 处错误未列出" + (rejects.map { "，见 \($0)" } ?? "")) }
            for w in report.warnings.prefix(50) { Console.warn(w.description) }
            if let at = report.previouslyImportedAt {
                Console.info("提示：同一文件曾于 \(StoreError.shanghaiTime(at)) 导入过。")
            }
            print(report.summary)
            if !report.problems.isEmpty && !skipInvalid { throw ExitCode(4) }
        }
    }
}

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "导出组织或会员（CSV / XLSX，可直接再导入）。命令行以系统操作身份导出完整证件号码，每次导出都记入审计日志。")
    enum Kind: String, ExpressibleByArgument, CaseIterable { case orgs, members, payments }
    @Argument(help: "导出内容：orgs、members 或 payments（发放批次的银行代发文件）") var kind: Kind
    @Option(help: "组织代码：导出该组织及其全部下级（orgs、members）") var org: String?
    @Option(help: "发放批次编号（payments）") var batch: Int64?
    @Option(help: "输出文件（.csv 或 .xlsx）") var output: String
    @Flag(help: "CSV 用 GBK（GB18030）编码，供要求 GBK 的银行系统（payments）") var gbk = false
    @OptionGroup var store: StoreOptions

    func validate() throws {
        switch kind {
        case .payments: if batch == nil { throw ValidationError("导出银行代发文件请用 --batch 指定发放批次编号") }
        case .orgs, .members: if org == nil { throw ValidationError("请用 --org 指定组织代码") }
        }
    }

    func run() async throws {
        try await runCommand {
            let (s, _) = try await store.open()
            if kind == .payments, let batch {
                do {
                    print(try await PaymentsExport(batch: batch, output: output, gbk: gbk).run(s))
                } catch {
                    await s.close()
                    throw error
                }
                await s.close()
                return
            }
            let org = org!
            let url = URL(fileURLWithPath: output)
            let exporter = RegistryExporter(store: s)
            let bar = ProgressBar(kind == .members ? "导出会员" : "导出组织")
            let rows: Int
            switch kind {
            case .members: rows = try await exporter.exportMembers(orgCode: org, to: url, actor: .system("cli")) { bar.update(rows: $0, fraction: nil) }
            case .orgs, .payments: rows = try await exporter.exportOrgs(orgCode: org, to: url, actor: .system("cli")) { bar.update(rows: $0, fraction: nil) }
            }
            bar.finish(rows: rows)
            await s.close()
            print("已导出 \(rows) 行到 \(output)")
        }
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "生成演示省份数据：写入数据库，或以 --output-dir 输出为可导入的 CSV 文件。")
    @Option(help: "会员人数") var members = 200_000
    @Option(help: "随机种子（相同种子生成相同数据）") var seed: UInt64 = 20_261_121
    @Option(name: .customLong("output-dir"), help: "输出 orgs.csv 与 members.csv 到此目录，不写数据库") var outputDir: String?
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await runCommand {
            let province = DemoProvince(options: DemoOptions(members: members, seed: seed))
            if let outputDir {
                let dir = URL(fileURLWithPath: outputDir)
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                let bar = ProgressBar("生成演示数据")
                let orgWriter = try CSVWriter(url: dir.appendingPathComponent("orgs.csv"))
                try orgWriter.write(ImportColumns.orgs.chineseHeader)
                for o in province.orgs { try orgWriter.write(DemoSeeder.orgCells(o)) }
                try orgWriter.close()
                let memberWriter = try CSVWriter(url: dir.appendingPathComponent("members.csv"))
                try memberWriter.write(ImportColumns.members.chineseHeader)
                var n = 0
                for m in province.members() {
                    try memberWriter.write(DemoSeeder.memberCells(m))
                    n += 1
                    if n % 50_000 == 0 { bar.update(rows: n, fraction: Double(n) / Double(members)) }
                }
                try memberWriter.close()
                bar.finish(rows: n)
                print("已生成 \(province.orgs.count) 个组织、\(n) 名会员：\(dir.path)/orgs.csv、members.csv")
                return
            }
            let (s, _) = try await store.open()
            let accounts = try await DemoSeeder(store: s, members: members, seed: seed).seedIfEmpty()
            await s.close()
            if accounts.isEmpty { print("数据库中已有数据，未生成演示数据。") }
            for a in accounts { print("  \(a.username) / \(a.password) / \(a.role) / \(a.orgCode)") }
        }
    }
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "管理用户：新建、改密码、签发 API 令牌。",
                                                    subcommands: [Add.self, Passwd.self, Token.self, List.self])

    static func readPassword(_ given: String?) throws -> String {
        if let given { return given }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            Console.error("请通过标准输入提供密码，或使用 --password")
            throw ExitCode(2)
        }
        return line
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "新建用户（密码从标准输入读取，或用 --password）。")
        @Argument var username: String
        @Option(help: "角色：system_admin、org_admin、reviewer、auditor") var role: String
        @Option(help: "所属组织代码") var org: String
        @Option(name: .customLong("display-name")) var displayName: String?
        @Option var password: String?
        @OptionGroup var store: StoreOptions
        func run() async throws {
            try await runCommand {
                guard let r = Role(parsing: role) else { Console.error("未知角色：\(role)"); throw ExitCode(2) }
                let pw = try UserCommand.readPassword(password)
                let (s, _) = try await store.open()
                let u = try await s.users.add(username: username, displayName: displayName ?? username, password: pw, role: r, orgCode: org, actor: .system("cli"))
                await s.close()
                print("已新建用户 \(u.username)（\(u.role.label)，\(u.orgName)）")
            }
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "passwd", abstract: "重设用户密码（从标准输入读取，或用 --password）。")
        @Argument var username: String
        @Option var password: String?
        @OptionGroup var store: StoreOptions
        func run() async throws {
            try await runCommand {
                let pw = try UserCommand.readPassword(password)
                let (s, _) = try await store.open()
                try await s.users.setPassword(username: username, password: pw, actor: .system("cli"))
                await s.close()
                print("已重设用户 \(username) 的密码")
            }
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "token", abstract: "为用户签发 API 令牌（打印到标准输出）。")
        @Argument var username: String
        @Option var name = "cli"
        @OptionGroup var store: StoreOptions
        func run() async throws {
            try await runCommand {
                let (s, _) = try await store.open()
                let c = try await s.users.issueToken(username: username, name: name, actor: .system("cli"))
                await s.close()
                print(c.token)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出用户。")
        @OptionGroup var store: StoreOptions
        func run() async throws {
            try await runCommand {
                let (s, _) = try await store.open()
                for u in try await s.users.list(actor: .system("cli")) { print("\(u.username)\t\(u.role.label)\t\(u.orgCode)\t\(u.orgName)") }
                await s.close()
            }
        }
    }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "审计日志：校验哈希链、写入检查点、查看记录。", subcommands: [Verify.self, Checkpoint.self, List.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "校验审计日志哈希链是否完整、未被篡改；给出 --checkpoint 时还与检查点文件的最后一行比对。")
        @Option(help: "检查点文件（gonghui audit checkpoint 写入）：日志短于其记录的条数或该条哈希不符即校验失败") var checkpoint: String?
        @OptionGroup var store: StoreOptions
        func run() async throws {
            try await runCommand {
                let anchor = try checkpoint.map(AuditLog.lastCheckpoint(in:))
                let (s, _) = try await store.open()
                let v = try await s.auditLog.verify(against: anchor)
                await s.close()
                // Always, so the operator can keep a copy of the head out of the database's reach.
                print("审计日志头：第 \(v.headSeq) 条，哈希 \(v.headHash)")
                guard v.ok else {
                    Console.error("审计日志校验失败：\(v.problem ?? "")（已校验 \(v.entries) 条）")
                    throw ExitCode(5)
                }
                print("审计日志完整：共 \(v.entries) 条，哈希链校验通过。")
                if let c = v.checkpoint {
                    print("与检查点一致：第 \(c.seq) 条（\(StoreError.shanghaiTime(c.at)) 记录）哈希相符。")
                }
            }
        }
    }

    struct Checkpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "checkpoint",
            abstract: "把审计日志头（条数与哈希）追加到检查点文件；由 cron 定时运行，文件应放在数据库管理员改不到的地方。")
        @Option(help: "检查点文件：每行一个 JSON，只追加，新建时权限 0600") var file: String
        @OptionGroup var store: StoreOptions
        func run() async throws {
            try await runCommand {
                let (s, _) = try await store.open()
                do {
                    let c = try await s.auditLog.checkpoint(to: file)
                    await s.close()
                    print("已写入检查点：第 \(c.seq) 条，哈希 \(c.hash)（\(file)）")
                } catch let e as AuditCheckpointError {
                    await s.close()
                    // A log that contradicts the newest checkpoint fails like `verify` does.
                    if case .refused = e {
                        Console.error(e.message)
                        throw ExitCode(5)
                    }
                    throw e
                } catch {
                    await s.close()
                    throw error
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出最近的审计记录。")
        @Option var limit = 50
        @OptionGroup var store: StoreOptions
        func run() async throws {
            try await runCommand {
                let (s, _) = try await store.open()
                for e in try await s.auditLog.list(actor: .system("cli"), filter: .init(limit: limit)) {
                    print("\(e.seq)\t\(Date(timeIntervalSince1970: Double(e.at) / 1000))\t\(e.actor)\t\(e.action)\t\(e.summary)")
                }
                await s.close()
            }
        }
    }
}
