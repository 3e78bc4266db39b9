import Testing
import GonghuiDomain

@Suite("PhoneNumber")
struct PhoneNumberTests {
    @Test("ways of writing the same number", arguments: [
        "13800138000", "138 0013 8000", "138-0013-8000", "+86 138 0013 8000", "8613800138000",
        "+86-13800138000", "008613800138000", " 13800138000\u{3000}", "１３８００１３８０００",
    ])
    func accepted(raw: String) throws {
        #expect(try PhoneNumber(raw).value == "13800138000")
    }

    @Test("not a mobile number", arguments: [
        "1380013800", "23800138000", "138001380000", "+13800138000", "1380013800a", "",
        "861380013800", "+8613800138000 转 1", "(138)00138000",
    ])
    func malformed(raw: String) {
        #expect(throws: PhoneNumberError.malformed(raw.trimmingCharacters(in: .whitespaces))) { try PhoneNumber(raw) }
    }

    @Test func masked() throws {
        let phone = try PhoneNumber("13812341234")
        #expect(phone.masked == "138****1234")
        #expect(phone.description == "138****1234")
        #expect("\(phone)" == "138****1234")
        #expect(String(reflecting: phone) == "PhoneNumber(138****1234)")
        var dumped = ""
        dump(phone, to: &dumped)
        #expect(!dumped.contains("13812341234"))
    }

    @Test func equalityUsesTheNormalizedNumber() throws {
        #expect(try PhoneNumber("+86 138 1234 1234") == PhoneNumber("13812341234"))
    }

    @Test func message() {
        #expect(PhoneNumberError.malformed("123").message == "手机号码格式不正确：“123”，应为以 1 开头的 11 位数字")
    }
}
