import Foundation
import GonghuiProcess

/// A PostgreSQL database as Debian's client programs (`pg_dump`, `pg_restore`) reach it: through
/// the libpq environment, so the password never shows on a command line.
struct PostgresTarget {
    var host: String
    var port: Int
    var user: String
    var password: String?
    var database: String
    var sslmode: String
    /// The URL with only the database changed (the `postgres` maintenance database, to create or drop one).
    var url: URLComponents

    init(url raw: String) throws {
        guard let c = URLComponents(string: raw), let host = c.host, !host.isEmpty else {
            throw OperationsError.restoreTarget("数据库地址无法解析：\(DatabaseLocation(raw))")
        }
        let db = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
        self.host = host; port = c.port ?? 5432; user = c.user ?? "postgres"; password = c.password
        database = db.isEmpty ? (c.user ?? "postgres") : db
        sslmode = c.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "disable"
        url = c
    }

    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["PGHOST"] = host; env["PGPORT"] = String(port); env["PGUSER"] = user; env["PGDATABASE"] = database
        env["PGSSLMODE"] = sslmode
        if let password { env["PGPASSWORD"] = password } else { env.removeValue(forKey: "PGPASSWORD") }
        return env
    }

    func with(database name: String) -> String {
        var c = url
        c.path = "/" + name
        return c.string ?? ""
    }

    /// A database name the commands create and drop: letters, digits and underscores only.
    var isPlainName: Bool {
        !database.isEmpty && database.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 || ($0 >= 65 && $0 <= 90) }
    }
}

/// Finds and runs PostgreSQL's client programs.
enum PostgresTools {
    /// On the PATH, else the newest of Debian's versioned directories.
    static func find(_ name: String) throws -> String {
        let fm = FileManager.default
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if fm.isExecutableFile(atPath: path) { return path }
        }
        let versions = ((try? fm.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).compactMap(Int.init).sorted(by: >)
        for v in versions where fm.isExecutableFile(atPath: "/usr/lib/postgresql/\(v)/bin/\(name)") {
            return "/usr/lib/postgresql/\(v)/bin/\(name)"
        }
        throw OperationsError.tool("找不到 PostgreSQL 客户端程序 \(name)：请安装 Debian 的 postgresql-client 软件包")
    }

    /// Runs the program to its end; a non-zero exit is an error with the end of what it wrote.
    static func run(_ path: String, _ arguments: [String], environment: [String: String]) async throws {
        let errPath = FileManager.default.temporaryDirectory.appendingPathComponent("gonghui-\(UUID().uuidString).err").path
        defer { try? FileManager.default.removeItem(atPath: errPath) }
        let status: Int32
        do {
            status = try await ChildProcess.run(path, arguments, environment: environment, standardError: errPath)
        } catch let e as ChildProcess.LaunchError {
            throw OperationsError.tool(e.description)
        }
        guard status == 0 else {
            let text = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
            let tail = text.split(separator: "\n").suffix(5).joined(separator: "\n")
            throw OperationsError.tool("\((path as NSString).lastPathComponent) 失败（退出码 \(status)）：\(tail)")
        }
    }
}
