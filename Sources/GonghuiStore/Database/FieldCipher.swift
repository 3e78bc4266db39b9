import Crypto
import GonghuiBoringSSL
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
    /// The encryption key's AES-256-GCM schedule, set up once for every value sealed.
    private let sealer: FieldSealer
    private let indexKey: SymmetricKey
    private let indexKeyBytes: [UInt8]
    private let auditKey: SymmetricKey
    /// Identifies the key without revealing it, stored in the database so a wrong key is refused
    /// at start-up instead of producing unreadable rows.
    public let fingerprint: String

    public init(masterKey: Data) throws(KeyError) {
        guard masterKey.count == 32 else { throw .wrongLength(masterKey.count) }
        let master = SymmetricKey(data: masterKey)
        encryptionKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data("gonghui field encryption v1".utf8), outputByteCount: 32)
        indexKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data("gonghui blind index v1".utf8), outputByteCount: 32)
        indexKeyBytes = indexKey.withUnsafeBytes { Array($0) }
        sealer = FieldSealer(key: encryptionKey)
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
        // 96 random bits from the system generator (no file to open for one value).
        var random = SystemRandomNumberGenerator()
        let nonce = withUnsafeBytes(of: (random.next(), random.next())) { Array($0.prefix(12)) }
        return sealer.seal(plaintext, nonce: nonce[...])
    }

    /// Seals many values at once: the nonces come from one read of the system's random source
    /// instead of one per value (each nonce is still 96 fresh random bits). Nil stays nil.
    public func seal(batch plaintexts: [String?]) -> [String?] {
        var random = [UInt8](repeating: 0, count: plaintexts.count * 12)
        SystemRandom.fill(&random)
        return plaintexts.enumerated().map { i, plaintext in
            plaintext.map { sealer.seal($0, nonce: random[(i * 12)..<(i * 12 + 12)]) }
        }
    }

    /// The same sealed form made by swift-crypto, to check the fast path against.
    func sealReference(_ plaintext: String, nonce: [UInt8]) -> String {
        let box = try! AES.GCM.seal(Data(plaintext.utf8), using: encryptionKey, nonce: try! AES.GCM.Nonce(data: nonce))
        return box.combined!.base64EncodedString()
    }

    /// The fast path with a given nonce, for that check.
    func sealForTest(_ plaintext: String, nonce: [UInt8]) -> String { sealer.seal(plaintext, nonce: nonce[...]) }

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

    /// Bytes (a scanned paper): AES-256-GCM, nonce ‖ ciphertext ‖ tag, not base64.
    public func sealBytes(_ plaintext: [UInt8]) throws -> [UInt8] {
        [UInt8](try AES.GCM.seal(plaintext, using: encryptionKey).combined!)
    }

    public func openBytes(_ stored: [UInt8]) throws(KeyError) -> [UInt8] {
        do {
            return [UInt8](try AES.GCM.open(try AES.GCM.SealedBox(combined: stored), using: encryptionKey))
        } catch {
            throw .undecryptable
        }
    }

    /// HMAC-SHA256 of the normalized value, first 128 bits in hex: equal inputs give equal
    /// indexes, and without the key the index says nothing about the value.
    public func blindIndex(_ normalized: String, domain: String) -> String {
        // The message is domain ‖ 0 ‖ value.
        var message = [UInt8]()
        message.reserveCapacity(domain.utf8.count + 1 + normalized.utf8.count)
        message.append(contentsOf: domain.utf8)
        message.append(0)
        message.append(contentsOf: normalized.utf8)
        guard FieldSealer.usesBoringSSL else { return Hex.string(Array(HMAC<SHA256>.authenticationCode(for: message, using: indexKey)).prefix(16)) }
        var mac = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let done = indexKeyBytes.withUnsafeBytes { key in
            message.withUnsafeBufferPointer { m in
                mac.withUnsafeMutableBufferPointer { out in
                    CCryptoBoringSSL_HMAC(CCryptoBoringSSL_EVP_sha256(), key.baseAddress, key.count, m.baseAddress, m.count, out.baseAddress, &length)
                }
            }
        }
        precondition(done != nil && length == 32, "HMAC-SHA256 failed")
        return Hex.string(mac[..<16])
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
            case .mismatch: "配置的加密密钥与数据库不符：请使用该数据库当前的密钥（创建时的密钥；用 gonghui rekey 更换过的，用更换后的新密钥）"
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

/// Lower-case hexadecimal text of bytes.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func string(_ bytes: some Collection<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            var i = 0
            for b in bytes {
                out[i] = digits[Int(b >> 4)]
                out[i + 1] = digits[Int(b & 0x0F)]
                i += 2
            }
            return i
        }
    }
}

