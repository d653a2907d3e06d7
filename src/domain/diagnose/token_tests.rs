use super::*;
use crate::domain::diagnose::jwt::Part;
use crate::domain::diagnose::locale_files;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use proptest::prelude::*;
use serde_json::json;
use std::collections::BTreeSet;

const NOW: i64 = 1_714_557_600; // 2024-05-01T10:00:00Z
const TENANT: &str = "0a1b2c3d-0000-4000-8000-00000000000a";
const CLIENT: &str = "1b2c3d4e-0000-4000-8000-000000000001";
const USER: &str = "support@contoso.com";

fn expected() -> Expected {
    Expected { tenant_id: TENANT.into(), client_id: CLIENT.into(), smtp_username: USER.into() }
}

fn good_claims() -> Value {
    json!({
        "aud": "https://outlook.office.com",
        "iss": format!("https://sts.windows.net/{TENANT}/"),
        "nbf": NOW - 60,
        "exp": NOW + 90 * 60,
        "scp": "SMTP.Send",
        "tid": TENANT,
        "appid": CLIENT,
        "upn": USER,
        "ver": "1.0"
    })
}

fn jwt(claims: &Value) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"typ":"JWT","alg":"RS256","kid":"abc"}"#);
    format!("{header}.{}.c2ln", URL_SAFE_NO_PAD.encode(claims.to_string()))
}

fn with(key: &str, value: Value) -> String {
    let mut c = good_claims();
    c[key] = value;
    jwt(&c)
}

fn without(key: &str) -> String {
    let mut c = good_claims();
    if let Some(map) = c.as_object_mut() {
        map.remove(key);
    }
    jwt(&c)
}

fn run(token: &str) -> Inspection {
    inspect(token, &expected(), NOW).unwrap()
}

fn get(token: &str, id: TokenCheck) -> (TokenStatus, &'static str) {
    let i = run(token);
    let c = i.checks.iter().find(|c| c.id == id).unwrap();
    (c.status, c.message.key)
}

fn message(token: &str, id: TokenCheck) -> Message {
    run(token).checks.into_iter().find(|c| c.id == id).unwrap().message
}

#[test]
fn a_good_token_passes_every_check_but_the_unverified_signature() {
    let i = run(&jwt(&good_claims()));
    assert_eq!(i.claims["upn"], USER);
    assert_eq!(i.header["alg"], "RS256");
    let ids: Vec<TokenCheck> = i.checks.iter().map(|c| c.id).collect();
    use TokenCheck::*;
    assert_eq!(ids, [Signature, Audience, Scope, User, Tenant, Client, Expiry]);
    for c in &i.checks {
        let want = if c.id == Signature { TokenStatus::Unknown } else { TokenStatus::Pass };
        assert_eq!(c.status, want, "{c:?}");
    }
    assert_eq!(i.checks[0].message.key, "token.signature.not_checked");
}

#[test]
fn outlook_audiences_pass_in_every_spelling() {
    for aud in [
        json!("https://outlook.office.com"),
        json!("https://outlook.office.com/"),
        json!(" HTTPS://Outlook.Office.com/ "),
        json!("00000002-0000-0ff1-ce00-000000000000"),
        json!("https://outlook.office365.com/"),
        json!(["https://example.com", "https://outlook.office.com"]),
    ] {
        assert_eq!(
            get(&with("aud", aud.clone()), TokenCheck::Audience),
            (TokenStatus::Pass, "token.aud.outlook"),
            "{aud}"
        );
    }
}

#[test]
fn a_graph_audience_is_named_as_the_535_5_7_3_cause() {
    let mut claims = good_claims();
    claims["scp"] = json!("User.Read");
    for aud in ["https://graph.microsoft.com", "https://graph.microsoft.com/", "00000003-0000-0000-c000-000000000000"] {
        claims["aud"] = json!(aud);
        assert_eq!(get(&jwt(&claims), TokenCheck::Audience), (TokenStatus::Fail, "token.aud.graph"));
        // Microsoft Graph's own SMTP.Send is named: the permission older guides consent to.
        assert_eq!(
            get(&with("aud", json!(aud)), TokenCheck::Audience),
            (TokenStatus::Fail, "token.aud.graph_smtp_send")
        );
    }
    let m = message(&with("aud", json!("https://graph.microsoft.com")), TokenCheck::Audience);
    assert_eq!(m.param("aud"), Some("https://graph.microsoft.com"));
}

