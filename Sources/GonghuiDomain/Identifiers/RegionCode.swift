/// The level of a GB/T 2260 administrative division.
public enum RegionLevel: String, Sendable, Codable, CaseIterable {
    /// 省级: code ends in "0000".
    case province
    /// 地级: code ends in "00" (including 省直辖县级行政区划 such as 429000).
    case prefecture
    /// 县级.
    case county
}

/// An administrative division code (行政区划代码, GB/T 2260): two digits each for province,
/// prefecture and county.
///
/// The code list changes every year, so this type checks only the form and the province; a
/// `RegionCatalog` of a given version checks membership.
public struct RegionCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Six ASCII digits.
    public let value: String

    /// Exactly six digits (after trimming surrounding white space) whose first two name a
    /// province-level unit, including 71 Taiwan, 81 Hong Kong and 82 Macao.
    public init(_ raw: String) throws(RegionCodeError) {
        let text = TextScanning.trimmed(raw)
        var province = 0
        var count = 0
        for byte in text.utf8 {
            guard byte >= 0x30 && byte <= 0x39, count < 6 else { throw .malformed(String(text)) }
            if count < 2 { province = province * 10 + Int(byte - 0x30) }
            count += 1
        }
        guard count == 6 else { throw .malformed(String(text)) }
        guard ProvinceCodes.isRegionProvince(province) else { throw .unknownProvince(String(text)) }
        value = String(text)
    }

    private init(trusted value: String) {
        self.value = value
    }

    public var level: RegionLevel {
        if value.hasSuffix("0000") { return .province }
        if value.hasSuffix("00") { return .prefecture }
        return .county
    }

    /// The province-level unit: the first two digits and "0000".
    public var provinceCode: RegionCode { RegionCode(trusted: String(value.prefix(2)) + "0000") }

    /// The prefecture-level unit: the first four digits and "00" (a province is its own).
    public var prefectureCode: RegionCode { RegionCode(trusted: String(value.prefix(4)) + "00") }

    /// Whether `other` lies within this division. Every division contains itself.
    public func contains(_ other: RegionCode) -> Bool {
        switch level {
        case .province: other.value.prefix(2) == value.prefix(2)
        case .prefecture: other.value.prefix(4) == value.prefix(4)
        case .county: other.value == value
        }
    }

    public static func < (lhs: RegionCode, rhs: RegionCode) -> Bool { lhs.value < rhs.value }

    public var description: String { value }
}

extension RegionCode: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        do {
            self = try RegionCode(container.decode(String.self))
        } catch let error as RegionCodeError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// Why a text is not an acceptable region code.
public enum RegionCodeError: Error, Equatable, Sendable, UserFacingError {
    /// Not six digits.
    case malformed(String)
    /// Six digits whose first two are not a province-level unit.
    case unknownProvince(String)
    /// Well formed, but missing from the code list of that version.
    case notInCatalog(String, version: String)

    public var message: String {
        switch self {
        case .malformed(let raw):
            "行政区划代码格式不正确：“\(raw)”，应为 6 位数字"
        case .unknownProvince(let raw):
            "行政区划代码“\(raw)”的前两位不是有效的省级代码"
        case .notInCatalog(let raw, let version):
            "行政区划代码“\(raw)”不在 \(version) 版行政区划代码表中"
        }
    }
}

/// A versioned list of region codes and names (GB/T 2260 as published for one year).
///
/// The list changes every year, so it is data with a version rather than code. A catalog may
/// cover only some provinces in detail: a province "is covered" when the catalog lists at
/// least one prefecture- or county-level code in it. In a covered province every code must be
/// listed; elsewhere the form check is all that can be done.
public struct RegionCatalog: Sendable {
    public let version: String
    /// Code → name, as given.
    public let entries: [String: String]
    /// First two digits of the provinces listed below province level.
    private let coveredProvinces: Set<Substring>

    /// Keys that are not six digits are kept but can never match a `RegionCode`.
    public init(version: String, entries: [String: String]) {
        self.version = version
        self.entries = entries
        var covered = Set<Substring>()
        for code in entries.keys where code.utf8.count == 6 && !code.hasSuffix("0000") {
            covered.insert(code.prefix(2))
        }
        self.coveredProvinces = covered
    }

    public var count: Int { entries.count }

    public func name(of code: RegionCode) -> String? { entries[code.value] }

    public func contains(_ code: RegionCode) -> Bool { entries[code.value] != nil }

    /// Whether the catalog lists the province of `code` below province level.
    public func covers(provinceOf code: RegionCode) -> Bool {
        coveredProvinces.contains(code.value.prefix(2))
    }

    /// The form check of `RegionCode`, then membership where this catalog covers the province.
    public func validate(_ raw: String) throws(RegionCodeError) -> RegionCode {
        let code = try RegionCode(raw)
        if entries[code.value] == nil && covers(provinceOf: code) {
            throw .notInCatalog(code.value, version: version)
        }
        return code
    }

    /// The listed divisions directly below `code`, in code order: the prefecture-level units
    /// of a province (and county-level units whose prefecture is not listed, as in the
    /// municipalities), or the county-level units of a prefecture.
    public func children(of code: RegionCode) -> [RegionCode] {
        let level = code.level
        guard level != .county else { return [] }
        var result: [RegionCode] = []
        for key in entries.keys where key != code.value {
            guard let child = try? RegionCode(key), code.contains(child) else { continue }
            switch (level, child.level) {
            case (.province, .prefecture), (.prefecture, .county):
                result.append(child)
            case (.province, .county) where entries[child.prefectureCode.value] == nil:
                result.append(child)
            default:
                break
            }
        }
        return result.sorted()
    }

    /// Code → name of the province-level units listed.
    public var provinceNames: [String: String] {
        entries.filter { $0.key.utf8.count == 6 && $0.key.hasSuffix("0000") }
    }

    /// The name with its listed ancestors, "湖北省武汉市江岸区"; the placeholder level
    /// 省直辖县级行政区划 and a repeated municipality name are left out ("湖北省仙桃市",
    /// "北京市东城区").
    public func fullName(of code: RegionCode) -> String? {
        guard let own = entries[code.value] else { return nil }
        var parts: [String] = []
        for ancestor in [code.provinceCode, code.prefectureCode] where ancestor != code {
            guard let name = entries[ancestor.value], !name.hasSuffix("直辖县级行政区划"),
                  name != "市辖区", parts.last != name
            else { continue }
            parts.append(name)
        }
        parts.append(own)
        return parts.joined()
    }
}
