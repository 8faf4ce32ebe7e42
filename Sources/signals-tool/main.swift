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
import SwitchyardSignals

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
        let english = try SentimentLexiconBuilder.buildEnglish(vaderLexicon: shared + "/data/sentiment/vader-en/vader_lexicon.txt")
        try Data(english.utf8).write(to: URL(fileURLWithPath: "models/sentiment-en.tsv"))
        let german = try SentimentLexiconBuilder.buildGerman(
            polarityLexicon: shared + "/data/sentiment/polarity-de/germanlex_original.txt")
        try Data(german.utf8).write(to: URL(fileURLWithPath: "models/sentiment-de.tsv"))
    },
    "sentiment-eval": { args in
        try SentimentEvaluation.run(
            shared: args.first ?? "../shared", germanFixture: "Tests/SwitchyardSignalsTests/Fixtures/sentiment-de.tsv")
    },
    "sentiment": { args in
        let result = try SentimentEvaluation.analyzer().analyze(args.first ?? "", language: args.count > 1 ? args[1] : "en")
        print(result.score, result.label, result.anger)
        for item in result.evidence { print("  \(item.text) \(item.contribution) \(item.rules)") }
    },
    "langid-eval": { args in try LanguageEvaluation.run(fixtures: args.first ?? "Tests/SwitchyardSignalsTests/Fixtures/langid") },
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
