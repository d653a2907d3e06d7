//! Data for the "Connect this app to your tenant" page: the admin-consent link for this app's
//! own SPA registration, and which delegated permission each action needs and why.

use super::op::percent_encode;
use super::scopes::{minimal, Action, DelegatedScope};
use crate::domain::finding::Message;
use crate::domain::guid::{ClientId, TenantId};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConsentUrlProblem {
    /// Not `https://host` (a path, query or other scheme).
    Authority,
    Tenant,
    /// Not https (http is allowed for `localhost` only, as Entra does).
    RedirectUri,
    NoScopes,
    /// `state` must be non-empty: the page checks it on return.
    State,
}

impl ConsentUrlProblem {
    pub fn message(&self) -> Message {
        Message::new(match self {
            ConsentUrlProblem::Authority => "graph.consent_url.authority",
            ConsentUrlProblem::Tenant => "graph.consent_url.tenant",
            ConsentUrlProblem::RedirectUri => "graph.consent_url.redirect_uri",
            ConsentUrlProblem::NoScopes => "graph.consent_url.no_scopes",
            ConsentUrlProblem::State => "graph.consent_url.state",
        })
    }
}

#[derive(Clone, Copy, Debug)]
pub struct AdminConsent<'a> {
    /// `https://login.microsoftonline.com` (config.json's authority).
    pub authority: &'a str,
    /// The tenant's id or verified domain, or `organizations`.
    pub tenant: &'a str,
    pub client_id: ClientId,
    /// Graph resource URI, e.g. `https://graph.microsoft.com` (scopes are qualified with it).
    pub graph_resource: &'a str,
    pub scopes: &'a [DelegatedScope],
    pub redirect_uri: &'a str,
    pub state: &'a str,
}

fn is_https_origin(s: &str) -> bool {
    s.strip_prefix("https://").is_some_and(|host| !host.is_empty() && !host.contains(['/', '?', '#', '@', ' ']))
}

fn redirect_ok(s: &str) -> bool {
    let local = ["http://localhost", "http://127.0.0.1"]
        .iter()
        .any(|p| s.strip_prefix(p).is_some_and(|r| r.is_empty() || r.starts_with([':', '/'])));
    (s.starts_with("https://") && s.len() > "https://".len() && !s.contains([' ', '#'])) || local
}

/// `https://<login host>/<tenant>/v2.0/adminconsent?client_id=..&scope=..&redirect_uri=..&state=..`.
pub fn admin_consent_url(c: &AdminConsent) -> Result<String, ConsentUrlProblem> {
    let authority = c.authority.trim().trim_end_matches('/');
    if !is_https_origin(authority) {
        return Err(ConsentUrlProblem::Authority);
    }
    let tenant = c.tenant.trim();
    let tenant = if tenant.eq_ignore_ascii_case("organizations") {
        "organizations".to_string()
    } else {
        match TenantId::parse(tenant) {
            Ok(TenantId::Id(g)) => g.to_string(),
            Ok(TenantId::Domain(d)) => d,
            Err(_) => return Err(ConsentUrlProblem::Tenant),
        }
    };
    let redirect = c.redirect_uri.trim();
    if !redirect_ok(redirect) {
        return Err(ConsentUrlProblem::RedirectUri);
    }
    let resource = c.graph_resource.trim().trim_end_matches('/');
    if !is_https_origin(resource) {
        return Err(ConsentUrlProblem::Authority);
    }
    let scopes = minimal(c.scopes.iter().copied());
    if scopes.is_empty() {
        return Err(ConsentUrlProblem::NoScopes);
    }
    if c.state.trim().is_empty() {
        return Err(ConsentUrlProblem::State);
    }
    let scope = scopes.iter().map(|s| format!("{resource}/{}", s.value())).collect::<Vec<_>>().join(" ");
    Ok(format!(
        "{authority}/{}/v2.0/adminconsent?client_id={}&scope={}&redirect_uri={}&state={}",
        percent_encode(&tenant),
        c.client_id,
        percent_encode(&scope),
        percent_encode(redirect),
        percent_encode(c.state)
    ))
}

/// One row of the permissions table: a scope, why, and which actions need it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PermissionRow {
    pub scope: DelegatedScope,
    pub reason: Message,
    pub actions: Vec<Action>,
}

/// Every delegated permission some action requests, with the actions that need it.
pub fn permission_table() -> Vec<PermissionRow> {
    DelegatedScope::ALL
        .into_iter()
        .map(|scope| PermissionRow {
            scope,
            reason: scope.reason(),
            actions: Action::ALL.into_iter().filter(|a| a.scopes().contains(&scope)).collect(),
        })
        .filter(|row| !row.actions.is_empty())
        .collect()
}

