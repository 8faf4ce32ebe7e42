import SwitchyardSignals
import SwitchyardText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Offline builds and evaluations of the signal models; run from the package root.
/// Usage: signals-tool COMMAND [ARGS]; see `commands` below.
let arguments = Array(CommandLine.arguments.dropFirst())
let commands: [String: ([String]) throws -> Void] = [
    "langid-build": { args in
        let profiles = args.first ?? "../shared/data/langid/profiles"
        let text = try LanguageProfileBuilder.build(profilesDirectory: profiles)
        try Data(text.utf8).write(to: URL(fileURLWithPath: args.count > 1 ? args[1] : "models/langid.tsv"))
    },
    "lexicon-build": { args in
        let shared = args.first ?? "../shared"
        let english = try SentimentLexiconBuilder.buildEnglish(
            vaderLexicon: shared + "/data/sentiment/vader-en/vader_lexicon.txt")
        try Data(english.utf8).write(to: URL(fileURLWithPath: "models/sentiment-en.tsv"))
        let german = try SentimentLexiconBuilder.buildGerman(
            polarityLexicon: shared + "/data/sentiment/polarity-de/germanlex_original.txt")
        try Data(german.utf8).write(to: URL(fileURLWithPath: "models/sentiment-de.tsv"))
    },
    "sentiment-eval": { args in
        try SentimentEvaluation.run(
            shared: args.first ?? "../shared", germanFixture: "Tests/SwitchyardSignalsTests/Fixtures/sentiment-de.tsv")
    },
    "sentiment-dump": { args in try SentimentDump.run(args) },
    "sentiment": { args in
        let result = try SentimentEvaluation.analyzer().analyze(
            args.first ?? "", language: args.count > 1 ? args[1] : "en")
        print(result.score, result.label, result.anger)
        for item in result.evidence { print("  \(item.text) \(item.contribution) \(item.rules)") }
    },
    "tagger-train": { args in
        // tagger-train [SHARED] [MAX EPOCHS]: epochs and O bias chosen on a held-out fifth of train,
        // then the model retrained on all of train with them; dev is scored once, at the end.
        let shared = args.first ?? "../shared"
        let maxEpochs = args.count > 1 ? Int(args[1]) ?? 30 : 30
        func load(_ file: String) throws -> [TaggedSentence] {
            CoNLL.sentences(
                String(
                    decoding: try Data(contentsOf: URL(fileURLWithPath: shared + "/data/entities/wnut17/" + file)),
                    as: UTF8.self))
        }
        let train = try load("wnut17train.conll")
        let dev = try load("emerging.dev.conll")
        var trainer = TaggerTrainer(epochs: maxEpochs)
        let biases: [Float] = [0, -2, -4, -6, -8, -10, -12]
        let choice = TaggerSelection.choose(train, trainer: trainer, biases: biases) { print($0) }
        print("chosen on held-out train: \(choice.epochs) epochs, O bias \(choice.outsideBias), F1 \(choice.f1)")
        trainer.epochs = choice.epochs
        trainer.outsideBias = choice.outsideBias
        let tagger = trainer.train(train)
        let (p, r, f) = TaggerTrainer.evaluate(tagger, dev)
        let header = [
            "Averaged-perceptron entity tagger trained on W-NUT 2017 train (CC BY 4.0, Derczynski et al. 2017),",
            "\(choice.epochs) epochs and O bias \(choice.outsideBias) chosen on held-out train (F1 \(choice.f1)),"
                + " seed \(trainer.seed).",
            "Dev (emerging.dev.conll) entity-level P \(p) R \(r) F1 \(f).",
            "Rebuild: swift run -c release signals-tool tagger-train ../shared \(maxEpochs)",
        ]
        try Data(trainer.serialise(tagger, header: header).utf8).write(
            to: URL(fileURLWithPath: "models/entity-tagger.tsv"))
        print("dev P \(p) R \(r) F1 \(f)")
    },
    "langid": { args in
        let identifier = LanguageIdentifier(profiles: try LanguageProfiles(contentsOf: "models/langid.tsv"))
        let guess = identifier.identify(args.first ?? "")
        print(guess.code, guess.confidence)
    },
    "bench": { args in try SignalBenchmark.run(iterations: args.first.flatMap { Int($0) } ?? 2000) },
    "profile": { args in
        // One stage in a loop, for perf/callgrind: signals-tool profile STAGE FILE N [LANGUAGE]
        // (STAGE: language, sentiment, entities, structured = all but the name tagger, or all;
        // tokens = the tokenizer's byte scan alone, the part of sentiment that tokenizes).
        // `structured` and `all` are configured as `bench` configures them (a reference pattern, a
        // Date for "yesterday"), so bench/signals-instructions.sh counts what `bench` times.
        let models = try SignalModels.load(directory: "models")
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: args[1])), as: UTF8.self)
        let language = args.count > 3 ? args[3] : "en"
        var configuration = SignalConfiguration()
        configuration.references = ["order": #"ORD-\d{6}"#]
        let analyzer = try SignalAnalyzer(models: models, configuration: configuration)
        configuration.taggerEnabled = false
        let structured = try SignalAnalyzer(models: models, configuration: configuration)
        let sentiment = SentimentAnalyzer(english: models.englishLexicon, german: models.germanLexicon)
        let identifier = LanguageIdentifier(profiles: models.languageProfiles)
        let extractor = EntityExtractor(references: try ReferencePatterns(configuration.references))
        let reference = Date(timeIntervalSince1970: 1_772_323_200)
        let tokenizer = Tokenizer()
        var sink = 0
        for _ in 0..<(Int(args[2]) ?? 100) {
            switch args[0] {
            case "language": sink &+= identifier.identify(text).code.count
            case "tokens":
                var copy = text
                sink &+= copy.withUTF8 { tokenizer.scan($0).items.count }
            case "sentiment": sink &+= sentiment.analyze(text, language: language).evidence.count
            case "entities": sink &+= extractor.extract(from: text, language: language).count
            case "structured": sink &+= structured.analyze(text: text, referenceDate: reference).entities.count
            default: sink &+= analyzer.analyze(text: text, referenceDate: reference).entities.count
            }
        }
        print(sink)
    },
    "analyze": { args in
        // signals-tool analyze FILE [SUBJECT]: the Signals JSON the gateway would record for a text body.
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: args[0])), as: UTF8.self)
        var configuration = SignalConfiguration()
        configuration.references = ["order": #"ORD-\d{6}"#]
        let analyzer = try SignalAnalyzer(
            models: try SignalModels.load(directory: "models"), configuration: configuration)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let signals = analyzer.analyze(
            text: text, subject: args.count > 1 ? args[1] : "",
            referenceDate: Date(timeIntervalSince1970: 1_772_323_200))
        print(String(decoding: try encoder.encode(signals), as: UTF8.self))
    },
    "langid-eval": { args in
        try LanguageEvaluation.run(fixtures: args.first ?? "Tests/SwitchyardSignalsTests/Fixtures/langid")
    },
]
guard let name = arguments.first, let command = commands[name] else {
    print("usage: signals-tool \(commands.keys.sorted().joined(separator: "|")) [args]")
    exit(2)
}
do {
    try command(Array(arguments.dropFirst()))
} catch {
    print("signals-tool \(name): \(error)")
    exit(1)
}
