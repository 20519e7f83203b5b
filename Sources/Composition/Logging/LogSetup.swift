import Foundation
import Logging

/// Bootstraps swift-log once per process: one line per record on standard error, either
/// human-readable text or a JSON object, with the record's metadata (member, request id, job)
/// as fields.
public enum LogSetup {
    public static func bootstrap(level: Logger.Level, format: MutualisConfiguration.LogFormat) {
        LoggingSystem.bootstrap { label in
            var handler = LineLogHandler(label: label, format: format)
            handler.logLevel = level
            return handler
        }
    }
}

/// `2026-11-29T21:00:11.123Z info mutualis: message key=value …`, or the same as JSON.
/// (swift-log's `StreamLogHandler` re-renders its metadata on every change, which a server
/// that tags each request with its member and id cannot afford.)
struct LineLogHandler: LogHandler {
    let label: String
    let format: MutualisConfiguration.LogFormat
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { current, _ in current } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let timestamp = ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withInternetDateTime, .withFractionalSeconds])
        var line: Data
        switch format {
        case .text:
            var text = "\(timestamp) \(event.level.rawValue) \(label): \(event.message)"
            for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
                let rendered = "\(value)"
                text += rendered.contains(" ") || rendered.isEmpty ? " \(key)=\(String(reflecting: rendered))" : " \(key)=\(rendered)"
            }
            line = Data(text.utf8)
        case .json:
            var object: [String: Any] = ["ts": timestamp, "level": event.level.rawValue, "logger": label, "msg": event.message.description]
            for (key, value) in merged where object[key] == nil { object[key] = Self.plain(value) }
            guard let json = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
            line = json
        }
        line.append(0x0A)
        FileHandle.standardError.write(line)
    }

    static func plain(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): values.map(plain)
        case .dictionary(let values): values.mapValues(plain)
        }
    }
}
