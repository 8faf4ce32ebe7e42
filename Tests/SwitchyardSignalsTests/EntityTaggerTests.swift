import Testing

@testable import SwitchyardSignals

@Suite struct EntityTaggerTests {
    /// The shipped model on W-NUT 2017 dev; measured F1 0.3136 (models/README.md), floor a little under.
    @Test func shippedModelKeepsItsDevF1() throws {
        let tagger = try #require(TestModels.shared?.tagger)
        let dev = CoNLL.sentences(try TestPaths.read(TestPaths.shared + "/data/entities/wnut17/emerging.dev.conll"))
        #expect(dev.count > 1000)
        let (precision, recall, f1) = TaggerTrainer.evaluate(tagger, dev)
        #expect(f1 >= 0.29, "P \(precision) R \(recall) F1 \(f1)")
    }

    @Test func trainingIsDeterministicAndLearnsTinyData() {
        let sentences = [
            TaggedSentence(
                words: ["I", "met", "Anna", "Berg", "in", "Berlin"],
                tags: ["O", "O", "B-person", "I-person", "O", "B-location"]),
            TaggedSentence(words: ["Anna", "lives", "in", "Hamburg"], tags: ["B-person", "O", "O", "B-location"]),
            TaggedSentence(words: ["We", "flew", "to", "Berlin", "today"], tags: ["O", "O", "O", "B-location", "O"]),
        ]
        let trainer = TaggerTrainer(epochs: 5, seed: 3)
        let first = trainer.train(sentences)
        let second = trainer.train(sentences)
        #expect(trainer.serialise(first, header: []) == trainer.serialise(second, header: []))
        #expect(TaggerTrainer.evaluate(first, sentences).2 == 1.0)
        let reloaded = try? EntityTagger(text: trainer.serialise(first, header: ["tiny"]))
        #expect(reloaded?.featureMask == TaggerTrainer.defaultMask)
        #expect(
            reloaded?.tag(TaggerTrainer.tokens(["Anna", "lives", "in", "Hamburg"])) == [
                "B-person", "O", "O", "B-location",
            ])
    }

    @Test func insideLabelsOnlyFollowTheirBeginWhenConstrained() {
        let labels = ["O", "B-person", "I-person", "B-location"]
        var decoding = TaggerDecoding(
            labelCount: 4, transitions: [Float](repeating: 0, count: 16), starts: [Float](repeating: 0, count: 4))
        // Emissions favour I-person for the first token and after a location: both are ill-formed.
        let emission: [Float] = [0, 1, 3, 0, 0, 0, 0, 4, 1, 0, 3, 0]
        let free = emission.withUnsafeBufferPointer { decoding.decode($0, count: 3, stride: 4) }
        #expect(free == [2, 3, 2])
        decoding.constrain(labels: labels)
        let constrained = emission.withUnsafeBufferPointer { decoding.decode($0, count: 3, stride: 4) }
        #expect(constrained.map { labels[$0] } == ["B-person", "B-location", "O"])
    }

    @Test func labelIndexSpansMatchTagSpans() throws {
        let tagger = try EntityTagger(text: "labels\tO\tB-person\tI-person\tB-product\tI-product\n")
        let tags = ["B-person", "I-person", "O", "I-product", "B-product", "I-person"]
        let indices = tags.compactMap { tagger.labels.firstIndex(of: $0) }
        let byIndex = tagger.spans(indices: indices).map { (tagger.types[$0.type], $0.range) }
        let byName = EntityTagger.spans(tags)
        #expect(byIndex.map(\.0) == byName.map(\.type))
        #expect(byIndex.map(\.1) == byName.map(\.range))
    }

    @Test func spansFromBIOTags() {
        let spans = EntityTagger.spans(["B-person", "I-person", "O", "I-location", "B-product", "B-product"])
        #expect(spans.map(\.type) == ["person", "location", "product", "product"])
        #expect(spans.map(\.range) == [0..<2, 3..<4, 4..<5, 5..<6])
    }

    @Test func entityLevelScoreNeedsExactSpans() {
        let gold = [["B-person", "I-person", "O"]]
        #expect(CoNLL.score(gold: gold, predicted: [["B-person", "I-person", "O"]]).2 == 1.0)
        #expect(CoNLL.score(gold: gold, predicted: [["B-person", "O", "O"]]).2 == 0.0)
    }

    @Test func malformedModelIsRefused() {
        #expect(throws: EntityTagger.FormatError.self) { try EntityTagger(text: "labels\tO\nzz\t0:1\n") }
        #expect(throws: EntityTagger.FormatError.self) { try EntityTagger(text: "ab\t0:1\n") }
    }
}