#[test]
fn other_and_look_alike_audiences_fail() {
    for aud in [
        json!("https://outlook.office.com.evil.example"),
        json!("http://outlook.office.com"),
        json!("https://оutlook.office.com"), // Cyrillic о
        json!("https://outlook.office.com/?x=1"),
        json!("api://1b2c3d4e"),
    ] {
        assert_eq!(
            get(&with("aud", aud.clone()), TokenCheck::Audience),
            (TokenStatus::Fail, "token.aud.other"),
            "{aud}"
        );
    }
    for token in [without("aud"), with("aud", json!(42)), with("aud", json!([]))] {
        assert_eq!(get(&token, TokenCheck::Audience), (TokenStatus::Fail, "token.aud.missing"));
    }
}

#[test]
fn scope_must_include_smtp_send() {
    let ok = (TokenStatus::Pass, "token.scp.ok");
    assert_eq!(get(&with("scp", json!("offline_access SMTP.Send openid")), TokenCheck::Scope), ok);
    assert_eq!(get(&with("scp", json!("smtp.send")), TokenCheck::Scope), ok);
    assert_eq!(get(&with("scp", json!("https://outlook.office.com/SMTP.Send")), TokenCheck::Scope), ok);
    let no = (TokenStatus::Fail, "token.scp.no_smtp_send");
    assert_eq!(get(&with("scp", json!("Mail.Send User.Read")), TokenCheck::Scope), no);
    assert_eq!(get(&with("scp", json!("SMTP.SendAsApp")), TokenCheck::Scope), no);
    assert_eq!(get(&with("scp", json!("")), TokenCheck::Scope), no);
    let mut app_only = good_claims();
    app_only.as_object_mut().unwrap().remove("scp");
    app_only["roles"] = json!(["Mail.Send"]);
    let m = message(&jwt(&app_only), TokenCheck::Scope);
    assert_eq!((m.key, m.param("roles")), ("token.scp.app_only", Some("Mail.Send")));
    assert_eq!(get(&without("scp"), TokenCheck::Scope), (TokenStatus::Fail, "token.scp.missing"));
}

#[test]
fn tenant_client_and_user_compare_without_case() {
    assert_eq!(get(&with("tid", json!(TENANT.to_uppercase())), TokenCheck::Tenant).0, TokenStatus::Pass);
    assert_eq!(
        get(&with("tid", json!("ffffffff-0000-4000-8000-00000000000a")), TokenCheck::Tenant),
        (TokenStatus::Fail, "token.tid.mismatch")
    );
    assert_eq!(get(&without("tid"), TokenCheck::Tenant), (TokenStatus::Fail, "token.tid.missing"));
    // v2 tokens carry azp instead of appid.
    let mut v2 = good_claims();
    v2.as_object_mut().unwrap().remove("appid");
    v2["azp"] = json!(CLIENT);
    assert_eq!(get(&jwt(&v2), TokenCheck::Client), (TokenStatus::Pass, "token.client.match"));
    assert_eq!(get(&with("appid", json!("other")), TokenCheck::Client), (TokenStatus::Fail, "token.client.mismatch"));
    assert_eq!(get(&without("appid"), TokenCheck::Client), (TokenStatus::Fail, "token.client.missing"));
    assert_eq!(get(&with("upn", json!("Support@Contoso.COM")), TokenCheck::User).0, TokenStatus::Pass);
    let mut v2 = good_claims();
    v2.as_object_mut().unwrap().remove("upn");
    v2["preferred_username"] = json!(USER);
    assert_eq!(get(&jwt(&v2), TokenCheck::User).0, TokenStatus::Pass);
    v2.as_object_mut().unwrap().remove("preferred_username");
    v2["unique_name"] = json!(USER);
    assert_eq!(get(&jwt(&v2), TokenCheck::User).0, TokenStatus::Pass);
    v2.as_object_mut().unwrap().remove("unique_name");
    assert_eq!(get(&jwt(&v2), TokenCheck::User), (TokenStatus::Fail, "token.user.missing"));
    // Fullwidth at sign and Cyrillic letters are other users.
    for other in ["support＠contoso.com", "suppоrt@contoso.com", "admin@contoso.com"] {
        let m = message(&with("upn", json!(other)), TokenCheck::User);
        assert_eq!((m.key, m.param("expected")), ("token.user.mismatch", Some(USER)));
    }
}

