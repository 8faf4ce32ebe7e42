import ArgumentParser
import Logging
import SwitchyardGateway

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `switchyard serve --config FILE`: run the gateway until SIGTERM/SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the gateway (LMTP/SMTP in, team Maildirs out)."
    )

    @Option(name: .long, help: "YAML configuration file (see contrib/example/switchyard.yaml).")
    var config: String

    @Flag(name: .long, help: "Check the configuration and exit (0 when it is valid).")
    var check = false

    func run() async throws {
        let configuration: GatewayConfiguration
        do {
            configuration = try GatewayConfiguration.load(file: config)
        } catch {
            let line = Array("switchyard: \(error)\n".utf8)
            _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            // EX_CONFIG (sysexits.h): the unit file does not restart on it.
            throw ExitCode(78)
        }
        if check {
            print("\(config): configuration OK")
            return
        }
        let level = configuration.logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        try await Gateway(configuration: configuration, logger: Logger(label: "switchyard")).run()
    }
}
