import ArgumentParser

/// The `switchyard` command: thin argument parsing over the library modules.
@main
struct Switchyard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "switchyard",
        abstract: "Inbound mail routing gateway: LMTP/SMTP in, classified mail into team Maildirs out.",
        version: "0.1.0",
        subcommands: [ServeCommand.self, ParseCommand.self, TrainCommand.self, EvalCommand.self]
    )
}
