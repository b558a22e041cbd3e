/// URLs as they may be shown: a password in the userinfo (`https://user:pass@host`) becomes `***`.
/// Every message, trace line and listing that names a Halo URL goes through here.
public enum URLDisplay {
    public static func masked(_ url: String) -> String {
        guard let password = passwordRange(in: url) else { return url }
        return url.replacingCharacters(in: password, with: Redactor.mask)
    }

    /// The password in `url`'s userinfo, percent-encoded as written, when there is a non-empty one.
    public static func password(in url: String) -> String? {
        passwordRange(in: url).map { String(url[$0]) }
    }

    /// The characters between the userinfo's first `:` and the authority's last `@`.
    private static func passwordRange(in url: String) -> Range<String.Index>? {
        let afterScheme = url.range(of: "://")?.upperBound ?? url.startIndex
        let authorityEnd = url[afterScheme...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? url.endIndex
        let authority = url[afterScheme..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"),
              let colon = authority[..<at].firstIndex(of: ":") else { return nil }
        let start = url.index(after: colon)
        return start < at ? start..<at : nil
    }
}
