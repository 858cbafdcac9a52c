import Foundation
internal import CKerberos

/// Thin, checked access to MIT libkrb5: messages, names, contexts. Internal to the clients.
enum KerberosLibrary {
    /// MIT's message for `code` (`krb5_get_error_message`; works with a nil context too).
    static func message(_ context: krb5_context?, _ code: krb5_error_code) -> String {
        guard let c = krb5_get_error_message(context, code) else { return "" }
        defer { krb5_free_error_message(context, c) }
        return String(cString: c)
    }

    /// An error for `code` with the library's message and the operation.
    static func error(_ context: krb5_context?, _ code: krb5_error_code, _ operation: String) -> KerberosError {
        KerberosError(code: code, message: message(context, code), operation: operation)
    }

    /// Returns nil when `code` is 0, the error otherwise.
    static func check(_ context: krb5_context?, _ code: krb5_error_code, _ operation: String) -> KerberosError? {
        code == 0 ? nil : error(context, code, operation)
    }

    /// A `krb5_data` as a string (lossy UTF-8).
    static func string(_ data: krb5_data) -> String {
        guard let p = data.data, data.length > 0 else { return "" }
        return p.withMemoryRebound(to: UInt8.self, capacity: Int(data.length)) {
            String(decoding: UnsafeBufferPointer(start: $0, count: Int(data.length)), as: UTF8.self)
        }
    }

    /// The realm of a principal.
    static func realm(_ principal: krb5_const_principal) -> String { string(principal.pointee.realm) }

    /// The name components of a principal.
    static func components(_ principal: krb5_const_principal) -> [String] {
        guard let data = principal.pointee.data else { return [] }
        return (0..<Int(max(principal.pointee.length, 0))).map { string(data[$0]) }
    }

    /// The principal's text form, `name/instance@REALM`.
    static func unparse(_ context: krb5_context, _ principal: krb5_const_principal) -> String {
        var text: UnsafeMutablePointer<CChar>?
        guard krb5_unparse_name(context, principal, &text) == 0, let text else { return "" }
        defer { krb5_free_unparsed_name(context, text) }
        return String(cString: text)
    }

    /// MIT's name for an enctype ("aes256-cts-hmac-sha1-96"), "enctype-N" when unknown.
    static func encryptionType(_ number: krb5_enctype) -> KerberosEncryptionType {
        var buffer = [CChar](repeating: 0, count: 128)
        let rc = buffer.withUnsafeMutableBufferPointer { krb5_enctype_to_name(number, 0, $0.baseAddress, $0.count) }
        let name = rc == 0 ? buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) } : "enctype-\(number)"
        return KerberosEncryptionType(number: number, name: name)
    }

    /// A `krb5_timestamp` (seconds, unsigned since 1.15's Y2038 handling) as a date.
    static func date(_ timestamp: krb5_timestamp) -> Date {
        Date(timeIntervalSince1970: TimeInterval(UInt32(bitPattern: timestamp)))
    }

    /// The realm part of a principal string (after the last unescaped '@'), if any.
    static func explicitRealm(_ name: String) -> String? {
        var escaped = false
        var at: String.Index?
        for i in name.indices {
            if escaped {
                escaped = false
                continue
            }
            if name[i] == "\\" { escaped = true } else if name[i] == "@" { at = i }
        }
        guard let at else { return nil }
        let realm = String(name[name.index(after: at)...])
        return realm.isEmpty ? nil : realm
    }

    /// A new library context: the default configuration, or, with `kdc`, the default
    /// configuration with the realm's KDC list replaced by `kdc` (a host or address, optionally
    /// with `:port`). The override lives in a small file in a private temporary directory
    /// returned as `directory` (no secrets in it); remove it when the context is freed.
    static func makeContext(kdc: String?, realm: String?, operation: String)
        -> Result<(context: krb5_context, directory: String?), KerberosError>
    {
        guard let kdc else {
            var context: krb5_context?
            let rc = krb5_init_context(&context)
            guard rc == 0, let context else { return .failure(error(nil, rc, operation + " (krb5_init_context)")) }
            return .success((context, nil))
        }
        let forbidden = CharacterSet(charactersIn: "{}[]=\n\r\t *\"#;")
        guard !kdc.isEmpty, kdc.rangeOfCharacter(from: forbidden) == nil,
            let realm, !realm.isEmpty, realm.rangeOfCharacter(from: forbidden) == nil
        else {
            return .failure(
                KerberosError(
                    code: KerberosErrorCode.invalidInputCode,
                    message: "invalid KDC \"\(kdc)\" or realm \"\(realm ?? "")\" for a KDC override",
                    operation: operation))
        }
        var template = Array((NSTemporaryDirectory() + "/trustmap-krb5.XXXXXX").utf8CString)
        guard let dir = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            return .failure(
                KerberosError(
                    code: KerberosErrorCode.invalidInputCode, message: "cannot create a temporary directory",
                    operation: operation))
        }
        let directory = String(cString: dir)
        let file = directory + "/krb5.conf"
        // The trailing '*' marks the realm's subsection final: later files add no KDCs to it.
        let text = "[realms]\n\t\(realm) = {\n\t\tkdc = \(kdc)\n\t}*\n"
        guard FileManager.default.createFile(atPath: file, contents: Data(text.utf8)) else {
            try? FileManager.default.removeItem(atPath: directory)
            return .failure(
                KerberosError(
                    code: KerberosErrorCode.invalidInputCode, message: "cannot write \(file)", operation: operation))
        }
        // The configuration files libkrb5 reads by default (KRB5_CONFIG, else /etc/krb5.conf) follow.
        let defaults = ProcessInfo.processInfo.environment["KRB5_CONFIG"] ?? "/etc/krb5.conf"
        let path = [file, defaults]
        var context: krb5_context?
        let rc = trustmap_krb5_init_context_path(path.joined(separator: ":"), &context)
        guard rc == 0, let context else {
            try? FileManager.default.removeItem(atPath: directory)
            return .failure(error(nil, rc, operation + " (configuration with KDC \(kdc))"))
        }
        return .success((context, directory))
    }
}
