use std::collections::BTreeMap;

use super::contact_center::{self, CcProblem, CcResult, EntryPoint};
use super::curl::{render, shell_quote};
use super::jwt::{b64url, hs256, service_jwt, JwtProblem};
use super::messaging::{self, SendProblem, SendResult, ServiceAuth, TestMessage};
use super::onboarding::{self, OnboardingProblem, OnboardingResult, CLIENT_SECRET_PLACEHOLDER};
use super::region::{choices, region_map, Api, BaseUrl, Certainty};
use super::request::Method;
use crate::domain::derive::derive;
use crate::domain::webex::CallbackUrl;
use crate::domain::Setup;

fn map(url: &str) -> super::region::RegionMap {
    region_map(CallbackUrl::parse(url).ok().as_ref(), &BTreeMap::new())
}

fn known(url: &str, certainty: Certainty) -> BaseUrl {
    BaseUrl::Known { url: url.to_string(), certainty }
}

// ---- region map ----

#[test]
fn documented_regions_map_to_documented_hosts() {
    for region in ["us", "eu", "uk", "ca", "in", "au"] {
        let m = map(&format!("https://acme.{region}.webexconnect.io/callback"));
        assert_eq!(m.region.as_deref(), Some(region));
        let api = format!("https://api.{region}.webexconnect.io");
        assert_eq!(m.messaging, known(&api, Certainty::Documented), "{region}");
        let asset = format!("https://assetmanagement.{region}.webexconnect.io/connectapi");
        assert_eq!(m.asset_onboarding, known(&asset, Certainty::Documented), "{region}");
    }
    let sg = map("https://acme.sg.webexconnect.io/callback");
    assert_eq!(sg.messaging, known("https://api.sg.webexconnect.io", Certainty::Unverified));
    assert_eq!(
        sg.asset_onboarding,
        known("https://assetmanagement.sg.webexconnect.io/connectapi", Certainty::Documented)
    );
    let us1 = map("https://acme.us1.webexconnect.io/callback");
    assert_eq!(us1.messaging, known("https://api.us1.webexconnect.io", Certainty::Unverified));
    assert_eq!(us1.contact_center, known("https://api.wxcc-us1.cisco.com", Certainty::Unverified));
}

#[test]
fn japan_uses_the_au_onboarding_host() {
    let jp = map("https://acme.jp.webexconnect.io/callback");
    assert_eq!(
        jp.asset_onboarding,
        known("https://assetmanagement.au.webexconnect.io/connectapi", Certainty::Unverified)
    );
    assert_eq!(jp.contact_center, known("https://api.wxcc-jp1.cisco.com", Certainty::Unverified));
}

#[test]
fn contact_center_data_centres_are_inferred_and_unverified() {
    let cases = [("us", "us1"), ("uk", "eu1"), ("eu", "eu2"), ("au", "anz1"), ("ca", "ca1"), ("sg", "sg1")];
    for (region, dc) in cases {
        let m = map(&format!("https://acme.{region}.webexconnect.io/callback"));
        assert_eq!(m.contact_center, known(&format!("https://api.wxcc-{dc}.cisco.com"), Certainty::Unverified));
    }
    // No contact-center data centre is known for India: the admin picks.
    assert_eq!(map("https://acme.in.webexconnect.io/callback").contact_center, BaseUrl::Choose);
}

#[test]
fn legacy_hosts_map_only_where_the_tld_names_a_region() {
    let eu = map("https://acme.imiconnect.eu/callback");
    assert_eq!(eu.region.as_deref(), Some("eu"));
    assert_eq!(eu.messaging, known("https://api.eu.webexconnect.io", Certainty::Unverified));
    assert_eq!(
        eu.asset_onboarding,
        known("https://assetmanagement.eu.webexconnect.io/connectapi", Certainty::Unverified)
    );
    for tld in ["ca", "us", "in"] {
        let m = map(&format!("https://acme.imiconnect.{tld}/callback"));
        assert_eq!(m.messaging.url(), Some(format!("https://api.{tld}.webexconnect.io").as_str()));
    }
    for tld in ["io", "com"] {
        let m = map(&format!("https://acme.imiconnect.{tld}/callback"));
        assert_eq!(m.region, None);
        for api in Api::ALL {
            assert_eq!(m.get(api), &BaseUrl::Choose, "{tld} {api:?}");
        }
    }
}

