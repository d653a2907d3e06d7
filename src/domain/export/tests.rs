//! Export/import contract tests: exact file shape, secret handling, every refusal.

use super::json::Json;
use super::*;
use crate::domain::derive::Derived;
use crate::domain::field::Field;
use crate::domain::finding::{Finding, Severity};
use crate::domain::model::*;
use serde_json::{json, Value};

pub(super) fn sample() -> (Setup, Secrets, Derived) {
    let mut s = Setup::default();
    s.webex_connect.app_name = "Contoso Support Mail".into();
    s.webex_connect.callback_url = "https://contoso.us.webexconnect.io/callback".into();
    s.webex_connect.forwarding_address = "0123456789abcdef0123456789abcdef@mail-us.imiconnect.io".into();
    s.azure.cloud = Cloud::Global;
    s.azure.tenant_id = "72f988bf-86f1-41af-91ab-2d7cd011db47".into();
    s.azure.app_display_name = "Webex Connect メール".into();
    s.azure.client_id = "11111111-2222-3333-4444-555555555555".into();
    s.azure.client_secret_expires = "2027-05-31".into();
    s.azure.permission_profile = PermissionProfile::AsDocumented;
    s.mailbox.address = "support@contoso.com".into();
    s.mailbox.user_principal_name = "support@contoso.onmicrosoft.com".into();
    s.mailbox.outbound_policy = OutboundPolicy::DefaultPolicy;
    s.oauth.login_id = "shared-owner@contoso.com".into();
    s.verification.sent_from_outside = CheckResult { status: CheckStatus::Passed, time: "2026-11-28T09:30:00Z".into() };
    s.verification.agent_received =
        CheckResult { status: CheckStatus::Failed, time: "2026-11-28T18:31:05.250+09:00".into() };
    s.support.asset_id = "a1b2c3".into();
    s.support.transaction_ids = "  tx-1 \r\n\n\ttx-2\n".into();
    s.support.notes = "返信が届かない\n\"quoted\"".into();
    let secrets = Secrets { client_secret: "abc8Q~secret.value".into() };
    let tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    let derived = Derived {
        webex_tenant: "contoso".into(),
        webex_region: "us".into(),
        redirect_uri: "https://contoso.us.webexconnect.io/callback".into(),
        implicit_access_tokens: true,
        authorization_url: format!("https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize"),
        token_url: format!("https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token"),
        refresh_token_url: format!("https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token"),
        scope: "offline_access https://outlook.office.com/SMTP.Send".into(),
        smtp_server: "smtp.office365.com".into(),
        smtp_server_verified: true,
        smtp_port: 587,
        smtp_security: "STARTTLS".into(),
        smtp_username: "support@contoso.onmicrosoft.com".into(),
    };
    (s, secrets, derived)
}

pub(super) const AT: &str = "2026-11-28T10:00:00Z";

pub(super) fn exported(include_secret: bool) -> String {
    let (s, secrets, d) = sample();
    export_document(&s, &secrets, &d, include_secret, AT)
}

pub(super) fn value(include_secret: bool) -> Value {
    serde_json::from_str(&exported(include_secret)).unwrap()
}

pub(super) fn import_value(v: &Value) -> Result<Imported, Vec<Finding>> {
    import_document(&v.to_string())
}

/// The file with one value replaced (or removed, for `None`), by JSON pointer.
pub(super) fn edited(pointer: &str, new: Option<Value>) -> Value {
    let mut v = value(false);
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let obj = v.pointer_mut(parent).unwrap().as_object_mut().unwrap();
    match new {
        Some(n) => obj.insert(key.to_owned(), n),
        None => obj.remove(key),
    };
    v
}

pub(super) fn refused(json: &str) -> Vec<Finding> {
    match import_document(json) {
        Ok(i) => panic!("accepted: {i:?}"),
        Err(f) => f,
    }
}

pub(super) fn keys_of(findings: &[Finding]) -> Vec<(&'static str, Field, Severity)> {
    findings.iter().map(|f| (f.message.key, f.field, f.severity)).collect()
}

pub(super) fn only(findings: &[Finding]) -> &Finding {
    assert_eq!(findings.len(), 1, "{findings:#?}");
    &findings[0]
}

#[test]
fn export_is_exactly_the_contract() {
    let expected = r#"{
  "format": "webex-o365-setup",
  "version": 1,
  "exported_at": "2026-11-28T10:00:00Z",
  "webex_connect": {
    "app_name": "Contoso Support Mail",
    "callback_url": "https://contoso.us.webexconnect.io/callback",
    "tenant": "contoso",
    "region": "us",
    "forwarding_address": "0123456789abcdef0123456789abcdef@mail-us.imiconnect.io"
  },
  "azure": {
    "cloud": "global",
    "tenant_id": "72f988bf-86f1-41af-91ab-2d7cd011db47",
    "app_display_name": "Webex Connect メール",
    "client_id": "11111111-2222-3333-4444-555555555555",
    "client_secret_expires": "2027-05-31",
    "permission_profile": "as_documented",
    "implicit_access_tokens": true,
    "redirect_uri": "https://contoso.us.webexconnect.io/callback"
  },
  "mailbox": {
    "address": "support@contoso.com",
    "user_principal_name": "support@contoso.onmicrosoft.com",
    "outbound_policy": "default_policy"
  },
  "smtp": {
    "server": "smtp.office365.com",
    "port": 587,
    "security": "STARTTLS",
    "username": "support@contoso.onmicrosoft.com"
  },
  "oauth": {
    "authorization_url": "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/authorize",
    "token_url": "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token",
    "refresh_token_url": "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token",
    "scope": "offline_access https://outlook.office.com/SMTP.Send",
    "login_id": "shared-owner@contoso.com"
  },
  "verification": {
    "sent_from_outside": {
      "status": "passed",
      "time": "2026-11-28T09:30:00Z"
    },
    "agent_received": {
      "status": "failed",
      "time": "2026-11-28T18:31:05.250+09:00"
    },
    "reply_arrived": {
      "status": "not_run",
      "time": ""
    }
  },
  "support": {
    "asset_id": "a1b2c3",
    "transaction_ids": [
      "tx-1",
      "tx-2"
    ],
    "notes": "返信が届かない\n\"quoted\""
  }
}
"#;
    assert_eq!(exported(false), expected);
}

