import Foundation

/// `dattrans` (`ddMMyyyy`) and `heurtrans` (`HHmm`), PayFiP's date and time of a transaction,
/// in Paris time.
public enum PayFiPTimestamp {
    static let paris = TimeZone(identifier: "Europe/Paris")!

    /// The moment, nil when either field is not in its format (or names no real date).
    public static func date(dattrans: String, heurtrans: String) -> Date? {
        let date = Array(dattrans.utf8), time = Array(heurtrans.utf8)
        guard date.count == 8, time.count == 4 || time.count == 6,
              (date + time).allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        func number(_ digits: ArraySlice<UInt8>) -> Int { digits.reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        var components = DateComponents()
        components.day = number(date[0..<2])
        components.month = number(date[2..<4])
        components.year = number(date[4..<8])
        components.hour = number(time[0..<2])
        components.minute = number(time[2..<4])
        components.second = time.count == 6 ? number(time[4..<6]) : 0
        guard (1...31).contains(components.day!), (1...12).contains(components.month!), (0...23).contains(components.hour!),
              (0...59).contains(components.minute!), (0...59).contains(components.second!) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = paris
        guard let result = calendar.date(from: components),
              calendar.component(.day, from: result) == components.day else { return nil }
        return result
    }

    /// The fields for a moment (what the simulator sends).
    public static func fields(for date: Date) -> (dattrans: String, heurtrans: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = paris
        let parts = calendar.dateComponents([.day, .month, .year, .hour, .minute], from: date)
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : String($0) } ?? "00" }
        return (two(parts.day) + two(parts.month) + String(parts.year ?? 0), two(parts.hour) + two(parts.minute))
    }
}
