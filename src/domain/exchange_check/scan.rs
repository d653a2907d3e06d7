//! Test-only: the commands a PowerShell script runs, to hold a generated script to an
//! allowlist. Written from PowerShell's grammar as far as these scripts use it: comments
//! (`#`, `<# #>`) and string literals (the five single quotes, doubled to escape; double
//! quotes with backtick escapes) are skipped; a command is a `Verb-Noun` word anywhere, or
//! any bare word where a command may start (line start, after `;`, `{`, `(`, `|`, `=`),
//! except keywords and hashtable keys (a word followed by `=`). Aliases (`iex`, `sc`, `rm`)
//! are bare words, so they are caught too.

use crate::domain::powershell::is_ps_single_quote;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Word(String),
    Var,
    Text,
    Punct(char),
}

const KEYWORDS: [&str; 8] = ["if", "else", "elseif", "try", "catch", "finally", "function", "return"];

fn tokens(script: &str) -> Vec<Token> {
    let chars: Vec<char> = script.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let word_char = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | ':');
    while i < chars.len() {
        let c = chars[i];
        let at_token_start = i == 0 || chars[i - 1].is_whitespace() || matches!(chars[i - 1], ';' | '{' | '(' | '|');
        if c == '<' && chars.get(i + 1) == Some(&'#') {
            while i + 1 < chars.len() && !(chars[i] == '#' && chars[i + 1] == '>') {
                i += 1;
            }
            i += 2;
        } else if c == '#' && at_token_start {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if is_ps_single_quote(c) {
            i += 1;
            while i < chars.len() {
                if is_ps_single_quote(chars[i]) {
                    if chars.get(i + 1).is_some_and(|n| is_ps_single_quote(*n)) {
                        i += 2;
                        continue;
                    }
                    break;
                }
                i += 1;
            }
            i += 1;
            out.push(Token::Text);
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '`' { 2 } else { 1 };
            }
            i += 1;
            out.push(Token::Text);
        } else if c == '$' {
            i += 1;
            while i < chars.len() && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | ':' | '?')) {
                i += 1;
            }
            out.push(Token::Var);
        } else if word_char(c) {
            let start = i;
            while i < chars.len() && word_char(chars[i]) {
                i += 1;
            }
            out.push(Token::Word(chars[start..i].iter().collect()));
        } else if c == '\n' {
            out.push(Token::Punct('\n'));
            i += 1;
        } else {
            if !c.is_whitespace() {
                out.push(Token::Punct(c));
            }
            i += 1;
        }
    }
    out
}

fn is_verb_noun(w: &str) -> bool {
    let mut parts = w.splitn(2, '-');
    let (verb, noun) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    !verb.is_empty()
        && verb.chars().all(|c| c.is_ascii_alphabetic())
        && noun.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

/// Every command the script may run, in order (function names it defines included).
pub fn commands(script: &str) -> Vec<String> {
    let toks = tokens(script);
    let mut out = Vec::new();
    let mut command_position = true;
    for (i, t) in toks.iter().enumerate() {
        let after_dot = i > 0 && toks[i - 1] == Token::Punct('.');
        match t {
            Token::Punct(c) => command_position = matches!(c, '\n' | ';' | '{' | '(' | '|' | '=' | '}'),
            Token::Word(w) if w.starts_with('-') || after_dot || w.starts_with(|c: char| c.is_ascii_digit()) => {
                command_position = false
            }
            Token::Word(w) => {
                let is_key = toks.get(i + 1) == Some(&Token::Punct('='));
                let keyword = KEYWORDS.contains(&w.to_ascii_lowercase().as_str());
                if (command_position && !is_key && !keyword) || is_verb_noun(w) {
                    out.push(w.clone());
                }
                command_position = keyword;
            }
            Token::Var | Token::Text => command_position = false,
        }
    }
    out
}

/// The verbs a read-only check may use: reading, connecting, converting, filtering, printing.
pub const READ_ONLY_VERBS: [&str; 6] = ["Get", "Connect", "ConvertTo", "ForEach", "Where", "Write"];

/// Commands outside the allowlist.
pub fn not_read_only(script: &str) -> Vec<String> {
    commands(script)
        .into_iter()
        .filter(|c| {
            let verb = c.split('-').next().unwrap_or("");
            !(is_verb_noun(c) && READ_ONLY_VERBS.iter().any(|v| v.eq_ignore_ascii_case(verb)))
        })
        .collect()
}