#[test]
fn unconfigured_expectations_say_so_instead_of_failing() {
    let blank = Expected { tenant_id: " ".into(), client_id: String::new(), smtp_username: String::new() };
    let i = inspect(&jwt(&good_claims()), &blank, NOW).unwrap();
    for id in [TokenCheck::User, TokenCheck::Tenant, TokenCheck::Client] {
        let c = i.checks.iter().find(|c| c.id == id).unwrap();
        assert_eq!(c.status, TokenStatus::Unknown);
        assert!(c.message.key.ends_with(".not_configured"), "{c:?}");
    }
    let i = inspect(&without("tid"), &blank, NOW).unwrap();
    let c = i.checks.iter().find(|c| c.id == TokenCheck::Tenant).unwrap();
    assert_eq!(c.message.param("actual"), Some("-"));
}

#[test]
fn expiry_reports_time_left_in_hours_and_minutes() {
    let m = message(&jwt(&good_claims()), TokenCheck::Expiry);
    assert_eq!((m.key, m.param("hours"), m.param("minutes")), ("token.exp.valid", Some("1"), Some("30")));
    let m = message(&with("exp", json!(NOW - 3 * 3600 - 5 * 60)), TokenCheck::Expiry);
    assert_eq!((m.key, m.param("hours"), m.param("minutes")), ("token.exp.expired", Some("3"), Some("5")));
    assert_eq!(get(&with("exp", json!(NOW)), TokenCheck::Expiry), (TokenStatus::Fail, "token.exp.expired"));
    assert_eq!(get(&with("exp", json!(NOW + 120)), TokenCheck::Expiry), (TokenStatus::Warn, "token.exp.soon"));
    assert_eq!(get(&with("exp", json!((NOW + 7200) as f64)), TokenCheck::Expiry).0, TokenStatus::Pass);
    assert_eq!(
        get(&with("nbf", json!(NOW + 3600)), TokenCheck::Expiry),
        (TokenStatus::Warn, "token.exp.not_yet_valid")
    );
    assert_eq!(get(&without("exp"), TokenCheck::Expiry), (TokenStatus::Fail, "token.exp.missing"));
    for bad in [
        json!("tomorrow"),
        json!(-1),
        json!(1.5e9 + 0.5),
        json!(1e20),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(null),
        json!([1]),
    ] {
        assert_eq!(
            get(&with("exp", bad.clone()), TokenCheck::Expiry),
            (TokenStatus::Fail, "token.exp.invalid"),
            "{bad}"
        );
    }
    // Extreme clocks do not overflow.
    for now in [i64::MIN, i64::MAX, 0] {
        assert!(inspect(&jwt(&good_claims()), &expected(), now).is_ok());
    }
}

#[test]
fn two_segments_decode_with_a_missing_signature_warning() {
    let t = jwt(&good_claims());
    let two = t.rsplit_once('.').map(|(a, _)| a).unwrap();
    assert_eq!(get(two, TokenCheck::Signature), (TokenStatus::Warn, "token.signature.missing"));
    let none = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(br#"{"alg":"none"}"#),
        URL_SAFE_NO_PAD.encode(good_claims().to_string())
    );
    assert_eq!(get(&none, TokenCheck::Signature), (TokenStatus::Warn, "token.signature.alg_none"));
}

#[test]
fn long_claim_values_are_shortened_in_messages() {
    let long = "x".repeat(5000);
    let m = message(&with("upn", json!(long)), TokenCheck::User);
    assert!(m.param("actual").unwrap().chars().count() <= MAX_SHOWN_CHARS + 1);
}

