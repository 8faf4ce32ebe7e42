import Foundation
import SwitchyardMIME
import Testing

@Suite("Every corpus message parses")
struct CorpusSweepTests {
    /// Generous for a debug build on a loaded 2-core machine; a stall or quadratic blow-up
    /// on a hostile file is orders of magnitude slower than this.
    static let secondsPerMB = 10.0
    static let secondsFloor = 2.0

    @Test func everyFileParsesWithinTimeBound() throws {
        let files = Corpus.files(under: "")
        try #require(files.count > 3_000, "corpora missing at \(Corpus.root.path)")
        var parsed = 0
        var slow: [String] = []
        let clock = ContinuousClock()
        for file in files {
            guard let bytes = Corpus.bytes(file) else { continue }
            let started = clock.now
            let message = Message(parsing: bytes)
            let elapsed = clock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let bound = max(Self.secondsFloor, Double(bytes.count) / 1_048_576 * Self.secondsPerMB)
            if seconds > bound { slow.append("\(file.lastPathComponent): \(seconds)s for \(bytes.count) bytes") }
            // Touch the derived values so they are computed, not just the tree.
            _ = message.newText.count + message.attachments.count + message.defects.count
            parsed += 1
        }
        #expect(parsed == files.count)
        #expect(slow.isEmpty, "\(slow)")
    }
}
