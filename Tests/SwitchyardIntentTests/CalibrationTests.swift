import Testing

@testable import SwitchyardIntent

@Suite struct CalibrationTests {
    @Test func temperatureRecoversAKnownScale() {
        // Labels drawn from softmax(z / 2): the NLL-optimal temperature is near 2.
        var rng = SplitMix64(seed: 3)
        var logits: [[Float]] = []
        var gold: [Int] = []
        for _ in 0..<4000 {
            let z = (0..<4).map { _ in Float(Double(rng.next() % 1000) / 100) }
            let p = IntentModel.softmax(z, temperature: 2)
            let u = Double(rng.next() % 1_000_000) / 1_000_000
            var acc = 0.0
            var label = 3
            for (j, pj) in p.enumerated() {
                acc += pj
                if u < acc {
                    label = j
                    break
                }
            }
            logits.append(z)
            gold.append(label)
        }
        let t = Calibration.fitTemperature(logits: logits, gold: gold)
        #expect(abs(t - 2) < 0.25)
    }

    @Test func expectedCalibrationError() {
        // Two bins: confidence 0.95 with 50% right, confidence 0.35 with 50% right.
        let ece = Calibration.expectedCalibrationError(
            confidence: [0.95, 0.95, 0.35, 0.35], correct: [true, false, true, false])
        #expect(abs(ece - (0.5 * 0.45 + 0.5 * 0.15)) < 1e-9)
        #expect(Calibration.expectedCalibrationError(confidence: [], correct: []) == 0)
    }

    @Test func thresholdSpendsAtMostTheBudget() {
        let confidence = (0..<100).map { Double($0) / 100 }
        let correct = (0..<100).map { $0 % 4 != 0 }
        let inScope = [Bool](repeating: true, count: 100)
        let t = Calibration.abstentionThreshold(
            confidence: confidence, correct: correct, inScope: inScope, budget: 0.05)
        let lost = (0..<100).filter { correct[$0] && confidence[$0] < t }.count
        #expect(lost == 5)
        #expect(
            Calibration.abstentionThreshold(confidence: confidence, correct: correct, inScope: inScope, budget: 0) == 0)
    }

    @Test func splitMix64MatchesTheReferenceSequence() {
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func stratifiedSplitIsDeterministicAndProportional() {
        let labels = (0..<200).map { $0 % 4 == 0 ? "rare" : "common" }
        let a = DatasetSplit(labels: labels, devFraction: 0.1, seed: 9)
        let b = DatasetSplit(labels: labels, devFraction: 0.1, seed: 9)
        #expect(a == b)
        #expect(a.dev.filter { labels[$0] == "rare" }.count == 5)
        #expect(a.dev.filter { labels[$0] == "common" }.count == 15)
        #expect(Set(a.train).union(a.dev) == Set(0..<200))
        #expect(DatasetSplit(labels: labels, devFraction: 0.1, seed: 10) != a)
        #expect(DatasetSplit(labels: labels, devFraction: 0, seed: 9).dev.isEmpty)
    }

    @Test func trainingDataHashIsSHA256OfTheDocumentedLayout() {
        // label NUL subject NUL body LF per example; digest from Python's hashlib.
        let examples = [
            LabeledExample(body: "abc", label: "x"), LabeledExample(subject: "re", body: "body", label: "y"),
        ]
        #expect(IntentTrainer.dataHash(examples) == "c14facde847175dec7180be0f190946239a558f9632cf3a660040ad8a8b5dc98")
    }

    @Test func isoTimestamps() {
        #expect(ISO8601.utc(seconds: 0) == "1970-01-01T00:00:00Z")
        #expect(ISO8601.utc(seconds: 951_782_400) == "2000-02-29T00:00:00Z")
        #expect(ISO8601.utc(seconds: 1_700_000_000) == "2023-11-14T22:13:20Z")
    }
}
