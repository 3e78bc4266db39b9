import Foundation
import Testing
@testable import GonghuiServer

@Suite("JSON request bodies")
struct JSONParserTests {
    /// The same document as Foundation's decoder reads it.
    private func foundation(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    @Test func readsWhatFoundationReads() throws {
        let documents = [
            #"{"idNumber":"420102199003071232"}"#,
            #"  {"a": [1, -2, 3.5, -0.25, 1e3, 3.0, 2E-2, 1E-0, true, false, null], "b": {"c": ""}}  "#,
            #"{"name":"张三","escaped":"\"\\\/\b\f\n\r\t","bmp":"\u5f20\u0041","astral":"\ud83d\ude00"}"#,
            #"[]"#, #"{}"#, #"[[[[]]]]"#, #""just text""#, #"0"#, #"-0"#, #"9223372036854775807"#,
            "{\"mixed\":\"a😀b\u{7F}\"}",
        ]
        for d in documents {
            #expect(try JSONParser.parse(Array(d.utf8)) == foundation(d), "\(d)")
        }
        // A key given twice is refused, and named, at any depth.
        for d in [#"{"k": 1, "k": 2}"#, #"{"a": {"k": 1, "k": 1}}"#, #"[{"k": null, "k": null}]"#] {
            #expect { try JSONParser.parse(Array(d.utf8)) } throws: { ($0 as? JSONParser.Failure)?.duplicateKey == "k" }
        }
        #expect(try JSONParser.parse(Array(#"{"k": 1, "K": 2}"#.utf8)) == .object(["k": .int(1), "K": .int(2)]))
        #expect(try JSONParser.parse(Array("1e3".utf8)) == .int(1000))
        // Beyond 64 bits an integer is a floating-point number.
        #expect(try JSONParser.parse(Array("92233720368547758080".utf8)) == .double(92233720368547758080))
    }

    @Test func refusesWhatIsNotJSON() {
        let bad = [
            "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{'a':1}", "{\"a\" 1}", "{a:1}", "01", "1.", ".5", "-", "+1", "1e", "1e+",
            "tru", "nul", "NaN", "Infinity", "1e400", "\"unterminated", "\"bad \\x escape\"", "\"\\u12\"", "\"\\ud800\"",
            "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"tab\there\"", "\"line\nbreak\"", "[1] [2]", "{\"a\":1}x", "[1 2]",
        ]
        for d in bad {
            #expect(throws: JSONParser.Failure.self, "\(d)") { try JSONParser.parse(Array(d.utf8)) }
        }
        // Invalid UTF-8 inside a string, and nesting deeper than the limit.
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
        let deep = String(repeating: "[", count: JSONParser.maxDepth + 2) + String(repeating: "]", count: JSONParser.maxDepth + 2)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array(deep.utf8)) }
        let fine = String(repeating: "[", count: JSONParser.maxDepth) + String(repeating: "]", count: JSONParser.maxDepth)
        #expect(throws: Never.self) { try JSONParser.parse(Array(fine.utf8)) }
    }
}
