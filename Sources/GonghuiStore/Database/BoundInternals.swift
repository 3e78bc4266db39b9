import GonghuiBoringSSL
import GonghuiSQLite

/// The internals of other packages that the store binds to for speed, and the exact versions
/// they were read from. Package.swift pins those versions (`exact:`); DependencyPinTests fails,
/// naming the package, the version and what is missing, when the pin and these disagree or a
/// symbol or field has gone, so that moving a pin is a deliberate step and never a silent one.
///
/// Public API instead was measured (1,000,000 members, Benchmarks/run.sh, same session; CPU
/// seconds of `gonghui import members`, server CPU per look-up): SQLiteNIO's query API, which
/// prepares every statement anew on its thread pool, made the import take 4.5–5.3 times the CPU
/// and a look-up 30 % more; swift-crypto's `AES.GCM.seal` and `HMAC`, with a key schedule per
/// value, made the import take 27–53 % more. Both are far above the 3 % a replacement may cost.
public enum BoundInternals {
    public struct Binding: Sendable {
        /// The package's name, as Package.swift and Package.resolved spell it.
        public let package: String
        /// The version the binding was written against, pinned exactly in Package.swift.
        public let version: String
        /// What is bound, for messages (the C shim, and the field read by reflection).
        public let what: String
    }

    /// `Sources/GonghuiSQLite` calls SQLiteNIO's embedded SQLite (`sqlite_nio_sqlite3_*`), on the
    /// handle that ``SQLiteLink`` reads from `SQLiteConnection.handle.raw` by reflection.
    public static let sqliteNIO = Binding(package: "sqlite-nio", version: "1.13.2",
                                          what: "C 函数 sqlite_nio_sqlite3_*（GonghuiSQLite）与 SQLiteConnection.handle.raw 字段")
    /// `Sources/GonghuiBoringSSL` calls swift-crypto's embedded BoringSSL (`CCryptoBoringSSL_*`).
    public static let swiftCrypto = Binding(package: "swift-crypto", version: "4.5.2",
                                            what: "C 函数 CCryptoBoringSSL_*（GonghuiBoringSSL）")

    /// The path, read by reflection, from an `SQLiteConnection` to its `sqlite3 *`.
    static let sqliteHandlePath = ["handle", "raw"]

    /// The first SQLite function the linked SQLiteNIO does not define; nil when all are there.
    public static var missingSQLiteSymbol: String? { gh_sqlite_missing_symbol().map { String(cString: $0) } }

    /// The first BoringSSL function the linked swift-crypto does not define; nil when all are there.
    public static var missingBoringSSLSymbol: String? { gh_boringssl_missing_symbol().map { String(cString: $0) } }
}