#[test]
fn unknown_shapes_leave_the_choice_to_the_admin() {
    for url in [
        "https://acme.example.com/callback",
        "https://cl1pod3.webexconnect.io/callback",
        "https://acme.xx.webexconnect.io/callback",
        "not a url",
    ] {
        let m = map(url);
        for api in Api::ALL {
            assert_eq!(m.get(api), &BaseUrl::Choose, "{url} {api:?}");
        }
    }
    assert_eq!(region_map(None, &BTreeMap::new()).messaging, BaseUrl::Choose);
}

#[test]
fn config_overrides_win() {
    let overrides: BTreeMap<String, String> = [
        ("messaging".to_string(), "http://127.0.0.1:9000/".to_string()),
        ("contact_center".to_string(), "https://proxy.example/cc".to_string()),
    ]
    .into();
    let url = CallbackUrl::parse("https://acme.us.webexconnect.io/callback").ok();
    let m = region_map(url.as_ref(), &overrides);
    assert_eq!(m.messaging, known("http://127.0.0.1:9000", Certainty::Override));
    assert_eq!(m.contact_center, known("https://proxy.example/cc", Certainty::Override));
    assert_eq!(m.asset_onboarding.url(), Some("https://assetmanagement.us.webexconnect.io/connectapi"));
    // Overrides apply even where the host says nothing.
    assert_eq!(region_map(None, &overrides).messaging.url(), Some("http://127.0.0.1:9000"));
}

#[test]
fn choices_list_every_host() {
    assert_eq!(choices(Api::Messaging).len(), 8);
    assert!(choices(Api::AssetOnboarding).iter().any(|(l, u)| l == "au" && u.contains("assetmanagement.au.")));
    let cc: Vec<String> = choices(Api::ContactCenter).into_iter().map(|(l, _)| l).collect();
    assert_eq!(cc, ["us1", "eu1", "eu2", "anz1", "ca1", "jp1", "sg1"]);
}

// ---- JWT ----

/// RFC 7515 appendix A.1: the HS256 signature of the example JWS.
#[test]
fn hs256_matches_rfc7515_a1() {
    let signing_input = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.\
        eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
    let k = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
    use base64::Engine as _;
    let key = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(k).unwrap();
    assert_eq!(b64url(&hs256(&key, signing_input.as_bytes())), "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
}

/// Vector from `jwt_vector.py` (Python's hmac/hashlib).
#[test]
fn service_jwt_matches_the_python_vector() {
    let secret = "d2ViZXgtY29ubmVjdC10ZXN0LXNlcnZpY2Utc2VjcmV0LTAxMjM0NTY3ODk=";
    let expected = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.\
        eyJpc3MiOiJzdmMtMTIzNCIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAzNjAwfQ.\
        R-Nhx3PrYLipxloasA7gRMv91guNaowdQbaqvqV1rI0";
    assert_eq!(service_jwt("svc-1234", secret, 1_700_000_000).as_deref(), Ok(expected));
    // Padding dropped or whitespace from a copy changes nothing.
    assert_eq!(
        service_jwt(" svc-1234 ", &format!(" {}\n", secret.trim_end_matches('=')), 1_700_000_000).as_deref(),
        Ok(expected)
    );
}

#[test]
fn service_jwt_problems() {
    assert_eq!(service_jwt("", "YWJj", 0), Err(JwtProblem::MissingServiceId));
    assert_eq!(service_jwt("svc", "  ", 0), Err(JwtProblem::MissingSecret));
    assert_eq!(service_jwt("svc", "not base64!", 0), Err(JwtProblem::SecretNotBase64));
}

// ---- Send Message API ----

fn test_message() -> TestMessage {
    TestMessage {
        from: "support@contoso.com".into(),
        to: "tester@example.org".into(),
        subject: "Test".into(),
        text: "Hello".into(),
    }
}

#[test]
fn send_with_service_key() {
    let req =
        messaging::request("https://api.us.webexconnect.io/", &ServiceAuth::Key(" k-1 ".into()), &test_message(), 0)
            .unwrap();
    assert_eq!(req.method, Method::Post);
    assert_eq!(req.url, "https://api.us.webexconnect.io/v2/messages");
    assert_eq!(req.header_value("key"), Some("k-1"));
    assert_eq!(req.header_value("content-type"), Some("application/json"));
    assert_eq!(req.header_value("authorization"), None);
    let body: serde_json::Value = serde_json::from_str(req.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"channel":"email","from":"support@contoso.com","to":[{"email":["tester@example.org"]}],
            "content":{"type":"text","subject":"Test","text":"Hello"}})
    );
}

