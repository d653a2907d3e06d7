use super::*;
use crate::domain::derive::derive;
use crate::domain::export::{export_document, import_document};
use crate::domain::model::{Secrets, Setup};
use crate::domain::sample::complete_setup;

fn values(step: Step, connected: bool) -> Vec<(&'static str, bool)> {
    options(step, connected).iter().map(|o| (o.value, o.unavailable.is_none())).collect()
}

#[test]
fn step_2_offers_three_ways_and_graph_only_when_connected() {
    assert_eq!(values(Step::EntraApp, true), [("by_hand", true), ("graph", true), ("script", true)]);
    assert_eq!(values(Step::EntraApp, false), [("by_hand", true), ("graph", false), ("script", true)]);
    let graph = options(Step::EntraApp, false)[1];
    assert_eq!(graph.unavailable, Some("path.entra_app.graph.unavailable"));
    assert_eq!((graph.label_key, graph.detail_key), ("path.entra_app.graph", "path.entra_app.graph.detail"));
}

#[test]
fn step_3_offers_the_script_and_the_consoles_and_other_steps_nothing() {
    assert_eq!(values(Step::Mailbox, false), [("script", true), ("by_hand", true)]);
    assert_eq!(options(Step::Mailbox, false)[1].label_key, "path.mailbox.by_hand");
    for step in [Step::WebexApp, Step::WebexOauth, Step::Verify, Step::Troubleshoot, Step::Summary] {
        assert!(options(step, true).is_empty(), "{step:?}");
    }
}

#[test]
fn every_key_exists_in_both_languages() {
    use crate::domain::locale::{Catalog, Lang};
    let mut keys: Vec<&str> = [Step::EntraApp, Step::Mailbox]
        .iter()
        .flat_map(|s| options(*s, false))
        .flat_map(|o| [Some(o.label_key), Some(o.detail_key), o.unavailable])
        .flatten()
        .collect();
    keys.extend(Step::ALL.iter().filter_map(|s| legend_key(*s)));
    assert_eq!(keys.len(), 13);
    for lang in Lang::ALL {
        let (catalog, _) = Catalog::parse(lang.files());
        for key in &keys {
            assert!(catalog.get(key).is_some(), "{lang:?}: {key}");
        }
    }
}

#[test]
fn every_option_has_its_own_keys() {
    let mut keys: Vec<&str> = [Step::EntraApp, Step::Mailbox]
        .iter()
        .flat_map(|s| options(*s, true))
        .flat_map(|o| [o.label_key, o.detail_key])
        .collect();
    let all = keys.len();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), all);
}

#[test]
fn a_choice_is_recorded_only_for_a_way_the_step_offers() {
    let mut p = Paths::default();
    assert_eq!((p.chosen(Step::EntraApp), p.chosen(Step::Mailbox)), (None, None));
    assert!(p.choose(Step::EntraApp, "script"));
    assert!(p.choose(Step::Mailbox, "by_hand"));
    assert_eq!((p.entra, p.mailbox), (Some(EntraPath::Script), Some(MailboxPath::ByHand)));
    assert!(!p.choose(Step::Mailbox, "graph"), "step 3 has no Graph way");
    assert!(!p.choose(Step::EntraApp, "powershell"));
    assert!(!p.choose(Step::Verify, "script"));
    assert_eq!((p.chosen(Step::EntraApp), p.chosen(Step::Mailbox)), (Some("script"), Some("by_hand")));
    for e in EntraPath::ALL {
        assert_eq!(EntraPath::parse(e.as_str()), Some(e));
    }
    for m in MailboxPath::ALL {
        assert_eq!(MailboxPath::parse(m.as_str()), Some(m));
    }
}

