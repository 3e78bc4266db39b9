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
