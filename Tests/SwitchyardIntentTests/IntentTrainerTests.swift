import SwitchyardText
import Testing

@testable import SwitchyardIntent

@Suite struct IntentTrainerTests {
    @Test func learnsASeparableSetPerfectly() throws {
        let examples = TinyCorpus.examples()
        let result = try IntentTrainer(configuration: TinyCorpus.configuration()).train(examples)
        let model = result.model
        #expect(model.labels == ["card_arrival", "login", "refund"])
        for example in examples {
            #expect(model.classify(body: example.body).topLabel == example.label)
        }
        #expect(model.metadata.metrics.accuracy == 1)
        #expect(model.classify(body: "I want my money back, refund please").topLabel == "refund")
        #expect(model.classify(body: "password reset, account locked").topLabel == "login")
        #expect(result.split.dev.count == 9)
        #expect(Set(result.split.train).isDisjoint(with: result.split.dev))
    }

    @Test func sameSeedGivesIdenticalModelBytes() throws {
        let examples = TinyCorpus.examples()
        let a = try IntentTrainer(configuration: TinyCorpus.configuration(seed: 5)).train(examples).model.serialized()
        let b = try IntentTrainer(configuration: TinyCorpus.configuration(seed: 5)).train(examples).model.serialized()
        #expect(a == b)
        // One thread or two: the fixed partitioning keeps the result reproducible per setting.
        var single = TinyCorpus.configuration(seed: 5)
        single.threads = 1
        let c = try IntentTrainer(configuration: single).train(examples).model.serialized()
        let d = try IntentTrainer(configuration: single).train(examples).model.serialized()
        #expect(c == d)
        let other = try IntentTrainer(configuration: TinyCorpus.configuration(seed: 6)).train(examples).model
            .serialized()
        #expect(other != a)
    }

    @Test func metadataDescribesTheModel() throws {
        let examples = TinyCorpus.examples()
        let model = try IntentTrainer(configuration: TinyCorpus.configuration()).train(examples).model
        let meta = model.metadata
        #expect(meta.format == "switchyard-intent")
        #expect(meta.createdAt == "2023-11-14T22:13:20Z")
        #expect(meta.training.examples == examples.count)
        #expect(meta.training.dataSHA256.count == 64)
        #expect(meta.featureSpace == TinyCorpus.configuration().featureSpace)
        #expect(meta.calibration.temperature > 0)
        #expect(meta.outOfScopeLabel == nil)
    }

    @Test func weightBudgetBoundsStoredWeights() throws {
        var config = TinyCorpus.configuration()
        config.weightBudget = 50
        let model = try IntentTrainer(configuration: config).train(TinyCorpus.examples()).model
        #expect(model.weights.entryCount <= 50)
        #expect(model.metadata.training.storedWeights == model.weights.entryCount)
        #expect(IntentTrainingConfiguration().weightBudget == 1_500_000)
    }

    @Test func refusesASingleLabel() {
        let examples = [LabeledExample(body: "a", label: "x"), LabeledExample(body: "b", label: "x")]
        #expect(throws: IntentModelError.self) { try IntentTrainer().train(examples) }
    }

    @Test func outOfScopeClassMeansUnknown() throws {
        var examples = TinyCorpus.examples()
        let noise = ["weather", "pizza", "football", "music", "holiday", "garden", "movie", "coffee"]
        for i in 0..<12 {
            let text = (0..<5).map { noise[($0 * 3 + i) % noise.count] }.joined(separator: " ")
            examples.append(LabeledExample(body: text, label: "oos"))
        }
        let model = try IntentTrainer(configuration: TinyCorpus.configuration()).train(examples).model
        #expect(model.metadata.outOfScopeLabel == "oos")
        let prediction = model.classify(body: "pizza and football and coffee")
        #expect(prediction.topLabel == "oos")
        #expect(prediction.label == nil)
        #expect(prediction.abstention == .outOfScope)
        #expect(model.classify(body: "refund my money back").label == "refund")
    }
}
