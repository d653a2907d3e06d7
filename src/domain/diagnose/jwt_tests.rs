use super::*;
use crate::domain::diagnose::token::{inspect, Expected};
use base64::engine::general_purpose::{STANDARD, URL_SAFE, URL_SAFE_NO_PAD};
use proptest::prelude::*;
use serde_json::json;

const CLAIMS: &str = r#"{"aud":"https://outlook.office.com","upn":"a@b.c","exp":1714563000}"#;

fn sample() -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"typ":"JWT","alg":"RS256"}"#);
    format!("{header}.{}.c2ln", URL_SAFE_NO_PAD.encode(CLAIMS))
}

#[test]
fn pasted_forms_are_forgiven() {
    let t = sample();
    let wrapped: String =
        t.chars().enumerate().flat_map(|(i, c)| if i % 40 == 39 { vec![c, '\n'] } else { vec![c] }).collect();
    for paste in [format!("  {t}\n"), format!("Bearer {t}"), format!("bearer {t}"), format!("\"{t}\""), wrapped] {
        assert_eq!(Jwt::parse(&paste).map(|j| j.claims["upn"].clone()), Ok(json!("a@b.c")), "{paste}");
    }
    // Padded base64url and the standard alphabet decode too.
    let claims = json!({"upn": "a?b>c", "pad": "x"}).to_string();
    let header = URL_SAFE.encode(br#"{"alg": "RS256"}"#);
    assert!(header.ends_with('='));
    let padded = format!("{header}.{}.sig", URL_SAFE.encode(&claims));
    assert!(Jwt::parse(&padded).is_ok());
    let standard = format!("{header}.{}.sig", STANDARD.encode(&claims));
    assert!(Jwt::parse(&standard).is_ok());
}

#[test]
fn broken_tokens_get_specific_problems() {
    let h = URL_SAFE_NO_PAD.encode(br#"{"alg":"RS256"}"#);
    let p = URL_SAFE_NO_PAD.encode(CLAIMS);
    let enc = |s: &str| URL_SAFE_NO_PAD.encode(s);
    use Part::*;
    let cases = [
        ("", TokenProblem::Empty),
        ("  Bearer  ", TokenProblem::Empty),
        ("EwBwA8l6BAAU", TokenProblem::NotAJwt),
        (&*format!("{h}.{p}.s.x"), TokenProblem::SegmentCount { count: 4 }),
        (&*format!("{h}.{p}.a.b.c"), TokenProblem::Encrypted),
        (&*format!("{h}.{p}.a.b.c.d"), TokenProblem::SegmentCount { count: 6 }),
        (&*format!("!!!.{p}.s"), TokenProblem::Base64 { part: Header }),
        (&*format!("{h}.a*b.s"), TokenProblem::Base64 { part: Payload }),
        (&*format!("{h}.{}.s", enc("not json")), TokenProblem::NotJson { part: Payload }),
        (&*format!("{}.{p}.s", enc("{\"alg\":")), TokenProblem::NotJson { part: Header }),
        (&*format!("{h}..s"), TokenProblem::NotJson { part: Payload }),
        (&*format!("{h}.{}.s", URL_SAFE_NO_PAD.encode([0xff, 0xfe, 0x00])), TokenProblem::NotJson { part: Payload }),
        (&*format!("{h}.{}.s", enc("[1,2]")), TokenProblem::NotObject { part: Payload }),
        (&*format!("{}.{p}.s", enc("\"JWT\"")), TokenProblem::NotObject { part: Header }),
        (&*format!("{h}.{}.s", enc("{\"exp\":1e400}")), TokenProblem::NumberOutOfRange { part: Payload }),
    ];
    for (input, want) in cases {
        assert_eq!(Jwt::parse(input), Err(want), "{input}");
    }
    let long = "a".repeat(MAX_TOKEN_BYTES + 1);
    assert_eq!(Jwt::parse(&long), Err(TokenProblem::TooLong { bytes: MAX_TOKEN_BYTES + 1 }));
}

proptest! {
    #[test]
    fn never_panics_on_any_text(s in any::<String>()) {
        let _ = Jwt::parse(&s);
        let _ = inspect(&s, &Expected::default(), 0);
    }

    #[test]
    fn never_panics_on_random_segments(
        parts in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..64), 0..7),
        now in any::<i64>(),
    ) {
        let token: Vec<String> = parts.iter().map(|p| URL_SAFE_NO_PAD.encode(p)).collect();
        let _ = inspect(&token.join("."), &Expected::default(), now);
    }

}
