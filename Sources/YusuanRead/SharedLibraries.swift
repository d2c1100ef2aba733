import CLibXML2
import COpenCC

/// A C library opened when a document first needs it (through CYusuanLoad's loader) rather than at every start:
/// most runs read plain text and need neither libxml2 nor OpenCC. Their functions are called through the shims'
/// `yusuan_` functions, only after `require` or `unavailable` said the library is there.
struct SharedLibrary: Sendable {
    let name: String
    /// The file opened: the name the library's -dev package links against (the shim's header says which).
    let soname: String
    private let load: @Sendable () -> UnsafePointer<CChar>?

    static let libxml2 = SharedLibrary(name: "libxml2", soname: YUSUAN_LIBXML2_SONAME, load: { yusuan_libxml2_load() })
    static let openCC = SharedLibrary(name: "OpenCC", soname: YUSUAN_OPENCC_SONAME, load: { yusuan_opencc_load() })

    /// Nil once the library is loaded (tried once per process), else why it is not, naming it.
    var unavailable: String? {
        load().map { "\(name) (\(soname)), which could not be loaded: \(String(cString: $0))" }
    }

    /// Throws when reading `what` cannot go on: the library could not be loaded.
    func require(for what: String) throws(ContainerError) {
        if let why = unavailable { throw ContainerError("reading \(what) needs \(why)") }
    }
}
