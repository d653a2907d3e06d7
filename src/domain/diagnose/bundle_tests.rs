use super::*;
use crate::domain::date::Date;
use crate::domain::derive::derive;
use crate::domain::diagnose::doctor::doctor;
use crate::domain::model::CheckStatus;
use crate::domain::validate::ChecklistItem;
use proptest::prelude::*;

const SECRET: &str = "Abc8Q~dEf.GhIjKlMnOpQrStUvWxYz0123456789_-";

fn setup() -> Setup {
    let mut s = Setup::default();
    s.webex_connect.app_name = "Support email".into();
    s.webex_connect.callback_url = "https://acme.us.webexconnect.io/callback".into();
    s.azure.tenant_id = "72f988bf-86f1-41af-91ab-2d7cd011db47".into();
    s.azure.client_id = "11111111-2222-4333-8444-555555555555".into();
    s.azure.client_secret_expires = "2026-12-01".into();
    s.mailbox.address = "support@acme.example".into();
    s.mailbox.user_principal_name = "support@acme.example".into();
    s.support.asset_id = "5f3c0a9e-asset".into();
    s.support.transaction_ids = " tx-1 \n\n tx-2\n".into();
    s.support.notes = "Agent saw nothing after 10:05 JST".into();
    s.verification.sent_from_outside.status = CheckStatus::Passed;
    s.verification.sent_from_outside.time = "2026-11-28T01:05:00Z".into();
    s.verification.agent_received.status = CheckStatus::Failed;
    s.verification.agent_received.time = "2026-11-28T01:15:00Z".into();
    s
}

/// A stand-in renderer: the key and its parameters, so tests see what was rendered.
fn render(m: &Message) -> String {
    let params: Vec<String> = m.params.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("<{}|{}>", m.key, params.join(","))
}

fn bundle_for(s: &Setup, secrets: &Secrets, pasted: &[String]) -> SupportBundle {
    bundle_with(s, secrets, pasted, &[])
}

fn bundle_with(s: &Setup, secrets: &Secrets, pasted: &[String], day_two: &[Finding]) -> SupportBundle {
    let derived = derive(s);
    let today = Date::parse("2026-11-28").unwrap();
    let diagnoses = doctor(s, secrets, &derived, &[ChecklistItem::FormFilled], today);
    let input = BundleInput {
        setup: s,
        secrets,
        derived: &derived,
        diagnoses: &diagnoses,
        pasted,
        day_two,
        created_at: "2026-11-28T02:00:00Z",
        user_agent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/140",
    };
    support_bundle(&input, &render)
}

fn secrets(value: &str) -> Secrets {
    Secrets { client_secret: value.into() }
}

fn parsed(b: &SupportBundle) -> Value {
    serde_json::from_str(&b.json).unwrap()
}

