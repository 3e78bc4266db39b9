import GonghuiDemo
import GonghuiDomain
import Testing

@Suite("Demo accounts")
struct AccountTests {
    @Test("six logins at the intended levels", arguments: Fixtures.Name.allCases)
    func accounts(fixture: Fixtures.Name) throws {
        let province = fixture.province
        let orgs = Fixtures.orgsByCode(province)
        let accounts = Dictionary(uniqueKeysWithValues: province.accounts.map { ($0.username, $0) })
        #expect(Set(accounts.keys) == ["admin", "wuhan", "county", "chair", "reviewer", "auditor"])
        for account in province.accounts {
            #expect(Role(rawValue: account.role) != nil, "\(account.role)")
            #expect(orgs[account.orgCode] != nil, "\(account.orgCode)")
            #expect(account.password.count >= 12 && account.password.hasSuffix(account.username))
            #expect(!account.displayName.isEmpty)
        }
        let admin = try #require(accounts["admin"])
        #expect(admin.role == "system_admin" && orgs[admin.orgCode]?.kind == .province)
        let wuhan = try #require(accounts["wuhan"])
        #expect(wuhan.role == "org_admin" && orgs[wuhan.orgCode]?.name == "武汉市总工会")
        let county = try #require(accounts["county"])
        #expect(county.role == "org_admin" && orgs[county.orgCode]?.name == "武汉市江岸区总工会")
        let chair = try #require(accounts["chair"])
        #expect(chair.role == "org_admin" && orgs[chair.orgCode]?.kind == .grassroots)
        #expect(chair.orgCode.hasPrefix(county.orgCode) && chair.orgCode != county.orgCode)
        #expect(province.members().contains { $0.orgCode.hasPrefix(chair.orgCode) })
        let reviewer = try #require(accounts["reviewer"])
        #expect(reviewer.role == "reviewer" && reviewer.orgCode == county.orgCode)
        let auditor = try #require(accounts["auditor"])
        #expect(auditor.role == "auditor" && auditor.orgCode == admin.orgCode)
    }
}
