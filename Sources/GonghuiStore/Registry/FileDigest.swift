import Crypto
import Foundation

/// The SHA-256 of an uploaded file, as the importers record it (so a re-upload is recognized).
public enum FileDigest {
    public static func sha256Hex(_ data: Data) -> String {
        Data(SHA256.hash(data: data)).hexString
    }
}