#[test]
fn the_tac_items_are_there() {
    let b = bundle_for(&setup(), &Secrets::default(), &[]);
    let v = parsed(&b);
    assert_eq!(v["format"], FORMAT);
    assert_eq!(v["app_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(v["browser"], "Mozilla/5.0 (X11; Linux x86_64) Chrome/140");
    assert_eq!(v["tac"]["asset_id"], "5f3c0a9e-asset");
    assert_eq!(v["tac"]["transaction_ids"], serde_json::json!(["tx-1", "tx-2"]));
    assert_eq!(v["tac"]["verification"][1]["check"], "agent_received");
    assert_eq!(v["tac"]["verification"][1]["status"], "failed");
    assert_eq!(v["tac"]["verification"][1]["time"], "2026-11-28T01:15:00Z");
    assert!(b.text.contains("5f3c0a9e-asset") && b.text.contains("  - tx-2"));
    assert!(b.text.contains("agent_received: failed (2026-11-28T01:15:00Z)"));
    assert!(b.text.contains("<bundle.text.asset_id|>"), "labels come from the renderer");
}

#[test]
fn the_configuration_is_the_export_without_secret() {
    let b = bundle_for(&setup(), &secrets(SECRET), &[]);
    let v = parsed(&b);
    let config = &v["configuration"];
    assert_eq!(config["format"], "webex-o365-setup");
    assert_eq!(config["azure"]["client_id"], "11111111-2222-4333-8444-555555555555");
    assert!(config["azure"].get("client_secret").is_none());
    assert_eq!(config["oauth"]["scope"], "offline_access https://outlook.office.com/SMTP.Send");
    assert!(b.text.contains("\"redirect_uri\": \"https://acme.us.webexconnect.io/callback\""));
}

#[test]
fn doctor_findings_carry_key_params_and_text() {
    let b = bundle_for(&setup(), &Secrets::default(), &[]);
    let v = parsed(&b);
    let findings = v["findings"].as_array().unwrap();
    let expiring = findings.iter().find(|f| f["key"] == "doctor.secret.expiring").unwrap();
    assert_eq!(expiring["severity"], "warning");
    assert_eq!(expiring["field"], "azure.client_secret_expires");
    assert_eq!(expiring["step"], "entra-app");
    assert_eq!(expiring["params"]["days"], "3");
    assert_eq!(expiring["text"], "<doctor.secret.expiring|date=2026-12-01,days=3>");
    assert!(b.text.contains("[warning] (azure.client_secret_expires) <doctor.secret.expiring|"));
}

#[test]
fn pasted_errors_are_explained_but_not_copied() {
    let pasted = vec![
        "AADSTS7000215: Invalid client secret provided. Trace ID: 0f1e".to_string(),
        "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.".to_string(),
        "AADSTS9999999 and nothing else".to_string(),
    ];
    let b = bundle_for(&setup(), &Secrets::default(), &pasted);
    let v = parsed(&b);
    let e = v["explained_errors"].as_array().unwrap();
    assert_eq!(e.len(), 3);
    assert_eq!((e[0]["pasted_text"].as_u64(), e[0]["id"].as_str()), (Some(1), Some("aadsts_7000215")));
    assert_eq!(e[0]["field"], "azure.client_secret");
    assert_eq!(e[0]["fix"], "<errors.aadsts_7000215.fix|code=AADSTS7000215>");
    assert_eq!((e[1]["kind"].as_str(), e[1]["id"].as_str()), (Some("smtp"), Some("smtp_5_7_139_auth_disabled")));
    assert_eq!((e[2]["code"].as_str(), e[2]["id"].is_null()), (Some("AADSTS9999999"), true));
    // Each known code says its phase and source; an unknown one what can still be said.
    assert_eq!((e[0]["phase"].as_str(), e[1]["phase"].as_str()), (Some("token"), Some("smtp")));
    assert!(e[0]["source"].as_str().is_some_and(|s| s.starts_with("https://learn.microsoft.com/")));
    assert_eq!(e[0].get("details"), None);
    let details: Vec<&str> = e[2]["details"].as_array().unwrap().iter().filter_map(|d| d.as_str()).collect();
    assert_eq!(details, ["<errors.unknown.phase.none|>", "https://login.microsoftonline.com/error?code=9999999"]);
    assert!(!b.json.contains("Trace ID") && !b.text.contains("Trace ID"), "the pasted text itself stays out");
    assert!(b.text.contains("[#2] 535 5.7.139 <errors.smtp_5_7_139_auth_disabled.meaning|"));
    assert!(b.text.contains("    https://login.microsoftonline.com/error?code=9999999\n"));
}

#[test]
fn an_empty_setup_still_makes_a_bundle() {
    let b = bundle_for(&Setup::default(), &Secrets::default(), &[]);
    assert!(parsed(&b)["tac"]["transaction_ids"].as_array().unwrap().is_empty());
    assert!(b.text.contains("<bundle.text.none|>"));
    assert!(b.json.ends_with("}\n") && b.text.ends_with("}\n"));
}

#[test]
fn a_secret_pasted_into_notes_is_redacted() {
    let mut s = setup();
    s.support.notes = format!("secret was {SECRET} yesterday");
    let b = bundle_for(&s, &secrets(&format!(" {SECRET} ")), &[SECRET.to_string()]);
    assert!(!b.json.contains(SECRET) && !b.text.contains(SECRET));
    assert!(b.text.contains("secret was [redacted] yesterday"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the secret, and wherever else the admin typed it, the bundle does not hold it.
    #[test]
    fn no_secret_ever_in_the_bundle(
        secret in "[A-Za-z0-9~._-]{8,48}",
        in_notes in any::<bool>(),
        in_asset in any::<bool>(),
        in_paste in any::<bool>(),
    ) {
        let mut s = setup();
        if in_notes { s.support.notes = format!("note {secret} note"); }
        if in_asset { s.support.asset_id = secret.clone(); }
        let pasted = if in_paste { vec![format!("AADSTS7000215 {secret}")] } else { vec![] };
        let b = bundle_for(&s, &secrets(&secret), &pasted);
        prop_assert!(!b.json.contains(&secret));
        prop_assert!(!b.text.contains(&secret));
        // The JSON-escaped form would be the same here, but check the decoded strings too.
        let v: Value = serde_json::from_str(&b.json).unwrap();
        prop_assert!(!v.to_string().contains(&secret));
    }
}

#[test]
fn every_bundle_key_exists_in_both_languages() {
    let files = [
        super::super::locale_files::load(include_str!("../../../locales/en/diagnostics.json")),
        super::super::locale_files::load(include_str!("../../../locales/ja/diagnostics.json")),
    ];
    let src = include_str!("bundle.rs");
    for (i, _) in src.match_indices("(\"bundle.text.") {
        let start = i + 2;
        let key = &src[start..start + src[start..].find('"').unwrap()];
        for f in &files {
            assert!(f.contains_key(key), "{key}");
        }
    }
}

#[test]
fn day_two_findings_are_exported_without_the_secret() {
    use crate::domain::field::Field;
    let s = setup();
    let day_two = [
        Finding::error(
            Field::AzureRedirectUri,
            Message::new("audit.callback.missing").with("callback", "https://x/callback"),
        ),
        // A finding can never carry the secret, but a pasted one would be scrubbed anyway.
        Finding::warning(Field::MailboxAddress, Message::new("exchange.verdict.failed").with("error", SECRET)),
    ];
    let b = bundle_with(&s, &secrets(SECRET), &[], &day_two);
    let v = parsed(&b);
    let out = &v["day_two"];
    assert_eq!(out[0]["key"], "audit.callback.missing");
    assert_eq!((out[0]["field"].as_str(), out[0]["step"].as_str()), (Some("azure.redirect_uri"), Some("entra-app")));
    assert_eq!(out[0]["params"]["callback"], "https://x/callback");
    assert!(!b.json.contains(SECRET) && !b.text.contains(SECRET));
    assert!(
        b.text.contains("[error] (azure.redirect_uri) <audit.callback.missing|callback=https://x/callback>"),
        "{}",
        b.text
    );
    assert!(bundle_for(&s, &secrets(SECRET), &[]).text.contains("<bundle.text.day_two|> ==\n<bundle.text.none|>"));
}
