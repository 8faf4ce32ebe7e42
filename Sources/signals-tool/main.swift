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
