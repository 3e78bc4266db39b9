import ArgumentParser
import Crypto
import Foundation
import GonghuiDemo
import GonghuiDomain
import GonghuiFiles
import GonghuiServer
import GonghuiStore
import Hummingbird
import Logging

/// Adapts a file reader to the store's row source.
final class FileTable: TableSource {
    let reader: TableReader
    init(_ url: URL) throws { reader = try TableReader(url: url) }
    func readHeader() throws -> [String]? { try reader.readHeader() }
    func nextRow() throws -> (number: Int, cells: [String])? {
        guard let r = try reader.nextRow() else { return nil }
        return (r.number, r.cells)
    }
}

func sha256(of url: URL) throws -> String {
    let handle = try FileHandle(forReadingFrom: url)
    defer { try? handle.close() }
    var hasher = SHA256()
    while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
    return hasher.finalize().map { String(format: "%02x", $0) }.joined()
}
