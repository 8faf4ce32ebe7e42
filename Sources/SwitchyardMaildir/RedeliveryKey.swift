internal import Crypto

/// What makes two deliveries "the same message to the same recipient", for redelivery dedupe.
///
/// The key is SHA-256 over the recipient and the whole message as received. An MTA that resends
/// after a lost reply sends the very same queue file, so the bytes match; a different submission
/// of equal content carries a different trace (the relaying MTA's `Received:` with its own queue
/// id), so the bytes differ. That is also why only *traced* messages -- at least one `Received:`
/// header, i.e. they come out of an MTA's queue -- are deduplicated: a direct client such as
/// `smtp-source -F FILE` sends byte-identical messages that are distinct deliveries, and without a
/// trace nothing tells them apart from a resend, so each one is delivered (unless the operator
/// sets `dedupeUntraced`, accepting that trade-off).
struct RedeliveryKey: Sendable, Hashable {
    let digest: [UInt8]

    init(recipient: String, message: [UInt8]) {
        var hasher = SHA256()
        hasher.update(data: Array(recipient.utf8))
        hasher.update(data: [0])
        hasher.update(data: message)
        self.digest = Array(hasher.finalize())
    }

    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(digest.count * 2)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the header section (up to the first empty line) has a `Received:` field.
    static func isTraced(_ message: [UInt8]) -> Bool {
        let name = Array("received:".utf8)
        var lineStart = 0
        while lineStart < message.count {
            let first = message[lineStart]
            if first == UInt8(ascii: "\r") || first == UInt8(ascii: "\n") { return false }  // end of header
            if lineStart + name.count <= message.count {
                var matches = true
                for (offset, expected) in name.enumerated() {
                    let byte = message[lineStart + offset]
                    let lowered = byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte
                    if lowered != expected {
                        matches = false
                        break
                    }
                }
                if matches { return true }
            }
            guard let newline = message[lineStart...].firstIndex(of: UInt8(ascii: "\n")) else { return false }
            lineStart = newline + 1
        }
        return false
    }
}
