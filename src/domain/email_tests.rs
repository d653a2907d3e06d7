//! Unit tests of `email.rs`.

use super::*;
use proptest::prelude::*;

fn problem(s: &str) -> EmailProblem {
    match EmailAddress::parse(s) {
        Err(p) => p,
        Ok(a) => panic!("{s:?} parsed as {a:?}"),
    }
}

fn odd(s: &str) -> OddChar {
    match problem(s) {
        EmailProblem::Char(o) => o,
        p => panic!("{s:?}: expected a character problem, got {p:?}"),
    }
}

#[test]
fn valid_addresses_parse_and_split() {
    let a = EmailAddress::parse("support@contoso.com").unwrap();
    assert_eq!((a.local(), a.domain(), a.as_str()), ("support", "contoso.com", "support@contoso.com"));
    let a = EmailAddress::parse("0123456789abcdef0123456789abcdef@mail-us.imiconnect.io").unwrap();
    assert_eq!(a.domain(), "mail-us.imiconnect.io");
    for ok in ["a@b.co", "first.last+tag@sub.example.co.jp", "o'neil_x-y@x1.io", "user@xn--r8jz45g.jp"] {
        assert!(EmailAddress::parse(ok).is_ok(), "{ok}");
    }
}

#[test]
fn whitespace_around_is_trimmed_and_domain_lower_cased() {
    let a = EmailAddress::parse(" \t Support@Contoso.COM \n").unwrap();
    assert_eq!(a.as_str(), "Support@contoso.com");
    assert_eq!(a.local(), "Support");
    assert_eq!(a.to_string(), "Support@contoso.com");
    // Ideographic spaces from a Japanese input method are whitespace too.
    assert!(EmailAddress::parse("\u{3000}a@b.jp\u{3000}").is_ok());
    assert_eq!("a@B.jp".parse::<EmailAddress>().map(|a| a.domain().to_string()), Ok("b.jp".into()));
}

#[test]
fn same_mailbox_ignores_case() {
    let a = EmailAddress::parse("Info@Contoso.com").unwrap();
    let b = EmailAddress::parse("info@contoso.com").unwrap();
    let c = EmailAddress::parse("info2@contoso.com").unwrap();
    assert!(a.same_mailbox(&b));
    assert!(!a.same_mailbox(&c));
}

#[test]
fn structural_problems() {
    assert_eq!(problem(""), EmailProblem::Empty);
    assert_eq!(problem("   "), EmailProblem::Empty);
    assert_eq!(problem("contoso.com"), EmailProblem::MissingAt);
    assert_eq!(problem("a@b@c.com"), EmailProblem::MultipleAt { count: 2 });
    assert_eq!(problem("@contoso.com"), EmailProblem::EmptyLocal);
    assert_eq!(problem("user@"), EmailProblem::EmptyDomain);
    assert_eq!(problem("mailto:user@contoso.com"), EmailProblem::Mailto);
    assert_eq!(problem("MAILTO:user@contoso.com"), EmailProblem::Mailto);
    assert_eq!(odd("\"a b\"@c.com").position, 3);
    assert_eq!(problem("\"ab\"@c.com"), EmailProblem::LocalBadChar { ch: '"' });
    assert_eq!(problem("a,b@c.com"), EmailProblem::LocalBadChar { ch: ',' });
    assert_eq!(problem(".a@c.com"), EmailProblem::LocalDots);
    assert_eq!(problem("a.@c.com"), EmailProblem::LocalDots);
    assert_eq!(problem("a..b@c.com"), EmailProblem::LocalDots);
    let long_local = format!("{}@c.com", "a".repeat(65));
    assert_eq!(problem(&long_local), EmailProblem::LocalTooLong { length: 65 });
    assert!(EmailAddress::parse(&format!("{}@c.com", "a".repeat(64))).is_ok());
    let long = format!("a@{}.com", vec!["b".repeat(60); 5].join("."));
    assert!(matches!(problem(&long), EmailProblem::TooLong { .. }));
}

