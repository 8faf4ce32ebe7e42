import Testing

@testable import SwitchyardSignals

@Suite struct EntityTaggerTests {
    /// The shipped model on W-NUT 2017 dev; measured F1 0.2306 (models/README.md), floor a little under.
    @Test func shippedModelKeepsItsDevF1() throws {
        let tagger = try #require(TestModels.shared?.tagger)
        let dev = CoNLL.sentences(try TestPaths.read(TestPaths.shared + "/data/entities/wnut17/emerging.dev.conll"))
        #expect(dev.count > 1000)
        let (precision, recall, f1) = TaggerTrainer.evaluate(tagger, dev)
        #expect(f1 >= 0.21, "P \(precision) R \(recall) F1 \(f1)")
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
        #expect(
            reloaded?.tag(TaggerTrainer.tokens(["Anna", "lives", "in", "Hamburg"])) == [
                "B-person", "O", "O", "B-location",
            ])
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