#[test]
fn send_with_service_jwt() {
    let secret = "d2ViZXgtY29ubmVjdC10ZXN0LXNlcnZpY2Utc2VjcmV0LTAxMjM0NTY3ODk=";
    let auth = ServiceAuth::Jwt { service_id: "svc-1234".into(), secret: secret.into() };
    let req = messaging::request("https://api.us.webexconnect.io", &auth, &test_message(), 1_700_000_000).unwrap();
    let jwt = service_jwt("svc-1234", secret, 1_700_000_000).unwrap();
    assert_eq!(req.header_value("Authorization"), Some(format!("Bearer {jwt}").as_str()));
    assert_eq!(req.header_value("key"), None);
    let shown = render(&req, false);
    assert!(shown.contains("'Authorization: Bearer <SERVICE_JWT>'"), "{shown}");
    assert!(!shown.contains(&jwt));
}

#[test]
fn send_problems() {
    let m = test_message();
    let key = ServiceAuth::Key(String::new());
    assert_eq!(messaging::request("b", &key, &m, 0), Err(SendProblem::MissingKey));
    let no_to = TestMessage { to: " ".into(), ..m.clone() };
    assert_eq!(messaging::request("b", &ServiceAuth::Key("k".into()), &no_to, 0), Err(SendProblem::MissingTo));
    let no_from = TestMessage { from: String::new(), ..m.clone() };
    assert_eq!(messaging::request("b", &ServiceAuth::Key("k".into()), &no_from, 0), Err(SendProblem::MissingFrom));
    let bad = ServiceAuth::Jwt { service_id: "s".into(), secret: "%%".into() };
    assert_eq!(messaging::request("b", &bad, &m, 0), Err(SendProblem::Jwt(JwtProblem::SecretNotBase64)));
}

