import Foundation
@testable import GonghuiStore
import SQLiteNIO
import Testing

/// The store binds to internals of two packages (``BoundInternals``). These tests fail, naming
/// the package, the version it was written against and what is missing, when a pin moves or the
/// linked package no longer has a symbol or field the store uses: moving a pin must be a
/// deliberate step, with the shims checked against the new version.
@Suite("Dependencies the store binds to")
struct DependencyPinTests {
    /// The repository root, from this file's path (Tests/GonghuiStoreTests/Database/…).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let bindings = [BoundInternals.sqliteNIO, BoundInternals.swiftCrypto]

    @Test("Package.swift pins each bound package to exactly the version its binding was written against",
          arguments: bindings.map(\.package))
    func pinnedExactly(package: String) throws {
        let binding = try #require(Self.bindings.first { $0.package == package })
        let manifest = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let line = manifest.split(separator: "\n").first { $0.contains(".package(") && $0.contains("/\(package).git\"") }
        let pinned = try #require(line, "Package.swift has no dependency on \(package), whose internals the store binds to (\(binding.what))")
        #expect(pinned.contains("exact: \"\(binding.version)\""),
                "\(package): the store binds to \(binding.what), written against \(binding.version), so Package.swift must pin it with exact: \"\(binding.version)\"; it says: \(pinned.trimmingCharacters(in: .whitespaces))")
    }

    @Test("the version resolved (Package.resolved, when SwiftPM has written it) is the pinned one", arguments: bindings.map(\.package))
    func resolved(package: String) throws {
        let binding = try #require(Self.bindings.first { $0.package == package })
        let url = Self.root.appendingPathComponent("Package.resolved")
        // Package.resolved stays out of git; SwiftPM writes it when it resolves.
        guard let data = try? Data(contentsOf: url) else { return }
        struct Resolved: Decodable {
            struct Pin: Decodable {
                struct State: Decodable { let version: String? }
                let identity: String
                let state: State
            }
            let pins: [Pin]
        }
        let pins = try JSONDecoder().decode(Resolved.self, from: data).pins
        let pin = try #require(pins.first { $0.identity == package }, "Package.resolved does not list \(package)")
        #expect(pin.state.version == binding.version,
                "\(package) resolved to \(pin.state.version ?? "a revision without a version"), but the store binds to \(binding.what) as in \(binding.version)")
    }

    @Test("every SQLite function GonghuiSQLite declares is defined by the linked SQLiteNIO")
    func sqliteSymbols() {
        let b = BoundInternals.sqliteNIO
        #expect(BoundInternals.missingSQLiteSymbol == nil,
                "\(b.package) \(b.version): the linked SQLiteNIO does not define \(BoundInternals.missingSQLiteSymbol ?? ""), declared in Sources/GonghuiSQLite/include/GonghuiSQLite.h")
    }

    @Test("SQLiteConnection still keeps its sqlite3 handle where the store reads it by reflection, and it is a live connection")
    func sqliteHandleField() async throws {
        let b = BoundInternals.sqliteNIO
        let connection = try await SQLiteConnection.open(storage: .memory)
        let handle = SQLiteLink.handle(of: connection)
        #expect(handle != nil,
                "\(b.package) \(b.version): SQLiteConnection has no field \(BoundInternals.sqliteHandlePath.joined(separator: ".")) holding an OpaquePointer, which Sources/GonghuiStore/Database/NativeSQLite.swift reads by reflection")
        if handle != nil {
            // The pointer is the connection's: a statement run through it sees what SQLiteNIO wrote.
            try await connection.query("CREATE TABLE t (v INTEGER)")
            try await connection.query("INSERT INTO t VALUES (42)")
            let link = try SQLiteLink(connection)
            var seen: [Int64] = []
            try link.run("SELECT v FROM t", []) { seen.append($0.int64(0)) }
            link.finalizeStatements()
            #expect(seen == [42])
        }
        try await connection.close()
    }

    @Test("the linked SQLite is the one sqlite-nio 1.13.2 embeds")
    func sqliteVersion() {
        let b = BoundInternals.sqliteNIO
        #expect(SQLiteConnection.libraryVersionString() == "3.54.1",
                "\(b.package) \(b.version) embeds SQLite 3.54.1, the linked one is \(SQLiteConnection.libraryVersionString()): the pin and the checkout disagree")
    }

    @Test("every BoringSSL function GonghuiBoringSSL declares is defined by the linked swift-crypto, and the field cipher uses them")
    func boringSSLSymbols() {
        let b = BoundInternals.swiftCrypto
        #expect(BoundInternals.missingBoringSSLSymbol == nil,
                "\(b.package) \(b.version): the linked swift-crypto does not define \(BoundInternals.missingBoringSSLSymbol ?? ""), declared in Sources/GonghuiBoringSSL/include/GonghuiBoringSSL.h; the field cipher falls back to the slower public API")
        #expect(FieldSealer.usesBoringSSL, "\(b.package) \(b.version): the field cipher is not on its BoringSSL path")
    }
}