/// The scopes that consenting once for all actions covers.
pub fn all_scopes() -> Vec<DelegatedScope> {
    minimal(Action::ALL.iter().flat_map(|a| a.scopes().iter().copied()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn consent<'a>(scopes: &'a [DelegatedScope]) -> AdminConsent<'a> {
        AdminConsent {
            authority: "https://login.microsoftonline.com/",
            tenant: "11111111-2222-4333-8444-555555555555",
            client_id: ClientId::parse("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee").unwrap(),
            graph_resource: "https://graph.microsoft.com",
            scopes,
            redirect_uri: "https://setup.example.com/connect?x=1",
            state: "s t&=",
        }
    }

    #[test]
    fn builds_an_encoded_link() {
        let url = admin_consent_url(&consent(&[DelegatedScope::UserRead, DelegatedScope::PolicyReadAll])).unwrap();
        assert_eq!(
            url,
            "https://login.microsoftonline.com/11111111-2222-4333-8444-555555555555/v2.0/adminconsent\
             ?client_id=aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee\
             &scope=https%3A%2F%2Fgraph.microsoft.com%2FUser.Read%20https%3A%2F%2Fgraph.microsoft.com%2FPolicy.Read.All\
             &redirect_uri=https%3A%2F%2Fsetup.example.com%2Fconnect%3Fx%3D1&state=s%20t%26%3D"
        );
    }

    #[test]
    fn covered_scopes_are_not_asked_twice() {
        let url =
            admin_consent_url(&consent(&[DelegatedScope::ApplicationReadAll, DelegatedScope::ApplicationReadWriteAll]))
                .unwrap();
        assert!(!url.contains("Application.Read.All"), "{url}");
        assert!(url.contains("Application.ReadWrite.All"));
    }

    #[test]
    fn tenant_forms() {
        let s = [DelegatedScope::UserRead];
        let mut c = consent(&s);
        for (tenant, expected) in [
            (" 11111111-2222-4333-8444-555555555555 ", Some("/11111111-2222-4333-8444-555555555555/")),
            ("Contoso.onmicrosoft.com", Some("/contoso.onmicrosoft.com/")),
            ("Organizations", Some("/organizations/")),
            ("common", None),
            ("admin@contoso.com", None),
            ("ｃontoso.com", None),
            ("", None),
        ] {
            c.tenant = tenant;
            let got = admin_consent_url(&c);
            match expected {
                Some(part) => assert!(got.as_ref().is_ok_and(|u| u.contains(part)), "{tenant}: {got:?}"),
                None => assert_eq!(got, Err(ConsentUrlProblem::Tenant), "{tenant}"),
            }
        }
    }

    #[test]
    fn refuses_bad_inputs() {
        let s = [DelegatedScope::UserRead];
        let base = consent(&s);
        for authority in [
            "http://login.microsoftonline.com",
            "https://login.microsoftonline.com/x",
            "https://",
            "login.microsoftonline.com",
        ] {
            assert_eq!(admin_consent_url(&AdminConsent { authority, ..base }), Err(ConsentUrlProblem::Authority));
        }
        for redirect_uri in
            ["http://setup.example.com/", "https://", "javascript:alert(1)", "http://localhost.evil.com/"]
        {
            assert_eq!(admin_consent_url(&AdminConsent { redirect_uri, ..base }), Err(ConsentUrlProblem::RedirectUri));
        }
        assert!(admin_consent_url(&AdminConsent { redirect_uri: "http://localhost:8080/", ..base }).is_ok());
        assert_eq!(admin_consent_url(&AdminConsent { scopes: &[], ..base }), Err(ConsentUrlProblem::NoScopes));
        assert_eq!(admin_consent_url(&AdminConsent { state: " ", ..base }), Err(ConsentUrlProblem::State));
    }

    #[test]
    fn table_lists_each_needed_scope_with_its_actions() {
        let table = permission_table();
        assert_eq!(table.len(), DelegatedScope::ALL.len());
        let mail = table.iter().find(|r| r.scope == DelegatedScope::MailSend).unwrap();
        assert_eq!(mail.actions, [Action::SendTestMail]);
        let policy = table.iter().find(|r| r.scope == DelegatedScope::PolicyReadAll).unwrap();
        assert_eq!(policy.actions, [Action::Inspect, Action::Provision, Action::CheckMailbox]);
        assert!(!all_scopes().contains(&DelegatedScope::ApplicationReadAll));
    }
}