#[test]
fn every_exported_key_is_a_field_key_path() {
    let Json::Object(root) = serde_json::from_str::<Json>(&exported(true)).unwrap() else { panic!() };
    for (section, v) in &root {
        let Json::Object(entries) = v else { continue };
        if section == "verification" {
            let ids: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
            assert_eq!(ids, CheckId::ALL.map(CheckId::as_str));
            continue;
        }
        for (key, _) in entries {
            let path = format!("{section}.{key}");
            assert!(Field::from_key(&path).is_some(), "{path} has no Field");
        }
    }
}

#[test]
fn secret_is_written_only_when_opted_in_and_present() {
    let (s, secrets, d) = sample();
    let without = export_document(&s, &secrets, &d, false, AT);
    assert!(!without.contains("client_secret\""), "{without}");
    assert!(!without.contains(&secrets.client_secret));
    assert_eq!(import_document(&without).unwrap().client_secret, None);

    let with = export_document(&s, &secrets, &d, true, AT);
    assert_eq!(value(true)["azure"]["client_secret"], json!(secrets.client_secret));
    // Placed right after client_id, as the schema lists it.
    assert!(with.find("\"client_id\"") < with.find("\"client_secret\""));
    assert!(with.find("\"client_secret\"") < with.find("\"client_secret_expires\""));
    let imported = import_document(&with).unwrap();
    assert_eq!(imported.client_secret.as_deref(), Some(secrets.client_secret.as_str()));
    assert!(!format!("{imported:?}").contains(&secrets.client_secret), "Debug leaks the secret");
    let notice = only(&imported.notices);
    assert_eq!((notice.message.key, notice.field), ("import.contains_secret", Field::AzureClientSecret));

    let empty = Secrets::default();
    let opted_but_empty = export_document(&s, &empty, &d, true, AT);
    assert!(!opted_but_empty.contains("client_secret\""));
}

#[test]
fn round_trip_gives_back_the_setup() {
    let (mut s, secrets, d) = sample();
    let imported = import_document(&export_document(&s, &secrets, &d, true, AT)).unwrap();
    s.support.transaction_ids = "tx-1\ntx-2".into();
    assert_eq!(imported.setup, s);
    assert_eq!(imported.exported_at, AT);
}

#[test]
fn smtp_values_in_effect_become_overrides_only_when_not_the_default() {
    let (s, secrets, mut d) = sample();
    let back = import_document(&export_document(&s, &secrets, &d, false, AT)).unwrap().setup;
    assert_eq!((back.smtp.server.as_str(), back.smtp.username.as_str()), ("", ""));

    d.smtp_server = "smtp.example.net".into();
    d.smtp_username = "other@contoso.com".into();
    let back = import_document(&export_document(&s, &secrets, &d, false, AT)).unwrap().setup;
    assert_eq!(back.smtp.server, "smtp.example.net");
    assert_eq!(back.smtp.username, "other@contoso.com");

    // The default depends on the imported cloud.
    let v = edited("/azure/cloud", Some(json!("us_gov_gcc_high")));
    let v = {
        let mut v = v;
        v["smtp"]["server"] = json!("smtp.office365.us");
        v
    };
    assert_eq!(import_value(&v).unwrap().setup.smtp.server, "");
    let v = edited("/smtp/server", Some(json!("smtp.office365.us")));
    assert_eq!(import_value(&v).unwrap().setup.smtp.server, "smtp.office365.us");
}

#[test]
fn transaction_ids_are_lines_in_the_model_and_an_array_in_the_file() {
    assert_eq!(normalise_transaction_ids(" a \r\n\n\u{3000}b\u{3000}\n  \n"), "a\nb");
    assert_eq!(value(false)["support"]["transaction_ids"], json!(["tx-1", "tx-2"]));
    let v = edited("/support/transaction_ids", Some(json!([" x ", "", "y\nz"])));
    assert_eq!(import_value(&v).unwrap().setup.support.transaction_ids, "x\ny\nz");
    let v = edited("/support/transaction_ids", Some(json!([])));
    assert_eq!(import_value(&v).unwrap().setup.support.transaction_ids, "");
}

#[test]
fn derived_values_are_recomputed_not_imported() {
    let v = edited("/oauth/scope", Some(json!("https://graph.microsoft.com/.default")));
    let imported = import_value(&v).unwrap();
    assert_eq!(imported.setup, import_value(&value(false)).unwrap().setup);
    // Wrong types there are only warnings: nothing is read from them.
    for (pointer, bad) in [
        ("/azure/implicit_access_tokens", json!("yes")),
        ("/smtp/port", json!(70000)),
        ("/smtp/port", json!("587")),
        ("/webex_connect/tenant", json!(5)),
    ] {
        let imported = import_value(&edited(pointer, Some(bad))).unwrap();
        let notice = imported.notices.iter().find(|f| f.message.key == "import.derived_invalid").unwrap();
        assert_eq!(notice.severity, Severity::Warning);
        assert_eq!(notice.field.key(), &pointer[1..].replace('/', "."));
    }
    // And absent derived values are simply recomputed, with no notice.
    let v = edited("/smtp/port", None);
    assert!(import_value(&v).unwrap().notices.is_empty());
}