#[test]
fn domain_problems() {
    let dp = |s: &str| match problem(s) {
        EmailProblem::Domain(d) => d,
        p => panic!("{s}: {p:?}"),
    };
    assert_eq!(dp("user@localhost"), DomainProblem::NoDot { domain: "localhost".into() });
    assert_eq!(dp("user@contoso..com"), DomainProblem::EmptyLabel { domain: "contoso..com".into() });
    assert_eq!(dp("user@contoso.com."), DomainProblem::EmptyLabel { domain: "contoso.com.".into() });
    assert_eq!(dp("user@.contoso.com"), DomainProblem::EmptyLabel { domain: ".contoso.com".into() });
    assert_eq!(dp("user@con_toso.com"), DomainProblem::BadChar { domain: "con_toso.com".into(), ch: '_' });
    assert_eq!(dp("user@[10.0.0.1]"), DomainProblem::BadChar { domain: "[10.0.0.1]".into(), ch: '[' });
    assert_eq!(dp("user@10.0.0.1"), DomainProblem::NumericTld { domain: "10.0.0.1".into() });
    assert_eq!(
        dp("user@-contoso.com"),
        DomainProblem::LabelHyphen { domain: "-contoso.com".into(), label: "-contoso".into() }
    );
    assert_eq!(
        dp("user@contoso-.com"),
        DomainProblem::LabelHyphen { domain: "contoso-.com".into(), label: "contoso-".into() }
    );
    let label = "x".repeat(64);
    assert!(matches!(dp(&format!("u@{label}.com")), DomainProblem::LabelTooLong { .. }));
    assert!(EmailAddress::parse(&format!("u@{}.com", "x".repeat(63))).is_ok());
    assert!(matches!(check_domain(&"a.".repeat(130)), Err(DomainProblem::TooLong { length: 260, .. })));
}

#[test]
fn spaces_inside_are_named() {
    let o = odd("john doe@contoso.com");
    assert_eq!((o.kind, o.ch, o.position), (OddCharKind::Space, ' ', 5));
    let o = odd("john@contoso\u{3000}.com");
    assert_eq!((o.kind, o.code()), (OddCharKind::Space, "U+3000".to_string()));
    assert_eq!(odd("a\tb@c.com").kind, OddCharKind::Space);
    assert_eq!(odd("a\u{00A0}b@c.com").code(), "U+00A0");
}

#[test]
fn look_alikes_are_named_with_code_points() {
    // Cyrillic "а" (U+0430) in place of Latin "a".
    let o = odd("\u{0430}dmin@contoso.com");
    assert_eq!((o.kind, o.position, o.code()), (OddCharKind::LookAlike('a'), 1, "U+0430".into()));
    let m = o.message();
    assert_eq!(m.key, "email.char.look_alike");
    assert_eq!(m.param("char"), Some("\u{0430}"));
    assert_eq!(m.param("code"), Some("U+0430"));
    assert_eq!(m.param("looks_like"), Some("a"));
    assert_eq!(m.param("position"), Some("1"));
    // Full-width at sign and full stop from a Japanese IME.
    let o = odd("user\u{FF20}contoso.com");
    assert_eq!((o.kind, o.code(), o.position), (OddCharKind::LookAlike('@'), "U+FF20".into(), 5));
    let o = odd("user@contoso\u{FF0E}com");
    assert_eq!((o.kind, o.code()), (OddCharKind::LookAlike('.'), "U+FF0E".into()));
    assert_eq!(odd("user@contoso\u{3002}com").kind, OddCharKind::LookAlike('.'));
    assert_eq!(odd("\u{FF55}ser@contoso.com").kind, OddCharKind::LookAlike('u'));
    assert_eq!(odd("user@micr\u{03BF}soft.com").kind, OddCharKind::LookAlike('o'));
    assert_eq!(odd("user@mail\u{2010}us.io").kind, OddCharKind::LookAlike('-'));
}

