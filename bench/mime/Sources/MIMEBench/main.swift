import Foundation
import SwitchyardMIME

// Usage: MIMEBench ROUNDS FILE...  Prints one JSON line with the best round's figures.
// Files are read into memory first, so only parsing and text extraction are timed.
// MIMEBench --dump FILE...  prints every output field per file instead (see Dump.swift).
let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "--dump" {
    try dumpCorpus(Array(arguments.dropFirst()))
    exit(0)
}
let rounds = Int(arguments.first ?? "") ?? 3
let messages = arguments.dropFirst().compactMap { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } }
let totalBytes = messages.reduce(0) { $0 + $1.count }
var best = Double.infinity
var checksum = 0
for _ in 0..<max(1, rounds) {
    let start = ContinuousClock.now
    for bytes in messages {
        let message = Message(parsing: bytes)
        // The same work the gateway does per message: text split, attachments hashed, flags.
        checksum &+= message.newText.utf8.count &+ message.attachments.count &+ message.subjectText.utf8.count
        checksum &+= message.machine.isAutomated ? 1 : 0
    }
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    best = min(best, seconds)
}
let result: [String: Any] = [
    "parser": "switchyard", "messages": messages.count, "bytes": totalBytes, "seconds": best,
    "messages_per_second": Double(messages.count) / best, "mb_per_second": Double(totalBytes) / 1_048_576 / best,
    "checksum": checksum,
]
let data = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
print(String(decoding: data, as: UTF8.self))
