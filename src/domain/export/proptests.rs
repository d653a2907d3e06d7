//! Properties: any setup survives export + import; import never panics.

use super::*;
use crate::domain::date::Date;
use crate::domain::derive::Derived;
use crate::domain::diagnose::doctor::doctor;
use crate::domain::model::*;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::Value;

/// Any unicode at all, control characters and NUL included.
fn text() -> impl Strategy<Value = String> {
    any::<String>()
}

/// An SMTP override: half the time none (the default in effect), else anything.
fn maybe_override() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), text()]
}

fn rfc3339() -> impl Strategy<Value = String> {
    let date = (0u32..=9999, 1u32..=12, 1u32..=31);
    let time = (0u32..=23, 0u32..=59, 0u32..=60, prop::option::of(0u32..1_000_000));
    let zone = prop_oneof![
        select(vec!["Z".to_owned(), "z".to_owned()]),
        (select(vec!['+', '-']), 0u32..=23, 0u32..=59).prop_map(|(s, h, m)| format!("{s}{h:02}:{m:02}")),
    ];
    (date, time, zone, select(vec!['T', 't'])).prop_map(|((y, mo, d), (h, mi, s, frac), z, t)| {
        let frac = frac.map(|f| format!(".{f}")).unwrap_or_default();
        format!("{y:04}-{mo:02}-{d:02}{t}{h:02}:{mi:02}:{s:02}{frac}{z}")
    })
}

fn check() -> impl Strategy<Value = CheckResult> {
    (select(CheckStatus::ALL.to_vec()), prop_oneof![Just(String::new()), rfc3339()])
        .prop_map(|(status, time)| CheckResult { status, time })
}

/// A setup in the model's canonical form (transaction ids normalised, no SMTP override equal
/// to its default), with a `Derived` that holds the SMTP values in effect and arbitrary
/// other derived values (import must ignore those).
fn setup_and_derived() -> impl Strategy<Value = (Setup, Derived)> {
    let webex = (text(), text(), text());
    let azure = (select(Cloud::ALL.to_vec()), text(), text(), text(), text(), select(PermissionProfile::ALL.to_vec()));
    let mailbox = (text(), text(), select(OutboundPolicy::ALL.to_vec()));
    let rest = (maybe_override(), maybe_override(), text(), (check(), check(), check()), (text(), text(), text()));
    let derived = ((text(), text(), text(), text(), text(), text(), text(), text()), any::<bool>(), any::<u16>());
    (webex, azure, mailbox, rest, derived).prop_map(|(w, a, m, r, d)| {
        let mut s = Setup::default();
        (s.webex_connect.app_name, s.webex_connect.callback_url, s.webex_connect.forwarding_address) = w;
        (
            s.azure.cloud,
            s.azure.tenant_id,
            s.azure.app_display_name,
            s.azure.client_id,
            s.azure.client_secret_expires,
            s.azure.permission_profile,
        ) = a;
        (s.mailbox.address, s.mailbox.user_principal_name, s.mailbox.outbound_policy) = m;
        let (server, username, login_id, checks, support) = r;
        let default_server = default_smtp_server(s.azure.cloud);
        s.smtp.server = if server == default_server { String::new() } else { server };
        s.smtp.username = if username == s.mailbox.user_principal_name { String::new() } else { username };
        s.oauth.login_id = login_id;
        (s.verification.sent_from_outside, s.verification.agent_received, s.verification.reply_arrived) = checks;
        s.support.asset_id = support.0;
        s.support.transaction_ids = normalise_transaction_ids(&support.1);
        s.support.notes = support.2;

        let ((tenant, region, redirect, auth, token, refresh, scope, security), implicit, port) = d;
        let in_effect = |o: &str, default: &str| {
            if o.is_empty() {
                default.to_owned()
            } else {
                o.to_owned()
            }
        };
        let derived = Derived {
            webex_tenant: tenant,
            webex_region: region,
            redirect_uri: redirect,
            implicit_access_tokens: implicit,
            authorization_url: auth,
            token_url: token,
            refresh_token_url: refresh,
            scope,
            smtp_server: in_effect(&s.smtp.server, default_server),
            smtp_server_verified: !s.azure.cloud.is_sovereign(),
            smtp_port: port,
            smtp_security: security,
            smtp_username: in_effect(&s.smtp.username, &s.mailbox.user_principal_name),
        };
        (s, derived)
    })
}

fn today() -> Date {
    Date::new(2026, 11, 28).unwrap_or_else(|_| Date::from_unix_days(0))
}

/// Any JSON value, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((text(), inner), 0..6).prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// The sample with its secret and the doctor's array: every key a file can hold.
fn full_export() -> String {
    let (s, secrets, d) = super::tests::sample();
    let diagnoses = doctor(&s, &secrets, &d, &[], today());
    export_with_doctor(&s, &secrets, &d, &diagnoses, true, "")
}

/// Every place in a full export where a value can be swapped.
fn pointers() -> Vec<String> {
    let v: Value = serde_json::from_str(&full_export()).unwrap_or_default();
    let mut out = Vec::new();
    fn walk(v: &Value, at: String, out: &mut Vec<String>) {
        if let Value::Object(m) = v {
            for (k, child) in m {
                let p = format!("{at}/{k}");
                walk(child, p.clone(), out);
                out.push(p);
            }
        }
    }
    walk(&v, String::new(), &mut out);
    out
}

