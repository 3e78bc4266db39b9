import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Web console: the exact look-up by ID number")
struct MemberLookupTests {
    @Test("spaces accepted; a wrong check character said as such; the typed number kept beside its error", arguments: [Engine.sqlite])
    func lookup(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            var (officer, token) = try await client.webLogin("officer.a")
            // Grouped as people read it out: found.
            let spaced = String(f.idA.prefix(6)) + " " + String(f.idA.dropFirst(6).prefix(8)) + " " + String(f.idA.suffix(4))
            let found = try await client.post("/members/find", [("_csrf", token), ("key", spaced)], &officer)
            #expect(found.status == .seeOther && found.headers[.location] == "/members/\(f.memberA.id)", "\(found.text.prefix(300))")
            // One digit of the check character wrong: the check character is named, the number stays in the field.
            let last = f.idA.last!
            let wrong = String(f.idA.dropLast()) + (last == "1" ? "2" : "1")
            let bad = try await client.post("/members/find", [("_csrf", token), ("key", wrong)], &officer)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("身份证号校验位错误") && !bad.text.contains("请输入完整的 18 位"), "\(bad.text)")
            #expect(bad.text.contains("value=\"\(wrong)\""))
            // Something that is no number at all still asks for a full one.
            let short = try await client.post("/members/find", [("_csrf", token), ("key", "4201")], &officer)
            #expect(short.status == .unprocessableContent && short.text.contains("请输入完整的 18 位身份证号或 11 位手机号"))
        }
    }
}
