use std::collections::BTreeMap;

use super::*;
use crate::domain::config::{parse, ConfigStatus};
use crate::domain::webex::{CallbackUrl, REGIONS};
use crate::domain::webex_api::region::{choices, region_map};

fn config(text: &str) -> RuntimeConfig {
    match parse(text) {
        ConfigStatus::Loaded { config, .. } => config,
        other => panic!("not loaded: {other:?}"),
    }
}

fn directive<'a>(policy: &'a str, name: &str) -> &'a str {
    policy
        .split("; ")
        .find_map(|d| d.strip_prefix(name).and_then(|rest| rest.strip_prefix(' ')))
        .unwrap_or_else(|| panic!("{name} missing in {policy}"))
}

#[test]
fn the_default_policy_is_strict() {
    let p = policy(&RuntimeConfig::default(), &Extra::default());
    assert!(p.starts_with("default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "), "{p}");
    for banned in ["unsafe-inline", "'unsafe-eval'", "*", "http:"] {
        assert!(!p.contains(banned), "{banned} in {p}");
    }
    assert_eq!(directive(&p, "img-src"), "'self' data:");
    assert_eq!(directive(&p, "base-uri"), "'self'");
    assert_eq!(directive(&p, "form-action"), "'none'");
    assert_eq!(directive(&p, "object-src"), "'none'");
    assert_eq!(directive(&p, "frame-ancestors"), "'none'");
    let connect = directive(&p, "connect-src");
    assert!(connect.starts_with("'self' https://login.microsoftonline.com https://graph.microsoft.com "), "{connect}");
}

#[test]
fn extra_sources_name_the_portals_and_other_hosts() {
    let extra = Extra {
        frame_ancestors: vec!["'self'".into(), "https://portal.example".into()],
        connect_src: vec!["https://tokens.example".into(), "'self'".into()],
    };
    let p = policy(&RuntimeConfig::default(), &extra);
    assert_eq!(directive(&p, "frame-ancestors"), "'self' https://portal.example");
    let connect = directive(&p, "connect-src");
    assert!(connect.ends_with(" https://tokens.example"), "{connect}");
    assert_eq!(connect.matches("'self'").count(), 1);
}

/// Every host the app can call for a Webex API (derived from any Call Back URL the region map
/// knows, or picked by the admin) is allowed, and nothing else from Webex.
#[test]
fn connect_src_covers_every_webex_host_the_app_calls() {
    let sources = connect_sources(&RuntimeConfig::default());
    let mut expected: Vec<String> = Vec::new();
    let labels = REGIONS.iter().chain(&["jp", "sg", "in", "au", "us1", "xx"]);
    for region in labels {
        for host in [
            format!("https://acme.{region}.webexconnect.io/callback"),
            format!("https://acme.imiconnect.{region}/callback"),
        ] {
            let Ok(callback) = CallbackUrl::parse(&host) else { continue };
            let map = region_map(Some(&callback), &BTreeMap::new());
            expected.extend(Api::ALL.iter().filter_map(|api| map.get(*api).url().and_then(origin)));
        }
    }
    for api in Api::ALL {
        expected.extend(choices(api).into_iter().filter_map(|(_, url)| origin(&url)));
    }
    for host in &expected {
        assert!(sources.contains(host), "{host} not in connect-src {sources:?}");
    }
    assert!(expected.iter().any(|h| h == "https://api.jp.webexconnect.io"), "a mapped-only host is checked");
    let webex: Vec<_> = sources.iter().skip(3).collect();
    assert!(webex.iter().all(|s| expected.contains(s)), "a host no code path calls: {webex:?}");
    assert!(webex.iter().all(|s| !s.contains('/') || s.matches('/').count() == 2), "origins only: {webex:?}");
}

#[test]
fn config_json_moves_the_hosts() {
    let c = config(
        r#"{"authority":"http://127.0.0.1:4100/","graph_base_url":"http://127.0.0.1:4200/v1.0",
            "webex":{"messaging":"https://proxy.example/webex/messaging","contact_center":"https://proxy.example/cc"}}"#,
    );
    let sources = connect_sources(&c);
    assert_eq!(&sources[..3], ["'self'", "http://127.0.0.1:4100", "http://127.0.0.1:4200"]);
    assert!(sources.contains(&"https://proxy.example".to_string()), "{sources:?}");
    // Overridden APIs no longer need Cisco's hosts; onboarding still does.
    assert!(!sources.iter().any(|s| s.starts_with("https://api.")), "{sources:?}");
    assert!(sources.contains(&"https://assetmanagement.us.webexconnect.io".to_string()));
    assert_eq!(sources.iter().filter(|s| *s == "https://proxy.example").count(), 1, "deduplicated");
}

#[test]
fn origins_drop_paths_and_userinfo() {
    assert_eq!(origin("https://Login.Example/tenant/v2.0?x#y").as_deref(), Some("https://login.example"));
    assert_eq!(origin("http://[::1]:9000/a").as_deref(), Some("http://[::1]:9000"));
    assert_eq!(origin("https://user:pw@h.example:8443/").as_deref(), Some("https://h.example:8443"));
    assert_eq!(origin("ftp://h.example"), None);
    assert_eq!(origin("https://"), None);
    assert_eq!(origin("login.example"), None);
}

#[test]
fn server_snippets_carry_all_three_headers() {
    let p = policy(&RuntimeConfig::default(), &Extra::default());
    for server in [Server::Nginx, Server::Apache, Server::Iis] {
        let text = server_headers(server, &p);
        assert!(text.contains("X-Content-Type-Options") && text.contains("nosniff"), "{text}");
        assert!(text.contains("Referrer-Policy") && text.contains("strict-origin-when-cross-origin"), "{text}");
        assert!(text.contains(&p), "the policy verbatim in {server:?}:\n{text}");
    }
    assert!(server_headers(Server::Nginx, &p).lines().all(|l| l.starts_with("add_header ") && l.ends_with(" always;")));
    assert!(server_headers(Server::Iis, &p).lines().all(|l| l.starts_with("        <add name=") && l.ends_with(" />")));
    assert!(server_headers(Server::Iis, "a \"b\" & c").contains(r#"value="a &quot;b&quot; &amp; c""#));
    assert_eq!(Server::parse("iis"), Some(Server::Iis));
    assert_eq!(Server::parse("caddy"), None);
}
