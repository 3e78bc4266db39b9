import Foundation
import GonghuiDomain
import Logging
import SQLKit

/// The store as the rest of the platform sees it: the database, the field cipher, and one
/// service per feature area, all sharing one audit chain.
public final class Store: Sendable {
    public let database: Database
    public let cipher: FieldCipher
    public let orgs: OrgService
    public let members: MemberService
    public let users: UserService
    public let hardship: HardshipService
    public let assistance: AssistanceService
    public let disputes: DisputeService
    public let notifications: NotificationService
    public let warnings: WarningService
    public let legalAid: LegalAidService
    public let supervision: SupervisionService
    public let mutualAid: MutualAidService
    public let loans: LoanService
    public let cards: CardService
    public let auditLog: AuditLog
    let audit: AuditWriter

    public init(database: Database, cipher: FieldCipher) {
        self.database = database
        self.cipher = cipher
        audit = AuditWriter(cipher: cipher, engine: database.engine)
        orgs = OrgService(database: database, cipher: cipher, audit: audit)
        members = MemberService(database: database, cipher: cipher, audit: audit)
        users = UserService(database: database, audit: audit, hasher: PasswordHasher())
        hardship = HardshipService(database: database, cipher: cipher, audit: audit)
        assistance = AssistanceService(database: database, cipher: cipher, audit: audit)
        disputes = DisputeService(database: database, cipher: cipher, audit: audit)
        notifications = NotificationService(database: database, cipher: cipher)
        warnings = WarningService(database: database, cipher: cipher, audit: audit)
        legalAid = LegalAidService(database: database, cipher: cipher, audit: audit)
        supervision = SupervisionService(database: database, audit: audit)
        mutualAid = MutualAidService(database: database, cipher: cipher, audit: audit)
        loans = LoanService(database: database, cipher: cipher, audit: audit)
        cards = CardService(database: database, cipher: cipher, audit: audit)
        auditLog = AuditLog(database: database, cipher: cipher)
    }

    /// Opens, migrates, and checks that the key is the one the data was written with: the one
    /// way every command, the server and the tests open a store, so what the tests open is
    /// what production runs on.
    public static func open(configuration: StoreConfiguration, logger: Logger = Logger(label: "gonghui.store")) async throws -> (Store, warnings: [String]) {
        let (cipher, warnings) = try configuration.key.resolve(for: configuration.location)
        let database = try await Database.open(configuration.location, logger: logger)
        let store = Store(database: database, cipher: cipher)
        do {
            try await database.migrate()
            try await KeyRotation.refuseIfUnfinished(database)
            try await Self.checkFingerprint(cipher, database)
            try await store.members.fillNameKeys()
            // The year-ends the statistics keep (a pass over the periods once a year has ended).
            try await store.statistics.keepYearEnds()
        } catch {
            await database.close()
            throw error
        }
        return (store, warnings)
    }

    static func checkFingerprint(_ cipher: FieldCipher, _ database: Database) async throws {
        let fp = cipher.fingerprint
        try await database.write { db in
            if let row = try await db.raw("SELECT value FROM settings WHERE key = 'key_fingerprint'").first() {
                if try row.decode(column: "value", as: String.self) != fp { throw FieldCipher.KeyError.mismatch }
            } else {
                try await db.raw("INSERT INTO settings (key, value) VALUES ('key_fingerprint', \(bind: fp))").run()
            }
        }
    }

    public func close() async { await database.close() }

    /// Appends an audit entry outside any other change (for exports and other reads that are audited).
    public func record(action: String, entity: String, entityID: String, summary: String, actor: Actor) async throws {
        let audit = self.audit
        try await database.write { db in
            try await audit.append(.init(action: action, entity: entity, entityID: entityID, orgID: actor.orgID, orgPath: actor.scope.path, summary: summary), actor: actor, on: db)
        }
    }
}

/// What opening a store needs: where the data is and where its key comes from.
public struct StoreConfiguration: Sendable, Equatable {
    public var location: DatabaseLocation
    public var key: KeySettings

    public init(location: DatabaseLocation, key: KeySettings = KeySettings()) {
        self.location = location; self.key = key
    }

    /// From the settings as configured (`database`, `encryption.key`, `encryption.keyFile`).
    public init(database: String, encryptionKey: String? = nil, encryptionKeyFile: String? = nil) {
        self.init(location: DatabaseLocation(database), key: KeySettings(key: encryptionKey, keyFile: encryptionKeyFile))
    }
}

/// Where the encryption key comes from. Production names its key explicitly; only a new SQLite
/// database without one gets a generated key file beside it (mode 0600), with a warning.
public struct KeySettings: Sendable, Equatable {
    public var key: String?
    public var keyFile: String?

    public init(key: String? = nil, keyFile: String? = nil) {
        self.key = key; self.keyFile = keyFile
    }

    public func resolve(for location: DatabaseLocation) throws -> (FieldCipher, [String]) {
        let (text, warnings) = try resolveText(for: location)
        return (try FieldCipher(encodedKey: text), warnings)
    }

    /// The key as configured (base64 or hex text), for a backup that is asked to carry it.
    public func resolveText(for location: DatabaseLocation) throws -> (String, [String]) {
        if let key, !key.isEmpty { return (key, []) }
        if let keyFile, !keyFile.isEmpty {
            guard let text = try? String(contentsOfFile: keyFile, encoding: .utf8) else { throw KeyFileError.unreadable(keyFile) }
            return (text, [])
        }
        guard case .sqlite(let path) = location else { throw KeyFileError.requiredForPostgres }
        let keyPath = path + ".key"
        let fm = FileManager.default
        if fm.fileExists(atPath: keyPath) {
            guard let text = try? String(contentsOfFile: keyPath, encoding: .utf8) else { throw KeyFileError.unreadable(keyPath) }
            return (text, [])
        }
        if fm.fileExists(atPath: path), (try? fm.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 > 0 {
            throw KeyFileError.missingForExisting(path: path, keyPath: keyPath)
        }
        let key = FieldCipher.generateEncodedKey()
        guard fm.createFile(atPath: keyPath, contents: Data((key + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw KeyFileError.unwritable(keyPath)
        }
        return (key, ["未配置加密密钥：已为新数据库生成密钥文件 \(keyPath)（权限 0600）。请妥善备份；生产环境请通过 GONGHUI_ENCRYPTION_KEY 或 encryption.keyFile 明确指定密钥。"])
    }

    public enum KeyFileError: Error, UserFacingError, Equatable {
        case unreadable(String), unwritable(String), requiredForPostgres, missingForExisting(path: String, keyPath: String)
        public var message: String {
            switch self {
            case .unreadable(let p): "无法读取密钥文件 \(p)"
            case .unwritable(let p): "无法创建密钥文件 \(p)"
            case .requiredForPostgres: "使用 PostgreSQL 时必须配置加密密钥（环境变量 GONGHUI_ENCRYPTION_KEY 或配置项 encryption.key / encryption.keyFile）"
            case .missingForExisting(let p, let k): "数据库 \(p) 已存在，但找不到它的密钥文件 \(k)，也未配置 GONGHUI_ENCRYPTION_KEY"
            }
        }
    }
}