#[test]
fn invisible_control_and_other_non_ascii() {
    let o = odd("us\u{200B}er@contoso.com");
    assert_eq!((o.kind, o.position, o.code()), (OddCharKind::Invisible, 3, "U+200B".into()));
    assert_eq!(o.message().key, "email.char.invisible");
    assert_eq!(o.message().param("char"), None);
    assert_eq!(odd("\u{FEFF}user@contoso.com").kind, OddCharKind::Invisible);
    assert_eq!(odd("user@contoso.com\u{200D}").kind, OddCharKind::Invisible);
    assert_eq!(odd("us\u{0007}er@contoso.com").kind, OddCharKind::Control);
    let o = odd("jos\u{00E9}@contoso.com");
    assert_eq!((o.kind, o.code()), (OddCharKind::NonAscii, "U+00E9".into()));
    assert_eq!(odd("user@例え.jp").kind, OddCharKind::NonAscii);
    assert_eq!(odd("\u{1F600}@x.com").code(), "U+1F600");
}

#[test]
fn positions_count_from_the_text_as_typed() {
    let o = odd("  a\u{0430}@b.com");
    assert_eq!(o.position, 4);
}

#[test]
fn messages_carry_their_parameters() {
    assert_eq!(EmailProblem::Empty.message().key, "email.empty");
    assert_eq!(EmailProblem::MultipleAt { count: 3 }.message().param("count"), Some("3"));
    let m = EmailProblem::LocalTooLong { length: 70 }.message();
    assert_eq!((m.param("length"), m.param("max")), (Some("70"), Some("64")));
    let m = EmailProblem::TooLong { length: 300 }.message();
    assert_eq!((m.key, m.param("max")), ("email.too_long", Some("254")));
    let m = problem("a@b_c.com").message();
    assert_eq!((m.key, m.param("char"), m.param("domain")), ("email.domain.bad_char", Some("_"), Some("b_c.com")));
    let m = problem("a@x.1").message();
    assert_eq!(m.key, "email.domain.numeric_tld");
    let m = DomainProblem::LabelTooLong { domain: "d".into(), label: "l".into() }.message();
    assert_eq!(m.param("max"), Some("63"));
    let m = DomainProblem::TooLong { domain: "d".into(), length: 300 }.message();
    assert_eq!(m.param("max"), Some("253"));
}

proptest! {
    #[test]
    fn parse_never_panics(s in any::<String>()) {
        match EmailAddress::parse(&s) {
            Ok(a) => prop_assert_eq!(EmailAddress::parse(a.as_str()), Ok(a.clone())),
            Err(p) => prop_assert!(!p.message().key.is_empty()),
        }
    }

    #[test]
    fn parse_never_panics_on_address_like_text(
        s in "[ a-zA-Z0-9@.\\-_\u{FF20}\u{0430}\u{200B}\"]{0,40}"
    ) {
        match EmailAddress::parse(&s) {
            Ok(a) => prop_assert_eq!(EmailAddress::parse(a.as_str()), Ok(a.clone())),
            Err(p) => prop_assert!(!p.message().key.is_empty()),
        }
    }

    #[test]
    fn parsed_addresses_re_parse_to_themselves(
        local in "[a-zA-Z0-9][a-zA-Z0-9+_]{0,10}",
        domain in "[a-zA-Z][a-zA-Z0-9]{0,8}\\.[a-zA-Z]{2,6}",
        pad in "[ \t]{0,3}",
    ) {
        let a = EmailAddress::parse(&format!("{pad}{local}@{domain}{pad}")).unwrap();
        prop_assert_eq!(a.local(), local.as_str());
        prop_assert_eq!(a.domain(), domain.to_ascii_lowercase());
        prop_assert_eq!(EmailAddress::parse(a.as_str()), Ok(a.clone()));
    }
}

#[test]
fn proxy_addresses_name_their_smtp_address() {
    assert_eq!(smtp_proxy_address("SMTP:Support@Contoso.example"), Some("Support@Contoso.example"));
    assert_eq!(smtp_proxy_address("smtp:alias@contoso.example"), Some("alias@contoso.example"));
    assert_eq!(smtp_proxy_address("support@contoso.example"), Some("support@contoso.example"));
    for other in ["X500:/o=ExchangeLabs/ou=Exchange", "SIP:support@contoso.example", "SPO:SPO_1234"] {
        assert_eq!(smtp_proxy_address(other), None, "{other}");
    }
}
