/// The language of what users read. Chinese is the default.
public enum Language: String, Sendable, CaseIterable {
    case zh, en

    func pick(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }
}
