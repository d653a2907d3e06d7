//! Unit tests of `guid.rs`.

use super::*;

const G: &str = "72f988bf-86f1-41af-91ab-2d7cd011db47";

#[test]
fn canonical_guid_parses_and_displays_lower_case() {
    let g = Guid::parse(G).unwrap();
    assert_eq!(g.to_string(), G);
    let upper = Guid::parse(&G.to_uppercase()).unwrap();
    assert_eq!(upper, g);
    assert_eq!(upper.to_string(), G);
    assert_eq!(Guid::parse(&format!("  {G}\n")).unwrap(), g);
    assert_eq!(Guid::parse(&format!("\u{FEFF}{G}\u{200B}")).unwrap(), g);
    assert_eq!(Guid::parse("\u{3000}00000000-0000-0000-0000-000000000000").unwrap().bytes(), [0; 16]);
    assert_eq!(G.parse::<Guid>().unwrap(), g);
    assert_eq!(g.bytes()[0], 0x72);
    assert_eq!(g.bytes()[15], 0x47);
}

// Short constructors keep the case tables one line per case.
fn la(found: char, expected: char, position: usize) -> GuidProblem {
    GuidProblem::LookAlike { found, expected, position }
}

fn nh(found: char, position: usize) -> GuidProblem {
    GuidProblem::NotHex { found, position }
}

fn ws(position: usize) -> GuidProblem {
    GuidProblem::InnerWhitespace { position }
}

#[test]
fn problems_are_specific() {
    use GuidProblem::*;
    let cases: Vec<(String, GuidProblem)> = vec![
        ("".into(), Empty),
        (" \t\n".into(), Empty),
        (format!("{{{G}}}"), Braces),
        (format!("({G})"), Braces),
        (format!("{G}}}"), Braces),
        (G.replace('-', ""), MissingDashes),
        (G[..35].to_string(), WrongLength { digits: 31 }),
        (format!("{G}0"), WrongLength { digits: 33 }),
        ("72f988bf86f1-41af-91ab-2d7c-d011db47".into(), MisplacedDashes),
        ("72f988bf--86f141af-91ab-2d7cd011db47".into(), MisplacedDashes),
        ("72f988bf-86f1-41af-91ab-2d7cd011db4g".into(), nh('g', 36)),
        ("urn:uuid:72f988bf-86f1-41af-91ab-2d7cd011db47".into(), nh('u', 1)),
        ("72f988bf-86f1-41af 91ab-2d7cd011db47".into(), ws(19)),
        ("72f988bf-86f1-41af-91ab-\n2d7cd011db47".into(), ws(25)),
        ("72f988bf-86f1\u{200B}-41af-91ab-2d7cd011db47".into(), Invisible { position: 14 }),
        // Cyrillic а, letters l and O, fullwidth digit, fullwidth and typographic dashes,
        // the IME long-vowel mark, fullwidth letters, Cyrillic capital Е.
        ("72f988bf-86f1-41аf-91ab-2d7cd011db47".into(), la('а', 'a', 17)),
        ("72f988bf-86f1-41af-91ab-2d7cd0ll1db4".into(), la('l', '1', 31)),
        ("72f988bf-86f1-41af-91ab-2d7cdO11db47".into(), la('O', '0', 30)),
        ("７2f988bf-86f1-41af-91ab-2d7cd011db47".into(), la('７', '7', 1)),
        ("72f988bf－86f1-41af-91ab-2d7cd011db47".into(), la('－', '-', 9)),
        ("72f988bf–86f1-41af-91ab-2d7cd011db47".into(), la('–', '-', 9)),
        ("72f988bfー86f1-41af-91ab-2d7cd011db47".into(), la('ー', '-', 9)),
        ("72f988bf-86f1-41af-91ab-2d7cd011dｂ47".into(), la('ｂ', 'b', 34)),
        ("72f988bf-86f1-41af-91ab-2d7cd011dＢ47".into(), la('Ｂ', 'B', 34)),
        ("Е2f988bf-86f1-41af-91ab-2d7cd011db47".into(), la('Е', 'E', 1)),
    ];
    for (input, expected) in cases {
        assert_eq!(Guid::parse(&input), Err(expected), "{input:?}");
    }
}

#[test]
fn messages_carry_parameters() {
    let m = GuidProblem::LookAlike { found: 'а', expected: 'a', position: 3 }.message();
    assert_eq!(m.key, "entra.guid.look_alike");
    assert_eq!(m.param("found"), Some("'а' (U+0430)"));
    assert_eq!(m.param("expected"), Some("a"));
    assert_eq!(m.param("position"), Some("3"));
    assert_eq!(GuidProblem::WrongLength { digits: 5 }.message().param("digits"), Some("5"));
}

#[test]
fn client_id_wraps_a_guid() {
    let c = ClientId::parse(&G.to_uppercase()).unwrap();
    assert_eq!(c.to_string(), G);
    assert_eq!(ClientId::parse("x"), Err(GuidProblem::NotHex { found: 'x', position: 1 }));
}

