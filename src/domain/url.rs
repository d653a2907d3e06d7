//! URL text helpers shared by the request builders (Graph, Webex Connect, consent links).

/// RFC 3986 percent-encoding of everything but the unreserved characters: safe for one
/// path segment or one query value.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::percent_encode;

    #[test]
    fn keeps_unreserved_and_encodes_the_rest_as_utf8() {
        assert_eq!(percent_encode("aZ09-._~"), "aZ09-._~");
        assert_eq!(percent_encode("a b/c?d=e&f#'"), "a%20b%2Fc%3Fd%3De%26f%23%27");
        assert_eq!(percent_encode("日"), "%E6%97%A5");
        assert_eq!(percent_encode(""), "");
    }
}