#[test]
fn send_responses() {
    let ok =
        r#"{"requestTimestamp":"2024-05-01T10:00:00.000Z","messageId":"m-1","correlationId":"c-1","status":"queued"}"#;
    assert_eq!(
        messaging::parse_response(201, ok),
        SendResult::Accepted {
            message_id: "m-1".into(),
            status: "queued".into(),
            correlation_id: "c-1".into(),
            request_timestamp: "2024-05-01T10:00:00.000Z".into()
        }
    );
    assert_eq!(
        messaging::parse_response(400, r#"{"code":"7000","message":"Invalid JSON"}"#),
        SendResult::Failed { status: 400, code: Some("7000".into()), message: Some("Invalid JSON".into()) }
    );
    assert_eq!(messaging::parse_response(401, ""), SendResult::Failed { status: 401, code: None, message: None });
    // The explanations the UI shows come from the shared catalogue.
    let ids = |s, b| {
        crate::domain::diagnose::explain_http(s, b).iter().filter_map(|e| e.entry().map(|x| x.id)).collect::<Vec<_>>()
    };
    assert_eq!(ids(400, r#"{"code":"7000","message":"Invalid JSON"}"#), ["webex_7000"]);
    assert_eq!(ids(401, ""), ["webex_http_401"]);
}

// ---- onboarding ----

fn configured() -> Setup {
    let mut s = Setup::default();
    s.webex_connect.app_name = "Support mail".into();
    s.webex_connect.callback_url = "https://acme.us.webexconnect.io/callback".into();
    s.azure.tenant_id = "11111111-2222-3333-4444-555555555555".into();
    s.azure.client_id = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee".into();
    s.mailbox.address = "support@contoso.com".into();
    s.mailbox.user_principal_name = "support@contoso.com".into();
    s
}

#[test]
fn onboarding_body_maps_the_configuration() {
    let s = configured();
    let body: serde_json::Value = serde_json::from_str(&onboarding::compose_body(&s, &derive(&s))).unwrap();
    assert_eq!(body["name"], "Support mail");
    assert_eq!(body["channel"], "email");
    assert_eq!(body["emailId"], "support@contoso.com");
    assert_eq!(body["smtp"]["server"], "smtp.office365.com");
    assert_eq!(body["smtp"]["port"], 587);
    assert_eq!(body["smtp"]["security"], "STARTTLS");
    assert_eq!(body["oauth"]["clientId"], "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
    assert_eq!(body["oauth"]["clientSecret"], CLIENT_SECRET_PLACEHOLDER);
    assert_eq!(body["oauth"]["scope"], "offline_access https://outlook.office.com/SMTP.Send");
    assert_eq!(
        body["oauth"]["accessTokenUrl"],
        "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/oauth2/v2.0/token"
    );
    assert!(body["oauth"].get("loginId").is_none());
}

#[test]
fn onboarding_request_headers_and_secret() {
    let body = r#"{"oauth":{"clientSecret":"<CLIENT_SECRET>"},"name":"edited"}"#;
    let secret = r#"s3c"r\t"#;
    let req = onboarding::request(
        "https://assetmanagement.au.webexconnect.io/connectapi/",
        " pat ",
        " org-1 ",
        "t-9",
        body,
        secret,
    )
    .unwrap();
    assert_eq!(req.url, "https://assetmanagement.au.webexconnect.io/connectapi/v2/digital/app?channel=email");
    assert_eq!(req.header_value("Authorization"), Some("Bearer pat"));
    assert_eq!(req.header_value("x-organization-id"), Some("org-1"));
    assert_eq!(req.header_value("Content-Type"), Some("application/json"));
    assert_eq!(req.header_value("trackingid"), Some("t-9"));
    let sent: serde_json::Value = serde_json::from_str(req.body.as_deref().unwrap()).unwrap();
    assert_eq!(sent["oauth"]["clientSecret"], secret);
    assert_eq!(sent["name"], "edited");
    let shown = render(&req, false);
    assert!(shown.contains(r#""clientSecret":"<CLIENT_SECRET>""#), "{shown}");
    assert!(shown.contains("'Authorization: Bearer <WEBEX_TOKEN>'"));
    assert!(!shown.contains("s3c"));
    let no_tracking = onboarding::request("b", "pat", "org", "", body, "").unwrap();
    assert_eq!(no_tracking.header_value("trackingid"), None);
    assert!(no_tracking.body.as_deref().unwrap().contains(CLIENT_SECRET_PLACEHOLDER));
}

#[test]
fn onboarding_problems_and_responses() {
    assert_eq!(onboarding::request("b", "", "o", "", "{}", ""), Err(OnboardingProblem::MissingToken));
    assert_eq!(onboarding::request("b", "t", " ", "", "{}", ""), Err(OnboardingProblem::MissingOrgId));
    assert_eq!(
        onboarding::request("b", "t", "o", "", "{\n  \"a\": }", ""),
        Err(OnboardingProblem::InvalidJson { line: 2, column: 8 })
    );
    assert_eq!(
        onboarding::parse_response(201, r#"{"id":"asset-42"}"#),
        OnboardingResult::Created { asset_id: Some("asset-42".into()) }
    );
    assert_eq!(onboarding::parse_response(200, ""), OnboardingResult::Created { asset_id: None });
    assert_eq!(onboarding::parse_response(403, "{}"), OnboardingResult::Failed { status: 403 });
}

// ---- contact center ----

#[test]
fn entry_point_request() {
    let req = contact_center::request("https://api.wxcc-jp1.cisco.com", "org/1 x", "tok").unwrap();
    assert_eq!(req.method, Method::Get);
    assert_eq!(req.url, "https://api.wxcc-jp1.cisco.com/organization/org%2F1%20x/entry-point");
    assert_eq!(req.header_value("Authorization"), Some("Bearer tok"));
    assert_eq!(req.body, None);
    assert_eq!(contact_center::request("b", "", "t"), Err(CcProblem::MissingOrgId));
    assert_eq!(contact_center::request("b", "o", ""), Err(CcProblem::MissingToken));
}

#[test]
fn entry_points_are_matched_on_the_asset() {
    let list = r#"[{"id":"1","name":"Phone","channelType":"TELEPHONY"},
        {"id":"2","name":"Mail A","channelType":"EMAIL","assetId":"asset-42"},
        {"id":"3","name":"Mail B","channelType":"email","assetId":"asset-7"}]"#;
    let ep =
        |id: &str, name: &str, asset: &str| EntryPoint { id: id.into(), name: name.into(), asset_id: asset.into() };
    let email = vec![ep("2", "Mail A", "asset-42"), ep("3", "Mail B", "asset-7")];
    assert_eq!(
        contact_center::parse_response(200, list, " asset-42 "),
        CcResult::Listed { email: email.clone(), matching: vec![ep("2", "Mail A", "asset-42")], total: 3 }
    );
    assert_eq!(
        contact_center::parse_response(200, &format!(r#"{{"data":{list}}}"#), "asset-9"),
        CcResult::Listed { email: email.clone(), matching: vec![], total: 3 }
    );
    // No asset id given: nothing can match.
    assert_eq!(contact_center::parse_response(200, list, ""), CcResult::Listed { email, matching: vec![], total: 3 });
    assert_eq!(contact_center::parse_response(200, "{}", "a"), CcResult::Unreadable);
    assert_eq!(contact_center::parse_response(200, "<html>", "a"), CcResult::Unreadable);
    assert_eq!(contact_center::parse_response(401, "", "a"), CcResult::Failed { status: 401 });
}

// ---- curl ----

#[test]
fn curl_quotes_and_hides_credentials() {
    assert_eq!(shell_quote("it's"), r"'it'\''s'");
    let m = TestMessage { text: "It's a test".into(), ..test_message() };
    let req = messaging::request("https://api.us.webexconnect.io", &ServiceAuth::Key("sk'1".into()), &m, 0).unwrap();
    let hidden = render(&req, false);
    assert_eq!(
        hidden,
        "curl -sS -i -X POST 'https://api.us.webexconnect.io/v2/messages' \\\n  \
         -H 'key: <SERVICE_KEY>' \\\n  \
         -H 'Accept: application/json' \\\n  \
         -H 'Content-Type: application/json' \\\n  \
         --data-raw '{\"channel\":\"email\",\"content\":{\"subject\":\"Test\",\"text\":\"It'\\''s a test\",\"type\":\"text\"},\
         \"from\":\"support@contoso.com\",\"to\":[{\"email\":[\"tester@example.org\"]}]}'"
    );
    let shown = render(&req, true);
    assert!(shown.contains(r"-H 'key: sk'\''1'"), "{shown}");
    let get = contact_center::request("https://x", "o", "tok").unwrap();
    assert!(!render(&get, false).contains("--data-raw"));
    assert!(render(&get, false).starts_with("curl -sS -i -X GET 'https://x/organization/o/entry-point'"));
}
