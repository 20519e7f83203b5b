/// The requests service's pages.
enum RequestsTemplates {
    static var all: [String: String] { [:] }
}