#[test]
fn a_graph_choice_is_kept_but_not_shown_without_connected_mode() {
    let p = Paths { entra: Some(EntraPath::Graph), mailbox: Some(MailboxPath::Script) };
    assert_eq!(p.entra_shown(true), Some(EntraPath::Graph));
    assert_eq!(p.entra_shown(false), None);
    assert_eq!((p.shown(Step::EntraApp, true), p.shown(Step::EntraApp, false)), (Some("graph"), None));
    assert_eq!(p.shown(Step::Mailbox, false), Some("script"));
    assert_eq!(p.chosen(Step::EntraApp), Some("graph"), "kept for when connected mode is back");
    let p = Paths { entra: Some(EntraPath::ByHand), mailbox: None };
    assert_eq!(p.entra_shown(false), Some(EntraPath::ByHand));
}

#[test]
fn the_autosave_keeps_the_choice_and_reads_older_and_newer_shapes() {
    let mut s = complete_setup();
    s.paths = Paths { entra: Some(EntraPath::Graph), mailbox: Some(MailboxPath::Script) };
    let json = serde_json::to_string(&s).unwrap_or_default();
    assert!(json.contains(r#""paths":{"entra":"graph","mailbox":"script"}"#), "{json}");
    assert_eq!(serde_json::from_str::<Setup>(&json).ok(), Some(s.clone()));

    // An autosave written before the choice existed: every value, no choice yet.
    let mut old: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    old.as_object_mut().map(|o| o.remove("paths"));
    let read: Setup = serde_json::from_value(old).unwrap_or_default();
    assert_eq!(read.paths, Paths::default());
    assert_eq!(read.azure, s.azure);

    // A way this version does not know, or a wrong type, is "not chosen": the rest still reads.
    let odd =
        json.replace(r#""entra":"graph""#, r#""entra":"terraform""#).replace(r#""mailbox":"script""#, r#""mailbox":3"#);
    let read: Setup = serde_json::from_str(&odd).unwrap_or_default();
    assert_eq!(read.paths, Paths::default());
    assert_eq!(read.mailbox, s.mailbox);
}

/// A version 1 file as earlier versions wrote it (no paths anywhere).
const V1_FILE: &str = r#"{
  "format": "webex-o365-setup",
  "version": 1,
  "exported_at": "2026-11-28T09:30:00Z",
  "webex_connect": {"app_name": "Support email", "callback_url": "https://acme.us.webexconnect.io/callback",
    "tenant": "acme", "region": "us", "forwarding_address": "0123456789abcdef0123456789abcdef@mail-us.imiconnect.io"},
  "azure": {"cloud": "global", "tenant_id": "72f988bf-86f1-41af-91ab-2d7cd011db47",
    "app_display_name": "Webex Connect email", "client_id": "11111111-2222-4333-8444-555555555555",
    "client_secret_expires": "2027-06-01", "permission_profile": "as_documented",
    "redirect_uri": "https://acme.us.webexconnect.io/callback", "implicit_access_tokens": true}
}"#;

#[test]
fn a_version_1_file_imports_and_the_choice_on_screen_stays() {
    let imported = import_document(V1_FILE).map_err(|f| format!("{f:#?}"));
    let Ok(imported) = imported else { panic!("{imported:?}") };
    assert_eq!(imported.setup.azure.client_id, "11111111-2222-4333-8444-555555555555");
    assert_eq!(imported.setup.paths, Paths::default());

    let mut on_screen = Setup {
        paths: Paths { entra: Some(EntraPath::Script), mailbox: Some(MailboxPath::ByHand) },
        ..Default::default()
    };
    on_screen.take_import(imported.setup.clone());
    assert_eq!(on_screen.paths, Paths { entra: Some(EntraPath::Script), mailbox: Some(MailboxPath::ByHand) });
    assert_eq!(on_screen.azure, imported.setup.azure);
}

#[test]
fn the_export_file_has_no_choice_in_it() {
    let mut s = complete_setup();
    s.paths = Paths { entra: Some(EntraPath::Graph), mailbox: Some(MailboxPath::ByHand) };
    let file = export_document(&s, &Secrets::default(), &derive(&s), false, "2026-11-28T09:30:00Z");
    assert!(!file.contains("paths") && !file.contains("by_hand"), "{file}");
    let back = import_document(&file).map(|i| i.setup.paths).ok();
    assert_eq!(back, Some(Paths::default()));
}
