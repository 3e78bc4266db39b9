import Foundation
import GonghuiDomain
import Testing
@testable import GonghuiServer

@Suite("JSON responses written in one pass")
struct StreamingJSONTests {
    struct Inner: Codable, Equatable { var label: String; var n: Int8; var big: UInt64; var ratio: Double? }
    struct Outer: Codable {
        var id: Int64
        var text: String
        var absent: String?
        var flag: Bool
        var date: CivilDate
        var items: [Inner]
        var table: [String: Int]
        var nested: [[Int]]
        var empty: [String]
        var optionalInner: Inner?
    }

    private func foundation<T: Encodable>(_ v: T) throws -> [UInt8] { Array(try JSONResponse.encoder.encode(v)) }

    /// Each `"key":value` pair's text, sorted: what a scalar looks like does not depend on order.
    private func scalars(_ bytes: [UInt8]) throws -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        let pattern = try Regex(#""[a-zA-Z]+":("(?:[^"\\]|\\.)*"|[-0-9.e+]+|true|false|null)"#)
        return text.matches(of: pattern).map { String(text[$0.range]) }.sorted()
    }

    @Test func sameBytesAsFoundation() throws {
        let tricky = "引号\"反斜杠\\斜杠/换行\n回车\r制表\t退格\u{08}换页\u{0C}控制\u{01}\u{1F}表情😀 \u{2028}"
        let values = [
            Outer(id: -9_223_372_036_854_775_807, text: tricky, absent: nil, flag: true, date: CivilDate(year: 2025, month: 12, day: 31)!,
                  items: [Inner(label: "a", n: -128, big: UInt64.max, ratio: 0.1), Inner(label: "", n: 0, big: 0, ratio: nil),
                          Inner(label: "x", n: 127, big: 1, ratio: 1.0), Inner(label: "y", n: 1, big: 2, ratio: 1e-7),
                          Inner(label: "z", n: 2, big: 3, ratio: 123456789012.5), Inner(label: "w", n: 3, big: 4, ratio: -2.5e300)],
                  table: ["one": 1], nested: [[1, 2], [], [3]], empty: [], optionalInner: Inner(label: "o", n: 5, big: 6, ratio: 0)),
            Outer(id: 0, text: "", absent: "有", flag: false, date: CivilDate(year: 1990, month: 1, day: 1)!, items: [], table: [:],
                  nested: [], empty: [], optionalInner: nil),
        ]
        for v in values {
            let fast = try #require(StreamingJSON.encode(v))
            // The same document (Foundation orders an object's keys by hash on Linux; these
            // are in the order the value encodes them) and the same text for every scalar.
            #expect(try JSONParser.parse(fast) == JSONParser.parse(try foundation(v)))
            #expect(try scalars(fast) == scalars(try foundation(v)))
            #expect(try scalars(fast).contains { $0.hasPrefix(#""text":"#) })
        }
        let first = try #require(StreamingJSON.encode(values[1]))
        #expect(String(decoding: first, as: UTF8.self) == #"{"id":0,"text":"","absent":"有","flag":false,"date":"1990-01-01","items":[],"table":{},"nested":[],"empty":[]}"#)
        // Top-level values of every kind.
        #expect(StreamingJSON.encode("a\"b") == (try foundation("a\"b")))
        #expect(StreamingJSON.encode([1, 2, 3]) == (try foundation([1, 2, 3])))
        #expect(StreamingJSON.encode(Optional<Int>.none) == (try foundation(Optional<Int>.none)))
    }

    /// What one pass cannot write is left to Foundation.
    @Test func declinesWhatNeedsFoundation() {
        struct Nested: Encodable {
            enum K: String, CodingKey { case a, b }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: K.self)
                var inner = c.nestedContainer(keyedBy: K.self, forKey: .a)
                try inner.encode(1, forKey: .b)
            }
        }
        #expect(StreamingJSON.encode(Nested()) == nil)
        #expect(StreamingJSON.encode(["d": Data([1, 2])]) == nil)
        #expect(StreamingJSON.encode([Double.nan]) == nil)
    }
}
