//! URL text helpers shared by the request builders (Graph, Webex Connect, consent links) and
//! the readers of pasted or received URLs.

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

/// `%XX` -> byte and `+` -> space; invalid escapes stay as they are. Invalid UTF-8 that
/// decoding produces becomes U+FFFD.
pub fn percent_decode(s: &str) -> String {
    // A byte scan: the explainer decodes every paste on each keystroke.
    if !s.bytes().any(|b| b == b'%' || b == b'+') {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => match (b.get(i + 1).and_then(hex), b.get(i + 2).and_then(hex)) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(c: &u8) -> Option<u8> {
    (*c as char).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

#[cfg(test)]
mod tests {
    use super::{percent_decode, percent_encode};

    #[test]
    fn keeps_unreserved_and_encodes_the_rest_as_utf8() {
        assert_eq!(percent_encode("aZ09-._~"), "aZ09-._~");
        assert_eq!(percent_encode("a b/c?d=e&f#'"), "a%20b%2Fc%3Fd%3De%26f%23%27");
        assert_eq!(percent_encode("日"), "%E6%97%A5");
        assert_eq!(percent_encode(""), "");
    }

    #[test]
    fn decodes_escapes_and_plus_and_keeps_invalid_escapes() {
        assert_eq!(percent_decode(&percent_encode("a b/c'日")), "a b/c'日");
        assert_eq!(percent_decode("a+b%2"), "a b%2");
        assert_eq!(percent_decode("%zz%41"), "%zzA");
    }
}
