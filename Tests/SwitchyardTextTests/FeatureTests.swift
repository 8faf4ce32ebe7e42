import Foundation
import Testing

@testable import SwitchyardText

@Suite struct FeatureTests {
    let space = FeatureSpace(wordNgrams: 1...2, charNgrams: 2...3, subjectWeight: 2, minDocumentFrequency: 1)

    private func names(_ subject: String, _ body: String, _ space: FeatureSpace) -> [String: Float] {
        var out: [String: Float] = [:]
        FeatureExtractor(space: space).forEachOccurrence(subject: subject, body: body, named: true) {
            _, block, weight, name in
            out["\(block == .word ? "w" : "c"):\(name ?? "?")", default: 0] += weight
        }
        return out
    }

    @Test func wordUnigramsAndBigramsSkipPunctuation() {
        let features = names("", "Card, not arrived!", FeatureSpace(charNgrams: 20...20, minDocumentFrequency: 1))
        #expect(features == ["w:card": 1, "w:not": 1, "w:arrived": 1, "w:card not": 1, "w:not arrived": 1])
    }

    @Test func charNgramsStayInsideWordsWithPadding() {
        let features = names("", "ab ü", FeatureSpace(wordNgrams: 9...9, charNgrams: 2...3, minDocumentFrequency: 1))
        // " ab " gives " a", "ab", "b ", " ab", "ab "; " ü " gives " ü", "ü ", " ü ".
        let expected: [String: Float] = [
            "c: a": 1, "c:ab": 1, "c:b ": 1, "c: ab": 1, "c:ab ": 1, "c: ü": 1, "c:ü ": 1, "c: ü ": 1,
        ]
        #expect(features == expected)
    }

    @Test func subjectOccurrencesWeighMoreAndDoNotFormBigramsWithTheBody() {
        let features = names(
            "refund", "refund please", FeatureSpace(charNgrams: 20...20, subjectWeight: 2, minDocumentFrequency: 1))
        #expect(features["w:refund"] == 3)
        #expect(features["w:refund please"] == 1)
        #expect(features["w:refund refund"] == nil)
    }

    @Test func placeholdersAreWordFeaturesWithoutCharNgrams() {
        let features = names("", "pay €5 now", FeatureSpace(charNgrams: 2...2, minDocumentFrequency: 1))
        #expect(features["w:<amount>"] == 1)
        #expect(!features.keys.contains { $0.hasPrefix("c:") && $0.contains("<") })
    }

    @Test func featureKeysAreTheDocumentedHash() {
        // FNV-1a 64 of "w" + "card": fixed forever for feature space version 1.
        var expected: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in Array("wcard".utf8) { expected = (expected ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        #expect(FeatureHash.key(namespace: UInt8(ascii: "w"), text: "card") == expected)
        var keys: [UInt64] = []
        FeatureExtractor(space: space).forEachOccurrence(subject: "", body: "card", named: false) { key, block, _, _ in
            if block == .word { keys.append(key) }
        }
        #expect(keys == [expected])
    }

    @Test func tfidfVectorsHaveUnitNormPerBlockAndUseTrainingIDF() throws {
        let extractor = FeatureExtractor(space: space)
        let docs = ["card arrived", "card lost", "refund please"].map { extractor.counts(subject: "", body: $0) }
        let vectorizer = try TFIDFVectorizer.fit(space: space, documents: docs)
        #expect(
            vectorizer.keys[0..<vectorizer.wordFeatureCount]
                == vectorizer.keys[0..<vectorizer.wordFeatureCount].sorted()[...])
        let card = try #require(vectorizer.index(of: FeatureHash.key(namespace: UInt8(ascii: "w"), text: "card")))
        let lost = try #require(vectorizer.index(of: FeatureHash.key(namespace: UInt8(ascii: "w"), text: "lost")))
        // idf = ln((1 + N) / (1 + df)) + 1 with N = 3.
        #expect(abs(Double(vectorizer.idf[card]) - (log(4.0 / 3.0) + 1)) < 1e-6)
        #expect(abs(Double(vectorizer.idf[lost]) - (log(4.0 / 2.0) + 1)) < 1e-6)
        let v = vectorizer.vector(subject: "", body: "card card lost unknownword")
        var wordNorm: Float = 0
        var charNorm: Float = 0
        for (k, i) in v.indices.enumerated() {
            if Int(i) < vectorizer.wordFeatureCount {
                wordNorm += v.values[k] * v.values[k]
            } else {
                charNorm += v.values[k] * v.values[k]
            }
        }
        #expect(abs(wordNorm - 1) < 1e-5)
        #expect(abs(charNorm - 1) < 1e-5)
        // Sublinear TF: "card" twice weighs (1 + ln 2) × idf before normalisation.
        let cardValue = try #require(v.indices.firstIndex(of: Int32(card)).map { v.values[$0] })
        let lostValue = try #require(v.indices.firstIndex(of: Int32(lost)).map { v.values[$0] })
        let expectedRatio = (1 + log(2.0)) * (log(4.0 / 3.0) + 1) / (log(4.0 / 2.0) + 1)
        #expect(abs(Double(cardValue / lostValue) - expectedRatio) < 1e-4)
        // The same text through counts gives the same vector.
        #expect(vectorizer.vector(extractor.counts(subject: "", body: "card card lost unknownword")) == v)
    }

    @Test func minimumDocumentFrequencyDropsRareFeatures() throws {
        var space = self.space
        space.minDocumentFrequency = 2
        let extractor = FeatureExtractor(space: space)
        let docs = ["card arrived", "card lost"].map { extractor.counts(subject: "", body: $0) }
        let vectorizer = try TFIDFVectorizer.fit(space: space, documents: docs)
        #expect(vectorizer.index(of: FeatureHash.key(namespace: UInt8(ascii: "w"), text: "card")) != nil)
        #expect(vectorizer.index(of: FeatureHash.key(namespace: UInt8(ascii: "w"), text: "lost")) == nil)
    }
}
