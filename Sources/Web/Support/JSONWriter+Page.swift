import HTTPTypes
import Hummingbird

extension JSONWriter {
    /// `"data": [the first `limit` items], "next_cursor": …` inside an open object, from `limit + 1`
    /// items read: the extra one only tells that another page follows (its cursor is the last
    /// item shown's), else `null`.
    public mutating func page<Item>(_ items: [Item], limit: Int, cursor: (Item) -> Cursor, _ write: (Item, inout JSONWriter) -> Void) {
        key("data")
        beginArray()
        for item in items.prefix(limit) { write(item, &self) }
        endArray()
        field("next_cursor", items.count > limit ? cursor(items[limit - 1]).encoded : nil)
    }

    /// `{"message": …}`: an answer that only says, in French, what happened (202 by default).
    public static func message(_ text: String, status: HTTPResponse.Status = .accepted) -> Response {
        var json = JSONWriter()
        json.beginObject()
        json.field("message", text)
        json.endObject()
        return json.response(status: status)
    }
}
