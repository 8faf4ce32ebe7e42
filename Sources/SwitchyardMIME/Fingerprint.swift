internal import Crypto

/// Content fingerprints for attachments: the hex SHA-256 that admins compare against
/// threat-intel lists and that the audit log keeps instead of the bytes.
public enum Fingerprint {
    /// Lower-case hex SHA-256 of `bytes` (swift-crypto, the same digest the Maildir dedupe uses).
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        let hexDigits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
