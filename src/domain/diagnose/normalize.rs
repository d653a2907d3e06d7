//! Pasted text as the admin sees it, not as it was encoded: JSON string escapes (`\r\n`
//! inside an `error_description`, `\"code\"`, `\u0027`), HTML entities (`&nbsp;`, `&#39;`)
//! and HTML tags (a helpdesk page or a copied e-mail) become plain text, so that a code
//! next to them has the same boundaries as in the console. One pass, linear in the input.

/// The text with escapes decoded and tags replaced by a space.
pub(super) fn normalize(text: &str) -> String {
    if !text.bytes().any(|b| matches!(b, b'\\' | b'&' | b'<')) {
        return text.to_string();
    }
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    // Start of the run of plain text not yet copied: copying runs, not characters, keeps
    // the pass cheap and every cut on a character boundary (all markers are ASCII).
    let mut copied = 0;
    while i < b.len() {
        let step = match b[i] {
            b'\\' => backslash(b, i),
            b'&' => entity(b, i),
            b'<' => tag(b, i),
            _ => None,
        };
        match step {
            Some((replacement, next)) => {
                out.push_str(&text[copied..i]);
                match replacement {
                    Replacement::Static(s) => out.push_str(s),
                    Replacement::Char(c) => out.push(c),
                }
                i = next;
                copied = next;
            }
            None => i += 1,
        }
    }
    out.push_str(&text[copied..]);
    out
}

enum Replacement {
    Char(char),
    Static(&'static str),
}

/// `\r`, `\n`, `\t` (also doubly escaped, `\\r\\n`), `\"`, `\/`, `\'` and `\uXXXX`.
fn backslash(b: &[u8], i: usize) -> Option<(Replacement, usize)> {
    let run = b[i..].iter().take(8).take_while(|c| **c == b'\\').count();
    let j = i + run;
    match b.get(j)? {
        b'r' | b'n' => Some((Replacement::Static("\n"), j + 1)),
        b't' => Some((Replacement::Static(" "), j + 1)),
        b'"' => Some((Replacement::Static("\""), j + 1)),
        b'/' => Some((Replacement::Static("/"), j + 1)),
        b'\'' => Some((Replacement::Static("'"), j + 1)),
        b'u' => {
            let hex = std::str::from_utf8(b.get(j + 1..j + 5)?).ok()?;
            let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
            Some((if c.is_whitespace() { Replacement::Static(" ") } else { Replacement::Char(c) }, j + 5))
        }
        _ => None,
    }
}

/// `&nbsp;`, `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#39;`, `&#x27;`.
fn entity(b: &[u8], i: usize) -> Option<(Replacement, usize)> {
    let len = b[i + 1..].iter().take(9).take_while(|c| c.is_ascii_alphanumeric() || **c == b'#').count();
    if b.get(i + 1 + len) != Some(&b';') || len == 0 {
        return None;
    }
    let name = std::str::from_utf8(&b[i + 1..i + 1 + len]).ok()?;
    let next = i + 2 + len;
    let named = match name {
        "nbsp" | "ensp" | "emsp" | "thinsp" => Some(" "),
        "amp" => Some("&"),
        "lt" => Some("<"),
        "gt" => Some(">"),
        "quot" => Some("\""),
        "apos" => Some("'"),
        _ => None,
    };
    if let Some(s) = named {
        return Some((Replacement::Static(s), next));
    }
    let number = name.strip_prefix('#')?;
    let n = match number.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => number.parse::<u32>().ok()?,
    };
    let c = char::from_u32(n)?;
    Some((if c.is_whitespace() { Replacement::Static(" ") } else { Replacement::Char(c) }, next))
}

/// Longest tag removed; longer runs are text that happens to contain `<`.
const MAX_TAG: usize = 512;

/// An HTML tag (`<p>`, `</td>`, `<br/>`, `<a class="x">`, `<!-- -->`) becomes a space. A `<`
/// that does not open a tag name followed by a space, `/` or `>` stays: an address such as
/// `<jane@contoso.com>` or an old bounce's `#<host #5.7.1 smtp;550 ...>`. A tag holding a
/// digit stays too: a code in an attribute (`title="AADSTS50011"`) is still read.
fn tag(b: &[u8], i: usize) -> Option<(Replacement, usize)> {
    let mut j = i + 1;
    if b[j..].starts_with(b"!--") || b.get(j) == Some(&b'!') && b.get(j + 1).is_some_and(u8::is_ascii_alphabetic) {
        j += 1;
    } else {
        j += usize::from(b.get(j) == Some(&b'/'));
        if !b.get(j)?.is_ascii_alphabetic() {
            return None;
        }
        j += b[j..].iter().take(16).take_while(|c| c.is_ascii_alphabetic()).count();
        if !matches!(b.get(j)?, b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>') {
            return None;
        }
    }
    let close = b[j..].iter().take(MAX_TAG).position(|c| matches!(c, b'>' | b'<') || c.is_ascii_digit())?;
    (b[j + close] == b'>').then_some((Replacement::Static(" "), j + close + 1))
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn json_escapes_become_what_they_stand_for() {
        assert_eq!(normalize(r"AADSTS7000215: Invalid.\r\nTrace ID: 1"), "AADSTS7000215: Invalid.\n\nTrace ID: 1");
        assert_eq!(normalize(r#"{\"code\":\"X\"}"#), r#"{"code":"X"}"#);
        assert_eq!(normalize(r"a\\r\\nb \u0027q\u0027 c\/d"), "a\n\nb 'q' c/d");
        assert_eq!(normalize(r"\u30a8\u30e9\u30fc\u3000AADSTS50011"), "エラー AADSTS50011");
        // Unknown escapes, lone surrogates and broken \u stay as typed.
        assert_eq!(normalize(r"C:\path \ud83d \u12 \x"), r"C:\path \ud83d \u12 \x");
    }

    #[test]
    fn html_entities_and_tags_become_text() {
        assert_eq!(normalize("<p>535&nbsp;5.7.139</p>"), " 535 5.7.139 ");
        assert_eq!(normalize("&quot;code&quot;: &#39;x&#x27; &amp; &lt;b&gt;"), "\"code\": 'x' & <b>");
        assert_eq!(normalize("<a href=\"https://x\">AADSTS50011</a><br/>"), " AADSTS50011  ");
        assert_eq!(normalize("<!-- note -->x<!DOCTYPE html>"), " x ");
        // Not tags: addresses, old NDR brackets, comparisons, tags holding digits (a code in
        // an attribute), unknown entities.
        for kept in [
            "<jane@contoso.com>",
            "#<mail.contoso.com #5.7.1 smtp;530 5.7.1 x>",
            "a < b > c",
            "<! AADSTS50011 >",
            "<a title=\"AADSTS50011\">",
            "<h1>",
            "&copy; &#xD800;",
        ] {
            assert_eq!(normalize(kept), kept);
        }
    }

    #[test]
    fn long_or_unclosed_runs_stay() {
        let long = format!("<p {}>", "a".repeat(600));
        assert_eq!(normalize(&long), long);
        assert_eq!(normalize("<p unclosed"), "<p unclosed");
        assert_eq!(normalize("tail \\"), "tail \\");
        assert_eq!(normalize("&"), "&");
        assert_eq!(normalize("日本<b>語</b>"), "日本 語 ");
    }
}
