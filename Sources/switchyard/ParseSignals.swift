import ArgumentParser
import Foundation
import SwitchyardMIME
import SwitchyardSignals

/// The signals `parse` adds to the MIME document: language, sentiment and entities, computed on
/// what the classifiers read (the subject without Re:/Fwd: and the sender's new text), with the
/// Date header as the reference for relative dates.
struct ParseSignals {
    let analyzer: SignalAnalyzer

    /// Loads the shipped models. `explicitDirectory` is `--models`; without it the repository's
    /// `models/` is used when present, and `nil` is returned (signals left out) when it is not.
    static func load(explicitDirectory: String?, configuration: SignalConfiguration = SignalConfiguration()) throws
        -> ParseSignals?
    {
        let directory = explicitDirectory ?? "models"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            if let explicitDirectory {
                throw ValidationError("--models \(explicitDirectory): no such directory")
            }
            FileHandle.standardError.write(
                Data("switchyard: no models/ directory here; language, sentiment and entities left out (--models DIR)\n".utf8))
            return nil
        }
        return ParseSignals(
            analyzer: try SignalAnalyzer(
                models: try SignalModels.load(directory: directory), configuration: configuration))
    }

    func analyze(_ message: Message) -> Signals {
        analyzer.analyze(
            text: message.newText,
            subject: message.subject?.base ?? "",
            referenceDate: message.sentAt,
            utcOffsetSeconds: (message.date?.offsetMinutes ?? 0) * 60)
    }
}

/// `parse --json`'s document: the MIME fields, plus `language`, `sentiment` and `entities`
/// when the models were found.
struct ParseDocument: Encodable {
    let document: MessageDocument
    let signals: Signals?

    private enum SignalKeys: String, CodingKey {
        case language, sentiment, entities
    }

    func encode(to encoder: any Encoder) throws {
        try document.encode(to: encoder)
        guard let signals else { return }
        var container = encoder.container(keyedBy: SignalKeys.self)
        try container.encode(signals.language, forKey: .language)
        try container.encode(signals.sentiment, forKey: .sentiment)
        try container.encode(signals.entities, forKey: .entities)
    }
}

extension Signals {
    /// Lines for the human summary of `switchyard parse`.
    var summaryLines: [(String, String)] {
        var lines: [(String, String)] = []
        let confidence = String(format: "%.2f", language.confidence)
        lines.append(("Language:", "\(language.code) (\(confidence))"))
        let evidence = sentiment.evidence.prefix(5).map { "\($0.text) \(String(format: "%+.2f", $0.contribution))" }
        var mood = "\(sentiment.label.rawValue) \(String(format: "%+.2f", sentiment.score))"
        if sentiment.anger { mood += ", anger" }
        if !evidence.isEmpty { mood += " [" + evidence.joined(separator: ", ") + "]" }
        lines.append(("Sentiment:", mood))
        for entity in entities {
            lines.append(("Entity:", "\(entity.type.rawValue) \(entity.text)\(entity.valid ? "" : " (invalid)")"))
        }
        return lines
    }
}
