import Testing

@testable import SwitchyardIntent

@Suite struct DataFormatTests {
    @Test func csvWithQuotesCommasAndLineBreaks() throws {
        let csv = "text,category\r\nplain text,a\n\"with, comma\",b\n\"two\nlines and \"\"quotes\"\"\",c\n\n"
        let examples = try LabeledCSV.parse(Array(csv.utf8))
        #expect(examples.map(\.body) == ["plain text", "with, comma", "two\nlines and \"quotes\""])
        #expect(examples.map(\.label) == ["a", "b", "c"])
        let again = try LabeledCSV.parse(Array(LabeledCSV.render(examples).utf8))
        #expect(again == examples)
    }

    @Test func csvErrorsSayWhere() {
        #expect(throws: LabeledCSV.Error(line: 3, reason: "expected text and label columns, found 1 (row 2)")) {
            try LabeledCSV.parse(Array("text,category\nok,a\nmissing label\n".utf8))
        }
        #expect(throws: LabeledCSV.Error.self) { try LabeledCSV.parse(Array("text,category\n\"open,a\n".utf8)) }
    }

    @Test func evaluationMetrics() {
        func p(_ label: String, abstain: Bool = false) -> IntentPrediction {
            IntentPrediction(
                label: abstain ? nil : label, topLabel: label, probability: 0.9,
                abstention: abstain ? .belowThreshold : nil, ranking: [])
        }
        let gold = ["a", "a", "b", "b", "oos", "oos"]
        let predictions = [
            p("a"), p("b"), p("b"), p("b", abstain: true), p("oos", abstain: true), p("a", abstain: true),
        ]
        let e = IntentEvaluation(gold: gold, predictions: predictions, outOfScopeLabel: "oos")
        #expect(e.accuracy == 4.0 / 6.0)
        #expect(e.abstained == 0.5)
        #expect(e.perLabel["a"]?.precision == 0.5)
        #expect(e.perLabel["a"]?.recall == 0.5)
        #expect(e.perLabel["b"]?.precision == 2.0 / 3.0)
        #expect(e.perLabel["b"]?.recall == 1)
        #expect(e.inScopeAccuracy == 0.75)
        #expect(e.inScopeAccuracyWithThreshold == 0.5)
        #expect(e.outOfScopeRecall == 0.5)
        #expect(e.outOfScopeRecallWithThreshold == 1)
        #expect(e.confusion.first == IntentEvaluation.Confusion(gold: "a", predicted: "b", count: 1))
        let f1a = 0.5
        let f1b = 0.8
        let f1oos = 2 * 1 * 0.5 / 1.5
        #expect(abs(e.macroF1 - (f1a + f1b + f1oos) / 3) < 1e-12)
    }
}