/// AES-256-GCM sealing with BoringSSL's context for one key, kept for the key's lifetime; the
/// context is only read while sealing, so one serves every thread.
///
/// The context is swift-crypto's internals (``BoundInternals``); where the linked swift-crypto
/// lacks one of the functions, sealing goes through its public `AES.GCM.seal` instead: the
/// same output, a key schedule per value (importing 1,000,000 members took 27–53 % more CPU).
final class FieldSealer: @unchecked Sendable {
    private let context: OpaquePointer?
    private let key: SymmetricKey

    /// Whether the linked swift-crypto defines every BoringSSL function the fast paths call.
    static let usesBoringSSL = BoundInternals.missingBoringSSLSymbol == nil

    init(key: SymmetricKey) {
        self.key = key
        context = !Self.usesBoringSSL ? nil : key.withUnsafeBytes { k in
            CCryptoBoringSSL_EVP_AEAD_CTX_new(CCryptoBoringSSL_EVP_aead_aes_256_gcm(), k.bindMemory(to: UInt8.self).baseAddress, k.count, 16)
        }
    }

    deinit { if let context { CCryptoBoringSSL_EVP_AEAD_CTX_free(context) } }

    /// base64 of nonce ‖ ciphertext ‖ tag, as `AES.GCM.SealedBox.combined`.
    func seal(_ plaintext: String, nonce: ArraySlice<UInt8>) -> String {
        precondition(nonce.count == 12, "AES-GCM nonces are 96 bits")
        guard let context else {
            let box = try! AES.GCM.seal(Array(plaintext.utf8), using: key, nonce: try! AES.GCM.Nonce(data: nonce))
            return Base64.string(Array(box.combined!))
        }
        var text = plaintext
        return text.withUTF8 { input in
            var combined = [UInt8](repeating: 0, count: 12 + input.count + 16)
            var written = 0
            let ok = combined.withUnsafeMutableBufferPointer { out -> Int32 in
                for (i, b) in nonce.enumerated() { out[i] = b }
                return CCryptoBoringSSL_EVP_AEAD_CTX_seal(context, out.baseAddress! + 12, &written, out.count - 12,
                                                          out.baseAddress, 12, input.baseAddress, input.count, nil, 0)
            }
            precondition(ok == 1 && written == input.count + 16, "AES-GCM sealing failed")
            return Base64.string(combined)
        }
    }
}

/// Standard base64 with padding, as `Data.base64EncodedString()`.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func string(_ bytes: [UInt8]) -> String {
        let n = bytes.count
        return String(unsafeUninitializedCapacity: (n + 2) / 3 * 4) { out in
            var o = 0, i = 0
            while i + 3 <= n {
                let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
                out[o] = alphabet[Int(v >> 18)]; out[o + 1] = alphabet[Int(v >> 12 & 63)]
                out[o + 2] = alphabet[Int(v >> 6 & 63)]; out[o + 3] = alphabet[Int(v & 63)]
                i += 3; o += 4
            }
            if i < n {
                let v = UInt32(bytes[i]) << 16 | (i + 1 < n ? UInt32(bytes[i + 1]) << 8 : 0)
                out[o] = alphabet[Int(v >> 18)]; out[o + 1] = alphabet[Int(v >> 12 & 63)]
                out[o + 2] = i + 1 < n ? alphabet[Int(v >> 6 & 63)] : UInt8(ascii: "=")
                out[o + 3] = UInt8(ascii: "=")
                o += 4
            }
            return o
        }
    }
}

extension Data {
    var hexString: String { Hex.string(self) }

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
