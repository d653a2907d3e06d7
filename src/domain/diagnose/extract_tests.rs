use super::*;
use crate::domain::diagnose::catalogue::{by_id, LABEL_KEYS};
use crate::domain::diagnose::locale_files;
use proptest::prelude::*;

/// A realistic sample for every catalogue entry, as admins paste them.
const SAMPLES: &[(&str, &str)] = &[
    ("aadsts_50011", "AADSTS50011: The redirect URI 'https://acme.us.webexconnect.io/callback' specified in the request does not match the redirect URIs configured for the application '1b2c3d4e-0000-4000-8000-000000000001'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this."),
    ("aadsts_700016", "Sorry, but we're having trouble signing you in.\nAADSTS700016: Application with identifier '1b2c3d4e-0000-4000-8000-000000000001' was not found in the directory 'Contoso'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.\nTrace ID: 0a1b2c3d-0000-4000-8000-000000000000\nCorrelation ID: 0a1b2c3d-0000-4000-8000-000000000001\nTimestamp: 2024-05-01 10:00:00Z"),
    ("aadsts_7000215", "https://acme.us.webexconnect.io/callback?error=invalid_client&error_description=AADSTS7000215%3a+Invalid+client+secret+provided.+Ensure+the+secret+being+sent+in+the+request+is+the+client+secret+value%2c+not+the+client+secret+ID%2c+for+a+secret+added+to+app+%271b2c3d4e%27.&state=abc"),
    ("aadsts_7000222", r#"{"error":"invalid_client","error_description":"AADSTS7000222: The provided client secret keys for app '1b2c3d4e-0000-4000-8000-000000000001' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.","error_codes":[7000222],"timestamp":"2024-05-01 10:00:00Z"}"#),
    ("aadsts_65001", "AADSTS65001: The user or administrator has not consented to use the application with ID '1b2c3d4e-0000-4000-8000-000000000001' named 'Webex Connect Email'. Send an interactive authorization request for this user and resource."),
    ("aadsts_90094", "Need admin approval\nAADSTS90094: The grant requires admin permission."),
    ("aadsts_50020", "AADSTS50020: User account 'someone@outlook.com' from identity provider 'live.com' does not exist in tenant 'Contoso' and cannot access the application '1b2c3d4e-0000-4000-8000-000000000001'(Webex Connect Email) in that tenant."),
    ("aadsts_50076", "AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000002-0000-0ff1-ce00-000000000000'."),
    ("aadsts_50079", "AADSTS50079: Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access '00000002-0000-0ff1-ce00-000000000000'."),
    ("aadsts_53003", "AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance."),
    ("aadsts_530003", "AADSTS530003: Your device is required to be managed to access this resource."),
    ("aadsts_700054", "AADSTS700054: response_type 'id_token' is not enabled for the application."),
    ("aadsts_70011", "AADSTS70011: The provided value for the input parameter 'scope' is not valid. The scope 'offline_access https://outlook.office.com/SMTP.Sendd' does not exist."),
    ("aadsts_28000", "AADSTS28000: Provided value for the input parameter scope is not valid because it contains more than one resource. Scope openid https://graph.microsoft.com/User.Read https://outlook.office.com/SMTP.Send is not valid."),
    ("aadsts_700084", r#"{"error":"invalid_grant","error_description":"AADSTS700084: The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page.","error_codes":[700084]}"#),
    ("aadsts_700082", "invalid_grant: AADSTS700082: The refresh token has expired due to inactivity. The token was issued on 2024-01-02T03:04:05Z and was inactive for 90.00:00:00."),
    ("aadsts_54005", "AADSTS54005: OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token."),
    ("aadsts_501481", "AADSTS501481: The Code_Verifier does not match the code_challenge supplied in the authorization request."),
    ("aadsts_9002326", "AADSTS9002326: Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: 'https://setup.example.com'."),
    ("aadsts_9002327", "AADSTS9002327: Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests."),
    ("aadsts_90002", "AADSTS90002: Tenant 'contoso.onmicrosoft.con' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."),
    ("aadsts_500011", "AADSTS500011: The resource principal named https://outlook.office.com was not found in the tenant named Contoso. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant."),
    ("aadsts_650052", "AADSTS650052: The app needs access to a service (\"https://outlook.office.com\") that your organization \"Contoso\" has not subscribed to or enabled. Contact your IT Admin to review the configuration of your service subscriptions."),
    ("smtp_5_7_139_auth_disabled", "2024-05-01 10:00:00 Outgoing message failed: 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information. [MW4PR03CA0123.namprd03.prod.outlook.com 2024-05-01T10:00:00.000Z 08DC5B1F2E3A4C5D]"),
    ("smtp_5_7_139_security_defaults", "535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy. Contact your administrator. [BN9PR03CA0001.namprd03.prod.outlook.com]"),
    ("smtp_5_7_139_criteria", "535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully. Contact your administrator. [BN9PR03CA0001.namprd03.prod.outlook.com]"),
    ("smtp_5_7_139_other", "535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [BN9PR03CA0001.namprd03.prod.outlook.com]"),
    ("smtp_5_7_3", "javax.mail.AuthenticationFailedException: 535 5.7.3 Authentication unsuccessful [SN4PR0501CA0054.namprd05.prod.outlook.com]"),
    ("smtp_5_7_30", "550 5.7.30 Basic authentication is not supported for Client Submission."),
    ("smtp_5_7_57", "530 5.7.57 Client not authenticated to send mail. [BYAPR07CA0075.namprd07.prod.outlook.com]"),
    ("smtp_5_7_60", "550 5.7.60 SMTP; Client does not have permissions to send as this sender"),
    ("smtp_send_as_denied", "554 5.2.0 STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to process message due to a permanent exception with message Cannot submit message."),
    ("smtp_5_7_520", "Remote Server returned '550 5.7.520 Access denied, Your organization does not allow external forwarding. Please contact your administrator for further assistance. AS(7555)'"),
    ("graph_authorization_request_denied", r#"{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation.","innerError":{"date":"2024-05-01T10:00:00","request-id":"0a1b2c3d-0000-4000-8000-000000000000","client-request-id":"0a1b2c3d-0000-4000-8000-000000000001"}}}"#),
    ("graph_request_resource_not_found", r#"{"error":{"code":"Request_ResourceNotFound","message":"Resource 'jane@contoso.com' does not exist or one of its queried reference-property objects are not present.","innerError":{"date":"2024-05-01T10:00:00","request-id":"0a1b2c3d"}}}"#),
    ("graph_request_bad_request", "{\n  \"error\": {\n    \"code\": \"Request_BadRequest\",\n    \"message\": \"Invalid value specified for property 'displayName' of resource 'Application'.\"\n  }\n}"),
    ("graph_error_access_denied", r#"{"error":{"code":"ErrorAccessDenied","message":"Access is denied. Check credentials and try again."}}"#),
    ("graph_invalid_authentication_token", r#"HTTP/1.1 401 Unauthorized
{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired or is not yet valid.","innerError":{"date":"2024-05-01T10:00:00"}}}"#),
    ("graph_credential_lifetime", r#"{"error":{"code":"Request_BadRequest","message":"Credential lifetime exceeds the max value allowed as per assigned policy."}}"#),
    ("webex_7000", "HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\n\r\n{\"code\":\"7000\",\"message\":\"Invalid JSON\"}"),
    ("webex_http_401", "HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\n\r\n"),
];

fn ids(text: &str) -> Vec<String> {
    explain(text)
        .iter()
        .map(|e| match e {
            Explained::Known { entry, .. } => entry.id.to_string(),
            Explained::Unknown { kind, code } => format!("?{}:{code}", kind.as_str()),
            Explained::Truncated { .. } => "!truncated".into(),
            Explained::TooMany { .. } => "!too_many".into(),
        })
        .collect()
}

#[test]
fn every_entry_is_found_in_its_sample_and_has_text_in_both_languages() {
    let locales = locale_files::errors();
    for entry in CATALOGUE {
        let sample = SAMPLES.iter().find(|(id, _)| *id == entry.id).map(|(_, s)| *s);
        let Some(sample) = sample else { panic!("no sample for {}", entry.id) };
        let found = explain(sample);
        assert!(found.iter().any(|e| e.entry().map(|x| x.id) == Some(entry.id)), "{}: {:?}", entry.id, ids(sample));
        for key in entry.keys() {
            for (lang, map) in ["en", "ja"].iter().zip(&locales) {
                let text = map.get(key).map(String::as_str).unwrap_or("");
                assert!(!text.trim().is_empty(), "{lang}: missing {key}");
            }
        }
    }
    assert_eq!(SAMPLES.len(), CATALOGUE.len());
}

#[test]
fn locale_files_have_the_same_keys_and_placeholders() {
    let [en, ja] = locale_files::errors();
    assert_eq!(en.keys().collect::<Vec<_>>(), ja.keys().collect::<Vec<_>>());
    for key in LABEL_KEYS {
        assert!(en.contains_key(*key), "{key}");
    }
    for (key, text) in &en {
        assert!(key.starts_with("errors."), "{key}");
        let ja_text = ja.get(key).map(String::as_str).unwrap_or("");
        assert_eq!(locale_files::placeholders(text), locale_files::placeholders(ja_text), "{key}");
        // Only the parameters the domain passes.
        for p in locale_files::placeholders(text) {
            assert!(["code", "read", "total", "shown", "found"].contains(&p.as_str()), "{key}: {p}");
        }
    }
    // No stray keys: every key belongs to an entry or to the labels.
    let known: usize = CATALOGUE.len() * 3 + LABEL_KEYS.len();
    assert_eq!(en.len(), known);
}

#[test]
fn smtp_5_7_139_variants_are_told_apart_by_text() {
    let exact = |s: &str| ids(s).into_iter().filter(|i| i.starts_with("smtp_5_7_139")).collect::<Vec<_>>();
    for id in
        ["smtp_5_7_139_auth_disabled", "smtp_5_7_139_security_defaults", "smtp_5_7_139_criteria", "smtp_5_7_139_other"]
    {
        let sample = SAMPLES.iter().find(|(i, _)| *i == id).map(|(_, s)| *s).unwrap_or("");
        assert_eq!(exact(sample), vec![id.to_string()]);
    }
    // Case and the multi-line form (`535-`) do not matter; the text may come first.
    assert_eq!(
        exact("535-5.7.139 AUTHENTICATION UNSUCCESSFUL, SMTPCLIENTAUTHENTICATION IS DISABLED"),
        ["smtp_5_7_139_auth_disabled"]
    );
    assert_eq!(exact("Security defaults policy blocked the user (535 5.7.139)"), ["smtp_5_7_139_security_defaults"]);
}

#[test]
fn duplicates_are_reported_once_in_order_of_appearance() {
    let text = "first 535 5.7.3 Authentication unsuccessful\nthen AADSTS50011 and again AADSTS50011\n535 5.7.3 again";
    assert_eq!(ids(text), ["smtp_5_7_3", "aadsts_50011"]);
    let text = r#"ErrorAccessDenied then {"error":{"code":"ErrorAccessDenied"}} and AADSTS90002"#;
    assert_eq!(ids(text), ["graph_error_access_denied", "aadsts_90002"]);
}

#[test]
fn unknown_codes_are_said_to_be_unknown() {
    assert_eq!(ids("AADSTS123456: something new"), ["?aadsts:AADSTS123456"]);
    assert_eq!(ids("aadsts050011"), ["?aadsts:AADSTS050011"]);
    assert_eq!(ids("451 4.4.4 Temporary server error"), ["?smtp:451 4.4.4"]);
    assert_eq!(ids(r#"{"error":{"code":"Request_Throttled"}}"#), ["?graph:Request_Throttled"]);
    assert_eq!(ids(r#"{"code":"1002","message":"Invalid key"}"#), ["?webex:1002"]);
    // Another basic code with a catalogued enhanced code is not the catalogued 535 5.7.3.
    assert_eq!(ids("554 5.7.3 try later"), ["?smtp:554 5.7.3"]);
    // A basic code of another class than its enhanced code is not read as one reply.
    assert_eq!(ids("451 5.7.3 try later"), Vec::<String>::new());
    let e = explain("AADSTS1");
    assert_eq!(e[0].headline().key, "errors.unknown.aadsts");
    assert_eq!(e[0].headline().param("code"), Some("AADSTS1"));
}

#[test]
fn look_alikes_and_non_codes_are_ignored() {
    for text in [
        "",
        "   \n\t",
        "250 2.0.0 OK queued",
        "version 5.7.3 released",
        "IP 10.5.7.3 and 5.7.3.1",
        "AADSTS without digits",
        "AADSTS５００１１ fullwidth digits",
        "ＡＡＤＳＴＳ50011",
        "АADSTS50011 with a Cyrillic А",
        "error_codes\":[50011]",
        r#"{"code": 50011}"#,
        r#"{"code": ""}"#,
        "HTTP/1.1 4010 nope",
        "SendAs Denied",
        "5350 5.7.3x",
    ] {
        assert_eq!(ids(text), Vec::<String>::new(), "{text:?}");
    }
    // The Cyrillic letter is not part of the code, the rest still is one.
    assert_eq!(ids("АAADSTS50011"), ["aadsts_50011"]);
}

#[test]
fn escaped_and_encoded_forms_are_found() {
    assert_eq!(ids(r#"msg: "{\"error\":{\"code\":\"ErrorAccessDenied\"}}""#), ["graph_error_access_denied"]);
    assert_eq!(
        ids("error_description=535+5.7.139+Authentication+unsuccessful%2C+SmtpClientAuthentication+is+disabled"),
        ["smtp_5_7_139_auth_disabled"]
    );
    assert_eq!(ids("AADSTS50011%3A"), ["aadsts_50011"]);
    assert_eq!(ids("bad escape %zz AADSTS50011 %"), ["aadsts_50011"]);
    // A lone enhanced code counts when followed by SMTP words.
    assert_eq!(ids("Error: 5.7.3 Authentication unsuccessful"), ["smtp_5_7_3"]);
}

#[test]
fn a_bare_401_is_webex_only_when_nothing_else_explains_it() {
    assert_eq!(ids("HTTP/2 401\r\n\r\n"), ["webex_http_401"]);
    assert_eq!(ids("status 401 Unauthorized"), ["webex_http_401"]);
    assert_eq!(ids("HTTP/1.1 401 Unauthorized AADSTS7000215"), ["aadsts_7000215"]);
    let http = |s, b| explain_http(s, b).iter().filter_map(|e| e.entry().map(|x| x.id)).collect::<Vec<_>>();
    assert_eq!(http(401, "  "), ["webex_http_401"]);
    assert_eq!(http(500, ""), Vec::<&str>::new());
    assert_eq!(http(401, r#"{"error":{"code":"InvalidAuthenticationToken"}}"#), ["graph_invalid_authentication_token"]);
}

#[test]
fn known_results_carry_what_was_seen() {
    let e = explain("550-5.7.60 SMTP; client does not have permissions");
    assert_eq!(e, [Explained::Known { entry: by_id("smtp_5_7_60").unwrap(), seen: "550 5.7.60".into() }]);
    // The catalogued basic code is part of the identity: 535 5.7.60 is something else.
    assert_eq!(ids("535 5.7.60 SMTP; client does not have permissions"), ["?smtp:535 5.7.60"]);
}

#[test]
fn a_long_paste_is_cut_and_says_so() {
    let mut text = "x".repeat(MAX_INPUT_BYTES - 20);
    text.push_str(" AADSTS50011 ");
    text.push_str(&"é".repeat(20)); // the cut falls inside a two-byte character
    text.push_str(" AADSTS90002 ");
    let got = explain(&text);
    assert_eq!(got.first().and_then(Explained::entry).map(|e| e.id), Some("aadsts_50011"));
    let Some(Explained::Truncated { read_bytes, total_bytes }) = got.last() else { panic!("{got:?}") };
    assert!(*read_bytes <= MAX_INPUT_BYTES && *total_bytes == text.len());
    assert_eq!(got.len(), 2);
    assert_eq!(got[1].headline().key, "errors.limit.truncated");
}

#[test]
fn too_many_distinct_codes_are_capped() {
    let text: String = (0..150).map(|n| format!("AADSTS9{n:04} ")).collect();
    let got = explain(&text);
    assert_eq!(got.len(), MAX_RESULTS + 1);
    assert_eq!(got.last(), Some(&Explained::TooMany { shown: MAX_RESULTS, found: 150 }));
    assert_eq!(got[0], Explained::Unknown { kind: Kind::Aadsts, code: "AADSTS90000".into() });
}

#[test]
fn hostile_megabyte_pastes_finish_quickly() {
    let patterns = [
        "AADSTS",
        "AADSTS9",
        "5.5.5.",
        "535 5.7.",
        "\"code\":\"",
        "\\\"code\\\":\\\"A",
        "%%%",
        "%4",
        "++",
        "HTTP/1.1 40",
        "sendasdenie",
        "5.7.139 ",
        "ErrorAccessDenie",
        "\u{0}\u{ff}",
    ];
    for p in patterns {
        let text = p.repeat(MAX_INPUT_BYTES / p.len());
        let start = std::time::Instant::now();
        let got = explain(&text);
        assert!(got.len() <= MAX_RESULTS + 2);
        // Generous for a debug build on a shared machine (about 2 s at worst alone);
        // quadratic behaviour on a megabyte would take hours.
        assert!(start.elapsed().as_secs() < 20, "{p:?} took {:?}", start.elapsed());
    }
    // Many distinct unknown codes in a megabyte.
    let text: String = (0..120_000u32).map(|n| format!("AADSTS{n} ")).collect();
    let head = &text[..floor_char_boundary(&text, MAX_INPUT_BYTES)];
    let found = head.matches("AADSTS").count();
    let start = std::time::Instant::now();
    let got = explain(head);
    assert!(start.elapsed().as_secs() < 20, "distinct codes took {:?}", start.elapsed());
    assert_eq!(got.last(), Some(&Explained::TooMany { shown: MAX_RESULTS, found }));
}

proptest! {
    #[test]
    fn never_panics_on_any_text(s in any::<String>()) {
        let got = explain(&s);
        prop_assert!(got.len() <= MAX_RESULTS + 2);
    }

    #[test]
    fn never_panics_on_binary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = explain(&text);
        let _ = explain_http(401, &text);
    }

    #[test]
    fn a_code_between_spaces_is_found_in_any_text(
        before in "[ -~\u{3000}-\u{30ff}]{0,200}",
        after in "[ -~\u{3000}-\u{30ff}]{0,200}",
        i in 0usize..23,
    ) {
        let aadsts: Vec<&Entry> = CATALOGUE.iter().filter(|e| e.kind == Kind::Aadsts).collect();
        let entry = aadsts[i % aadsts.len()];
        let text = format!("{before} {} {after}", entry.code);
        prop_assert!(explain(&text).iter().any(|e| e.entry() == Some(entry)), "{}", text);
    }
}
