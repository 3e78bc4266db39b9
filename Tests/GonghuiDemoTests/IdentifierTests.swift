import GonghuiDemo
import GonghuiDomain
import Testing

@Suite("Demo identifiers")
struct IdentifierTests {
    @Test("the first 20,000 ID numbers validate and agree with gender and birth date")
    func idNumbersValidate() throws {
        let province = Fixtures.standard
        let asOf = province.options.asOf
        for member in province.members().prefix(20_000) {
            let id = try IDNumber(member.idNumber, today: asOf)
            #expect(id.value == member.idNumber)
            #expect(id.birthDate == member.birthDate)
            #expect(id.gender == member.gender)
            #expect((1960...2005).contains(member.birthDate.year))
        }
    }

    @Test("ID address codes: mostly the union's county, some elsewhere in Hubei, a few in other provinces")
    func idAddressCodes() throws {
        let province = Fixtures.standard
        let orgs = Fixtures.orgsByCode(province)
        let catalog = RegionCatalog.builtIn
        var sameCounty = 0
        var elsewhereInHubei = 0
        var otherProvince = 0
        let sample = 20_000
        for member in province.members().prefix(sample) {
            let address = String(member.idNumber.prefix(6))
            let code = try RegionCode(address)
            if address.hasPrefix("42") {
                #expect(catalog.contains(code) && code.level == .county, "\(address) is not a Hubei county")
                if address == orgs[member.orgCode]?.regionCode { sameCounty += 1 } else { elsewhereInHubei += 1 }
            } else {
                otherProvince += 1
            }
        }
        #expect(Double(sameCounty) / Double(sample) > 0.75)
        #expect((0.10...0.20).contains(Double(elsewhereInHubei) / Double(sample)))
        #expect((0.03...0.07).contains(Double(otherProvince) / Double(sample)))
    }

    @Test("ID numbers are unique over 1,000,000 members")
    func idNumbersUniqueOverAMillion() {
        let province = DemoProvince(options: DemoOptions(members: 1_000_000))
        var seen = Set<UInt64>(minimumCapacity: 1_000_000)
        var duplicates = 0
        for member in province.members() where !seen.insert(Fixtures.key(ofIDNumber: member.idNumber)).inserted {
            duplicates += 1
        }
        #expect(duplicates == 0)
        #expect(seen.count == 1_000_000)
    }

    @Test("ID numbers stay unique when a few unions hold everyone")
    func idNumbersUniqueWhenCrowded() {
        var options = DemoOptions(members: 300_000, grassrootsUnions: 12, seed: 99)
        options.townships = 3
        let province = DemoProvince(options: options)
        var seen = Set<UInt64>(minimumCapacity: 300_000)
        for member in province.members() { seen.insert(Fixtures.key(ofIDNumber: member.idNumber)) }
        #expect(seen.count == 300_000)
    }

    @Test("every credit code is 18 characters with a valid check, unique, and only on grassroots units")
    func creditCodes() throws {
        let catalog = RegionCatalog.builtIn
        var seen = Set<String>()
        for org in Fixtures.standard.orgs {
            guard org.kind.countsAsGrassroots else {
                #expect(org.creditCode == nil, "\(org.code) \(org.kind) has a credit code")
                continue
            }
            let raw = try #require(org.creditCode, "\(org.code) has no credit code")
            let code = try CreditCode(raw)
            #expect(code.value == raw)
            #expect(code.hasValidCheck, "\(raw) of \(org.code)")
            #expect(catalog.contains(try RegionCode(code.regionDigits)), "\(raw) names no Hubei region")
            #expect(IdentifierTests.organizationCodeIsValid(code.organizationCode), "\(raw): bad GB 11714 check")
            #expect(seen.insert(raw).inserted, "\(raw) given twice")
        }
        #expect(seen.count == Fixtures.standard.options.grassrootsUnions)
    }

    /// GB 11714: weights 3 7 9 10 5 8 4 2 over values 0–9, A=10 … Z=35; check 11 − (Σ mod 11),
    /// 10 written X and 11 written 0.
    static func organizationCodeIsValid(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        guard bytes.count == 9 else { return false }
        let weights = [3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for k in 0..<8 {
            let b = bytes[k]
            let value = (0x30...0x39).contains(b) ? Int(b) - 0x30 : Int(b) - 0x41 + 10
            sum += value * weights[k]
        }
        let check = 11 - sum % 11
        let expected: UInt8 = check == 10 ? UInt8(ascii: "X") : (check == 11 ? UInt8(ascii: "0") : UInt8(0x30 + check))
        return bytes[8] == expected
    }

    @Test("phone numbers are valid mobile numbers")
    func phones() throws {
        for member in Fixtures.standard.members().prefix(5_000) {
            let phone = try PhoneNumber(member.phone)
            #expect(phone.value == member.phone)
            #expect(["13", "15", "16", "17", "18", "19"].contains(String(member.phone.prefix(2))))
        }
    }
}