proptest! {
    #[test]
    fn import_of_export_gives_back_setup_and_secret(
        (setup, derived) in setup_and_derived(),
        secret in text(),
        at in rfc3339(),
    ) {
        let secrets = Secrets { client_secret: secret.clone() };
        let file = export_document(&setup, &secrets, &derived, true, &at);
        let imported = import_document(&file);
        prop_assert!(imported.is_ok(), "{:?}", imported.err());
        let imported = imported.unwrap_or_else(|_| unreachable!());
        prop_assert_eq!(&imported.setup, &setup);
        prop_assert_eq!(&imported.exported_at, &at);
        let expected = (!secret.is_empty()).then(|| secret.clone());
        prop_assert_eq!(&imported.client_secret, &expected);
        // A file this app wrote has nothing to warn about beyond the secret it holds.
        prop_assert_eq!(imported.notices.len(), usize::from(expected.is_some()));

        let file = export_document(&setup, &secrets, &derived, false, &at);
        let imported = import_document(&file);
        prop_assert!(imported.is_ok());
        let imported = imported.unwrap_or_else(|_| unreachable!());
        prop_assert_eq!(&imported.setup, &setup);
        prop_assert_eq!(imported.client_secret, None);
        prop_assert!(imported.notices.is_empty());
    }

    /// The file the admin downloads (with the doctor's array) round-trips the same way: the
    /// array is ignored on import, without a notice, whatever it says.
    #[test]
    fn import_of_export_with_doctor_gives_back_setup_and_secret(
        (setup, derived) in setup_and_derived(),
        secret in text(),
        at in rfc3339(),
    ) {
        let secrets = Secrets { client_secret: secret.clone() };
        let diagnoses = doctor(&setup, &secrets, &derived, &[], today());
        for include in [true, false] {
            let file = export_with_doctor(&setup, &secrets, &derived, &diagnoses, include, &at);
            let v: Value = serde_json::from_str(&file).unwrap_or_default();
            prop_assert_eq!(v["doctor"].as_array().map(Vec::len), Some(diagnoses.len()));
            let imported = import_document(&file);
            prop_assert!(imported.is_ok(), "{:?}", imported.err());
            let imported = imported.unwrap_or_else(|_| unreachable!());
            prop_assert_eq!(&imported.setup, &setup);
            prop_assert_eq!(&imported.exported_at, &at);
            let expected = (include && !secret.is_empty()).then(|| secret.clone());
            prop_assert_eq!(&imported.client_secret, &expected);
            prop_assert_eq!(imported.notices.len(), usize::from(expected.is_some()));
        }
    }

    /// A secret pasted into any typed value never reaches the doctor's parameters.
    #[test]
    fn the_doctor_array_never_holds_the_secret(
        (mut setup, _) in setup_and_derived(),
        secret in "\\S{8,60}",
        prefix in text(),
        suffix in text(),
        include in any::<bool>(),
    ) {
        let pasted = format!("{prefix}{secret}{suffix}");
        setup.webex_connect.callback_url = format!("https://{secret}/callback");
        setup.webex_connect.forwarding_address = pasted.clone();
        setup.mailbox.address = pasted.clone();
        setup.azure.tenant_id = pasted.clone();
        setup.smtp.username = pasted;
        let derived = crate::domain::derive::derive(&setup);
        let secrets = Secrets { client_secret: secret.clone() };
        let diagnoses = doctor(&setup, &secrets, &derived, &[], today());
        let file = export_with_doctor(&setup, &secrets, &derived, &diagnoses, include, "");
        let v: Value = serde_json::from_str(&file).unwrap_or_default();
        let items = v["doctor"].as_array().cloned().unwrap_or_default();
        prop_assert_eq!(items.len(), diagnoses.len());
        for item in &items {
            for param in item["params"].as_object().into_iter().flat_map(|m| m.values()) {
                prop_assert!(!param.as_str().unwrap_or_default().contains(&secret), "{}", item);
            }
        }
    }

    #[test]
    fn import_never_panics_on_any_string(s in any::<String>()) {
        let _ = import_document(&s);
    }

    #[test]
    fn import_never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = import_document(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn import_never_panics_on_json_like_text(s in r#"\u{FEFF}?[\[\]{}",:0-9a-z_\\ \n.eE+-]{0,200}"#) {
        let _ = import_document(&s);
        let _ = import_document(&format!(r#"{{"format":"webex-o365-setup","version":1,{s}"#));
    }

    #[test]
    fn any_value_anywhere_is_read_or_refused_with_findings(
        pointer in select(pointers()),
        replacement in any_json(),
    ) {
        let mut v: Value = serde_json::from_str(&full_export()).unwrap_or_default();
        if let Some(slot) = v.pointer_mut(&pointer) {
            *slot = replacement;
        }
        if let Err(findings) = import_document(&v.to_string()) {
            prop_assert!(!findings.is_empty());
        }
    }
}
