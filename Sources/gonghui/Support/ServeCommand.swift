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
            // The store closes however the server ends.
            do {
                try await app.runService()
            } catch {
                await s.close()
                throw error
            }
            await s.close()
        }
    }
}
