import Crypto
import GonghuiDomain
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Encrypts sensitive fields (ID numbers, phones; later bank accounts, health and family data)
/// before they reach the database, and computes a keyed blind index so an exact look-up needs no
/// decryption (DOMAIN.md §13: PIPL art. 28, 等保 2.0 "encryption in storage").
///
/// One 256-bit master key from configuration; two subkeys derived with HKDF so the index key
/// never encrypts and the encryption key never indexes.
public struct FieldCipher: Sendable {
    private let encryptionKey: SymmetricKey
    private let indexKey: SymmetricKey
    /// The index key XOR-ed with HMAC's inner and outer pads (RFC 2104), computed once: keying
    /// an HMAC for every value costs more than hashing the value.
    private let innerPad: [UInt8]
    private let outerPad: [UInt8]
    private let auditKey: SymmetricKey
    /// Identifies the key without revealing it, stored in the database so a wrong key is refused
    /// at start-up instead of producing unreadable rows.
    public let fingerprint: String

    public init(masterKey: Data) throws(KeyError) {
        guard masterKey.count == 32 else { throw .wrongLength(masterKey.count) }
        let master = SymmetricKey(data: masterKey)
        encryptionKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data("gonghui field encryption v1".utf8), outputByteCount: 32)
        indexKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data("gonghui blind index v1".utf8), outputByteCount: 32)
        let keyBytes = indexKey.withUnsafeBytes { Array($0) } + [UInt8](repeating: 0, count: 32)
        innerPad = keyBytes.map { $0 ^ 0x36 }
        outerPad = keyBytes.map { $0 ^ 0x5C }
        auditKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data("gonghui audit chain v1".utf8), outputByteCount: 32)
        let fp = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data("gonghui key fingerprint v1".utf8), outputByteCount: 16)
        fingerprint = fp.withUnsafeBytes { Data($0) }.hexString
    }

    /// Parses the base64 (or 64-hex-digit) form used in configuration.
    public init(encodedKey: String) throws(KeyError) {
        let trimmed = encodedKey.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.count == 64, let hex = Data(hexString: trimmed) {
            try self.init(masterKey: hex)
        } else if let data = Data(base64Encoded: trimmed) {
            try self.init(masterKey: data)
        } else {
            throw .malformed
        }
    }

    public static func generateEncodedKey() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
    }

    /// AES-256-GCM with a random nonce; stored as base64 of nonce ‖ ciphertext ‖ tag.
    public func seal(_ plaintext: String) -> String {
        // Sealing with a fresh random nonce cannot fail for in-memory input.
        let box = try! AES.GCM.seal(Data(plaintext.utf8), using: encryptionKey)
        return box.combined!.base64EncodedString()
    }

    /// Seals many values at once: the nonces come from one read of the system's random source
    /// instead of one per value (each nonce is still 96 fresh random bits). Nil stays nil.
    public func seal(batch plaintexts: [String?]) -> [String?] {
        let count = plaintexts.count
        var random = [UInt8](repeating: 0, count: count * 12)
        SystemRandom.fill(&random)
        var out: [String?] = []
        out.reserveCapacity(count)
        for (i, plaintext) in plaintexts.enumerated() {
            guard let plaintext else { out.append(nil); continue }
            let nonce = try! AES.GCM.Nonce(data: random[(i * 12)..<(i * 12 + 12)])
            let box = try! AES.GCM.seal(Data(plaintext.utf8), using: encryptionKey, nonce: nonce)
            out.append(box.combined!.base64EncodedString())
        }
        return out
    }

    public func open(_ stored: String) throws(KeyError) -> String {
        guard let data = Data(base64Encoded: stored) else { throw .undecryptable }
        do {
            let box = try AES.GCM.SealedBox(combined: data)
            let plain = try AES.GCM.open(box, using: encryptionKey)
            guard let s = String(data: plain, encoding: .utf8) else { throw KeyError.undecryptable }
            return s
        } catch {
            throw .undecryptable
        }
    }

    /// HMAC-SHA256 of the normalized value, first 128 bits in hex: equal inputs give equal
    /// indexes, and without the key the index says nothing about the value.
    public func blindIndex(_ normalized: String, domain: String) -> String {
        var inner = SHA256()
        inner.update(data: innerPad)
        inner.update(data: Data(domain.utf8))
        inner.update(data: [0])
        inner.update(data: Data(normalized.utf8))
        var outer = SHA256()
        outer.update(data: outerPad)
        outer.update(data: Data(inner.finalize()))
        return Data(outer.finalize()).prefix(16).hexString
    }

    /// The same index computed with swift-crypto's HMAC, to check the fast path against.
    func blindIndexReference(_ normalized: String, domain: String) -> String {
        var mac = HMAC<SHA256>(key: indexKey)
        mac.update(data: Data(domain.utf8))
        mac.update(data: [0])
        mac.update(data: Data(normalized.utf8))
        return Data(mac.finalize()).prefix(16).hexString
    }

    /// Keyed hash for the audit chain: without the key, nobody with only database access can
    /// rewrite an entry and recompute the chain after it.
    public func auditMAC(_ fields: [String]) -> String {
        var mac = HMAC<SHA256>(key: auditKey)
        for f in fields {
            let bytes = Data(f.utf8)
            var length = UInt64(bytes.count).bigEndian
            mac.update(data: Data(bytes: &length, count: 8))
            mac.update(data: bytes)
        }
        return Data(mac.finalize()).hexString
    }

    public enum KeyError: Error, UserFacingError, Equatable {
        case wrongLength(Int), malformed, undecryptable, mismatch

        public var message: String {
            switch self {
            case .wrongLength(let n): "加密密钥长度应为 32 字节（256 位），实为 \(n) 字节"
            case .malformed: "加密密钥格式不正确：应为 32 字节的 Base64 或 64 位十六进制字符串"
            case .undecryptable: "加密字段无法解密：密钥不符或数据已损坏"
            case .mismatch: "配置的加密密钥与数据库不符：请使用创建该数据库时的密钥"
            }
        }
    }
}

/// The kernel's random source read in one call for many bytes (the standard generator asks the
/// kernel for every eight).
enum SystemRandom {
    static func fill(_ bytes: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        let fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
        precondition(fd >= 0, "/dev/urandom cannot be opened: errno \(errno)")
        defer { close(fd) }
        bytes.withUnsafeMutableBytes { buffer in
            var filled = 0
            while filled < buffer.count {
                let n = read(fd, buffer.baseAddress! + filled, buffer.count - filled)
                if n > 0 { filled += n } else { precondition(n < 0 && errno == EINTR, "/dev/urandom read failed: errno \(errno)") }
            }
        }
    }
}

/// A cheap one-way hash for tokens (they are long random strings, so no slow hash is needed).
enum TokenHash {
    static func of(_ token: String) -> String {
        Data(SHA256.hash(data: Data(token.utf8))).hexString
    }

    static func random(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let raw = (0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(raw).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

extension Data {
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        for b in self { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0x0F)]) }
        return String(decoding: out, as: UTF8.self)
    }

    init?(hexString: String) {
        var bytes = [UInt8]()
        var iterator = hexString.utf8.makeIterator()
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        while let hi = iterator.next() {
            guard let lo = iterator.next(), let h = nibble(hi), let l = nibble(lo) else { return nil }
            bytes.append(h << 4 | l)
        }
        self.init(bytes)
    }
}