/// Every key the inspector can emit, found by running it over representative tokens.
fn emitted_keys() -> BTreeSet<&'static str> {
    let mut keys = BTreeSet::new();
    let mut app_only = good_claims();
    app_only.as_object_mut().unwrap().remove("scp");
    app_only["roles"] = json!(["Mail.Send"]);
    let two = jwt(&good_claims()).rsplit_once('.').map(|(a, _)| a.to_string()).unwrap();
    let none = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(br#"{"alg":"none"}"#),
        URL_SAFE_NO_PAD.encode(good_claims().to_string())
    );
    let tokens = [
        jwt(&good_claims()),
        two,
        none,
        jwt(&app_only),
        without("aud"),
        without("scp"),
        without("tid"),
        without("appid"),
        without("upn"),
        without("exp"),
        with("aud", json!("https://graph.microsoft.com")),
        jwt(&json!({"aud": "https://graph.microsoft.com", "scp": "User.Read"})),
        with("aud", json!("x")),
        with("scp", json!("User.Read")),
        with("tid", json!("x")),
        with("appid", json!("x")),
        with("upn", json!("x")),
        with("exp", json!(NOW)),
        with("exp", json!(NOW + 60)),
        with("exp", json!("x")),
        with("nbf", json!(NOW + 3600)),
    ];
    for t in &tokens {
        for blank in [false, true] {
            let e = if blank { Expected::default() } else { expected() };
            for c in inspect(t, &e, NOW).unwrap().checks {
                keys.insert(c.message.key);
                keys.insert(c.id.label_key());
                keys.insert(c.status.label_key());
            }
        }
    }
    use Part::*;
    for p in [
        TokenProblem::Empty,
        TokenProblem::TooLong { bytes: 1 },
        TokenProblem::NotAJwt,
        TokenProblem::Encrypted,
        TokenProblem::SegmentCount { count: 4 },
        TokenProblem::Base64 { part: Header },
        TokenProblem::Base64 { part: Payload },
        TokenProblem::NotJson { part: Header },
        TokenProblem::NotJson { part: Payload },
        TokenProblem::NumberOutOfRange { part: Header },
        TokenProblem::NumberOutOfRange { part: Payload },
        TokenProblem::NotObject { part: Header },
        TokenProblem::NotObject { part: Payload },
    ] {
        keys.insert(p.message().key);
    }
    keys.insert(TokenStatus::Fail.label_key());
    keys
}

#[test]
fn every_emitted_key_is_in_both_locales_and_none_is_unused() {
    let [en, ja] = locale_files::token();
    assert_eq!(en.keys().collect::<Vec<_>>(), ja.keys().collect::<Vec<_>>());
    let emitted = emitted_keys();
    for key in &emitted {
        assert!(en.contains_key(*key), "missing {key}");
    }
    for (key, text) in &en {
        assert!(key.starts_with("token."), "{key}");
        assert!(!text.trim().is_empty() && !ja[key].trim().is_empty(), "{key}");
        assert_eq!(locale_files::placeholders(text), locale_files::placeholders(&ja[key]), "{key}");
        let elsewhere = key.starts_with("token.reminder.") || key.starts_with("token.label.");
        assert!(elsewhere || emitted.contains(key.as_str()), "unused {key}");
    }
}

proptest! {
    #[test]
    fn never_panics_on_odd_claim_values(
        exp in prop_oneof![any::<i64>().prop_map(|n| json!(n)), any::<u64>().prop_map(|n| json!(n)),
                           any::<f64>().prop_map(|f| json!(f)), ".*".prop_map(|s| json!(s))],
        aud in prop_oneof![".*".prop_map(|s| json!(s)), proptest::collection::vec(".*", 0..3).prop_map(|v| json!(v))],
        upn in ".*",
        now in any::<i64>(),
    ) {
        let mut c = good_claims();
        c["exp"] = exp.clone();
        c["nbf"] = exp;
        c["aud"] = aud;
        c["upn"] = json!(upn);
        let i = inspect(&jwt(&c), &expected(), now);
        prop_assert!(i.is_ok());
    }
}