#[test]
fn tenant_id_accepts_guid_and_domain() {
    let t = TenantId::parse(&format!(" {} ", G.to_uppercase())).unwrap();
    assert_eq!(t, TenantId::Id(Guid::parse(G).unwrap()));
    assert_eq!(t.to_string(), G);
    assert_eq!(t.guid(), Guid::parse(G).ok());
    let d = TenantId::parse("Contoso.OnMicrosoft.com").unwrap();
    assert_eq!(d, TenantId::Domain("contoso.onmicrosoft.com".into()));
    assert_eq!(d.to_string(), "contoso.onmicrosoft.com");
    assert_eq!(d.guid(), None);
    assert!(TenantId::parse("xn--bcher-kva.example").is_ok());
    assert!(TenantId::parse("my-org.co.jp").is_ok());
}

fn dla(found: char, expected: char, position: usize) -> TenantIdProblem {
    TenantIdProblem::Domain(DomainProblem::LookAlike { found, expected, position })
}

fn dbad(found: char, position: usize) -> TenantIdProblem {
    TenantIdProblem::Domain(DomainProblem::BadChar { found, position })
}

fn hyphen(label: &str) -> TenantIdProblem {
    TenantIdProblem::Domain(DomainProblem::HyphenAtEdge { label: label.into() })
}

fn alias(alias: &str) -> TenantIdProblem {
    TenantIdProblem::MultiTenantAlias { alias: alias.into() }
}

fn email(domain: &str) -> TenantIdProblem {
    TenantIdProblem::Email { domain: domain.into() }
}

#[test]
fn tenant_id_problems() {
    use DomainProblem as D;
    use TenantIdProblem as T;
    let long_label = "a".repeat(64);
    let cases: Vec<(String, TenantIdProblem)> = vec![
        ("".into(), T::Guid(GuidProblem::Empty)),
        ("Common".into(), alias("common")),
        ("organizations".into(), alias("organizations")),
        ("consumers".into(), alias("consumers")),
        ("admin@Contoso.com".into(), email("contoso.com")),
        ("admin＠contoso.com".into(), email("contoso.com")),
        (format!("https://login.microsoftonline.com/{G}/oauth2/v2.0/token"), T::Url),
        (format!("{G}/"), T::Url),
        ("Contoso".into(), T::NotGuidOrDomain),
        ("Contoso Ltd".into(), T::NotGuidOrDomain),
        ("localhost".into(), T::NotGuidOrDomain),
        ("コントソ".into(), T::NotGuidOrDomain),
        // One stray character in a GUID-shaped text gets the precise GUID problem.
        ("72f988bf-86f1-41af-91ab-2d7cd011db4g".into(), T::Guid(nh('g', 36))),
        ("72f988bf-86f1-41af-91ab-2d7cd011dЬ47".into(), T::Guid(nh('Ь', 34))),
        ("72f988bf-86f1-41аf-91ab-2d7cd011db47".into(), T::Guid(la('а', 'a', 17))),
        ("abc".into(), T::Guid(GuidProblem::WrongLength { digits: 3 })),
        ("contoso..com".into(), T::Domain(D::EmptyLabel)),
        (".contoso.com".into(), T::Domain(D::EmptyLabel)),
        ("contoso.com.".into(), T::Domain(D::EmptyLabel)),
        ("contoso．com".into(), dla('．', '.', 8)),
        ("contoso。com".into(), dla('。', '.', 8)),
        ("cоntoso.com".into(), dla('о', 'o', 2)),
        ("ｃontoso.com".into(), dla('ｃ', 'c', 1)),
        ("Ｃontoso.com".into(), dla('Ｃ', 'c', 1)),
        ("con–toso.com".into(), dla('–', '-', 4)),
        ("con toso.com".into(), dbad(' ', 4)),
        ("contoso_jp.com".into(), dbad('_', 8)),
        ("bücher.example".into(), dbad('ü', 2)),
        ("-contoso.com".into(), hyphen("-contoso")),
        ("contoso-.com".into(), hyphen("contoso-")),
        ("10.0.0.1".into(), T::Domain(D::NumericTld)),
        (format!("{long_label}.com"), T::Domain(D::LabelTooLong { label: long_label })),
        (format!("{}.com", vec!["a".repeat(60); 5].join(".")), T::Domain(D::TooLong)),
    ];
    for (input, expected) in cases {
        assert_eq!(TenantId::parse(&input), Err(expected), "{input:?}");
    }
}

#[test]
fn tenant_messages() {
    let m = TenantIdProblem::Email { domain: "contoso.com".into() }.message();
    assert_eq!((m.key, m.param("domain")), ("entra.tenant_id.email", Some("contoso.com")));
    assert_eq!(TenantIdProblem::Guid(GuidProblem::Empty).message().key, "entra.guid.empty");
    let m = TenantIdProblem::Domain(DomainProblem::HyphenAtEdge { label: "-a".into() }).message();
    assert_eq!(m.param("label"), Some("-a"));
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC*") {
            let _ = Guid::parse(&s);
        }

        #[test]
        fn tenant_parse_never_panics(s in "\\PC*") {
            let _ = TenantId::parse(&s);
        }

        #[test]
        fn display_round_trips(bytes in proptest::array::uniform16(any::<u8>())) {
            let g = Guid(bytes);
            let text = g.to_string();
            prop_assert_eq!(Guid::parse(&text), Ok(g));
            prop_assert_eq!(Guid::parse(&text.to_uppercase()), Ok(g));
            prop_assert_eq!(text.len(), 36);
        }

        #[test]
        fn parsed_text_round_trips(s in "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}") {
            let g = Guid::parse(&s).unwrap();
            prop_assert_eq!(g.to_string(), s.to_lowercase());
        }
    }
}
