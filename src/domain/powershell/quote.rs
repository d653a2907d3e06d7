//! PowerShell single-quoted string literals for untrusted text.
//!
//! Inside single quotes PowerShell expands nothing: `$`, backticks, `;`, `$(...)`, double
//! quotes, newlines and NUL are all literal. The only special characters are the quotes
//! themselves, and PowerShell's tokenizer counts FIVE characters as single quotes: `'` and the
//! typographic U+2018, U+2019, U+201A, U+201B. Any of them ends the literal unless it is
//! followed by another one, so each must be doubled. Escaping only `'` would let a pasted
//! "smart quote" close the string and run the rest of the value as code.

/// Prepended to the downloaded `.ps1`. Windows PowerShell 5.1 reads a UTF-8 file without a BOM
/// in the ANSI code page: Japanese names (common here) come out garbled, and worse, UTF-8
/// continuation bytes 0x91/0x92 decode as U+2018/U+2019 in Windows-1252, which PowerShell
/// treats as quotes, so a harmless value could end its literal. With the BOM both 5.1 and 7
/// read the file as UTF-8.
pub const SCRIPT_BOM: &str = "\u{FEFF}";

/// True for the characters PowerShell's tokenizer treats as a single quote.
pub fn is_ps_single_quote(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}')
}

/// `value` as a PowerShell single-quoted string literal, quotes included. Every character
/// is kept as it is; each of the five single-quote characters is doubled.
pub fn ps_single_quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for c in value.chars() {
        if is_ps_single_quote(c) {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// Test-only reader of single-quoted literals, written from PowerShell's tokenizer
/// (`ScanStringLiteral`) rather than from `ps_single_quoted`, so the two can disagree; and a
/// generator of hostile strings.
#[cfg(test)]
pub(crate) mod reader {
    use super::is_ps_single_quote;
    use proptest::prelude::*;

    /// Reads one single-quoted literal at the start of `text`. Returns its value and the
    /// rest of `text` after the closing quote, or `None` when `text` does not start with a
    /// quote or the literal is not terminated.
    pub(crate) fn read_literal(text: &str) -> Option<(String, &str)> {
        let mut chars = text.char_indices().peekable();
        let (_, open) = chars.next()?;
        if !is_ps_single_quote(open) {
            return None;
        }
        let mut value = String::new();
        while let Some((i, c)) = chars.next() {
            if is_ps_single_quote(c) {
                match chars.peek() {
                    // Any quote followed by any quote is an escaped quote: PowerShell
                    // keeps the second one.
                    Some(&(_, next)) if is_ps_single_quote(next) => {
                        value.push(next);
                        chars.next();
                    }
                    _ => return Some((value, &text[i + c.len_utf8()..])),
                }
            } else {
                value.push(c);
            }
        }
        None
    }

    /// Strings rich in the characters that matter, mixed with arbitrary ones.
    pub(crate) fn tricky_string() -> impl Strategy<Value = String> {
        let special = prop::sample::select(vec![
            '\'', '\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}', '"', '\u{201C}', '`', '$', ';', '(', ')', '{', '}',
            '#', '<', '>', '|', '&', '@', '\n', '\r', '\0', '\u{02BC}', '\u{FF07}', '\u{FEFF}', ' ', 'a', 'あ',
        ]);
        let c = prop_oneof![special, any::<char>()];
        prop::collection::vec(c, 0..40).prop_map(|v| v.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::reader::{read_literal, tricky_string};
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plain_text_is_only_wrapped() {
        assert_eq!(ps_single_quoted("support@contoso.com"), "'support@contoso.com'");
        assert_eq!(ps_single_quoted(""), "''");
    }

    #[test]
    fn each_of_the_five_quotes_is_doubled() {
        assert_eq!(ps_single_quoted("O'Brien"), "'O''Brien'");
        assert_eq!(ps_single_quoted("a\u{2018}b"), "'a\u{2018}\u{2018}b'");
        assert_eq!(ps_single_quoted("a\u{2019}b"), "'a\u{2019}\u{2019}b'");
        assert_eq!(ps_single_quoted("a\u{201A}b"), "'a\u{201A}\u{201A}b'");
        assert_eq!(ps_single_quoted("a\u{201B}b"), "'a\u{201B}\u{201B}b'");
        assert_eq!(ps_single_quoted("''"), "''''''");
    }

    #[test]
    fn other_look_alikes_and_metacharacters_stay_single() {
        // Not quotes to PowerShell: modifier apostrophe, fullwidth apostrophe, prime,
        // acute accent, backtick, double quotes of all kinds.
        for s in ["\u{02BC}", "\u{FF07}", "\u{2032}", "\u{00B4}", "`", "\"", "\u{201C}", "\u{201D}"] {
            assert_eq!(ps_single_quoted(s), format!("'{s}'"), "{s:?}");
        }
        let hostile = "x'; Remove-Item C:\\ -Recurse; $(whoami) `n \"$env:USERNAME\"\r\n\0#";
        let quoted = ps_single_quoted(hostile);
        assert_eq!(quoted, format!("'{}'", hostile.replace('\'', "''")));
    }

    #[test]
    fn reader_follows_powershell_rules() {
        assert_eq!(read_literal("'a''b' rest"), Some(("a'b".to_string(), " rest")));
        // Mixed quote pairs escape too: PowerShell keeps the second character.
        assert_eq!(read_literal("'a'\u{2019}b'"), Some(("a\u{2019}b".to_string(), "")));
        assert_eq!(read_literal("\u{2018}ab\u{2019}x"), Some(("ab".to_string(), "x")));
        assert_eq!(read_literal("'unterminated"), None);
        assert_eq!(read_literal("''"), Some((String::new(), "")));
        assert_eq!(read_literal("noquote"), None);
        // What a naive escaper (only ') would produce: the smart quote ends the literal early.
        assert_eq!(read_literal("'x\u{2019}; calc; \u{2019}'"), Some(("x".to_string(), "; calc; \u{2019}'")));
    }

    #[test]
    fn bom_is_the_utf8_byte_order_mark() {
        assert_eq!(SCRIPT_BOM.as_bytes(), [0xEF, 0xBB, 0xBF]);
    }

    proptest! {
        #[test]
        fn quoted_reads_back_exactly_and_whole(s in tricky_string()) {
            let quoted = ps_single_quoted(&s);
            let (value, rest) = read_literal(&quoted).unwrap();
            prop_assert_eq!(value, s);
            prop_assert_eq!(rest, "");
        }

        #[test]
        fn literal_ends_where_its_closing_quote_was_put(a in tricky_string(), b in tricky_string()) {
            // As in the script: a literal, then more code on the same or the next line.
            let line = format!("{} + {}\n", ps_single_quoted(&a), ps_single_quoted(&b));
            let (first, rest) = read_literal(&line).unwrap();
            prop_assert_eq!(first, a);
            let rest = rest.strip_prefix(" + ").unwrap();
            let (second, rest) = read_literal(rest).unwrap();
            prop_assert_eq!(second, b);
            prop_assert_eq!(rest, "\n");
        }
    }
}
