import CLibXML2

/// What the readers need before they run on several threads at once.
public enum ReaderThreads {
    /// libxml2 (2.9) sets up its global tables on first use, and that first use must not be raced: once, up front.
    public static let prepared: Void = xmlInitParser()
}
