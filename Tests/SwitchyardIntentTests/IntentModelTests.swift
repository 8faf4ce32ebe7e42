import Foundation
import SwitchyardText
import Testing

@testable import SwitchyardIntent

@Suite struct IntentModelTests {
    static let model: IntentModel? = try? IntentTrainer(configuration: TinyCorpus.configuration()).train(
        TinyCorpus.examples()
    ).model

    @Test func roundTripKeepsEveryScore() throws {
        let model = try #require(Self.model)
        let bytes = try model.serialized()
        let loaded = try IntentModel(bytes: bytes)
        #expect(loaded.metadata == model.metadata)
        #expect(try loaded.serialized() == bytes)
        for example in TinyCorpus.examples(perLabel: 3) {
            let v = model.vectorizer.vector(subject: "", body: example.body)
            #expect(loaded.logits(v) == model.logits(v))
            #expect(loaded.classify(body: example.body) == model.classify(body: example.body))
        }
    }

    @Test func fileRoundTripThroughDisk() throws {
        let model = try #require(Self.model)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "intent-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("m.syim").path
        try model.write(toFile: path)
        let loaded = try IntentModel(contentsOfFile: path)
        #expect(try loaded.serialized() == model.serialized())
    }

    @Test func damagedFilesAreRefusedWithAReason() throws {
        let bytes = try #require(try Self.model?.serialized())
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x40
        #expect(throws: IntentModelError("model file is damaged (checksum mismatch)")) {
            try IntentModel(bytes: flipped)
        }
        #expect(throws: IntentModelError.self) { try IntentModel(bytes: Array(bytes.prefix(bytes.count - 100))) }
        #expect(throws: IntentModelError("not a Switchyard intent model (bad magic)")) {
            try IntentModel(bytes: Array("hello world, not a model".utf8))
        }
        var version = bytes
        version[8] = 9
        #expect(throws: IntentModelError.self) { try IntentModel(bytes: version) }
    }

    @Test func explanationContributionsAddUpToTheLogit() throws {
        let model = try #require(Self.model)
        let text = "my card delivery is late, please help, also the password"
        let full = model.explain(body: text, topFeatures: Int.max)
        let vector = model.vectorizer.vector(subject: "", body: text)
        let logits = model.logits(vector)
        for evidence in [full.winner, try #require(full.runnerUp)] {
            let index = try #require(model.labels.firstIndex(of: evidence.label))
            // Summed in Double: the listing is by magnitude, the model sums in vector order, and
            // only float rounding may separate the two.
            var sum = Double(evidence.bias)
            var magnitude = abs(Double(evidence.bias))
            for c in evidence.contributions {
                #expect(c.contribution == c.value * c.weight)
                sum += Double(c.contribution)
                magnitude += abs(Double(c.contribution))
            }
            #expect(evidence.remainder == 0)
            #expect(abs(sum - Double(logits[index])) <= 1e-6 * max(1, magnitude))
            #expect(evidence.logit == logits[index])
        }
        #expect(full.margin == full.winner.logit - (full.runnerUp?.logit ?? 0))
        #expect(full.margin >= 0)
        #expect(full.winner.label == full.prediction.topLabel)

        let short = model.explain(body: text, topFeatures: 3)
        #expect(short.winner.contributions.count == 3)
        let shownSum = short.winner.contributions.reduce(Float(0)) { $0 + $1.contribution }
        #expect(abs(short.winner.bias + shownSum + short.winner.remainder - short.winner.logit) < 1e-4)
        // Listed by magnitude, with names a person can read.
        let magnitudes = short.winner.contributions.map { abs($0.contribution) }
        #expect(magnitudes == magnitudes.sorted(by: >))
        #expect(full.winner.contributions.contains { $0.feature == FeatureName(block: .word, text: "card") })
    }

    @Test func probabilitiesAreCalibratedAndThresholdAbstains() throws {
        let model = try #require(Self.model)
        let p = model.classify(body: "card delivery waiting")
        #expect(abs(p.ranking.reduce(0) { $0 + $1.probability } - 1) < 0.05 || p.ranking.count < model.labels.count)
        #expect(p.probability == p.ranking.first?.probability)
        var calibration = model.metadata.calibration
        calibration.threshold = 0.999_999
        let strict = try model.with(calibration: calibration)
        let abstained = strict.classify(body: "hello thanks")
        #expect(abstained.label == nil)
        #expect(abstained.abstention == .belowThreshold)
    }
}
