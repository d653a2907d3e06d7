//! What drifted in an existing setup, from `Audited` and the wizard's values, each finding on
//! the field (or step) that fixes it. Consent uses the consent proof's own rules
//! (`consent_proof::recorded` and `findings`), so step 5 and day two never disagree.

use super::audit::{Audited, SignInUser};
use super::consent_proof;
use super::parse::{Application, ServicePrincipal};
use super::secrets::{self, ListedSecret, Validity};
use crate::domain::field::Field;
use crate::domain::finding::{Finding, Message, Severity};
use crate::domain::model::{PermissionProfile, Setup};
use crate::domain::profile::{self, ApiPermission, PermissionKind, EXCHANGE_ONLINE_APP_ID};
use crate::domain::webex::{CallbackUrl, WebexHost};

/// Every finding of the audit, errors first.
pub fn findings(a: &Audited, setup: &Setup, now_ms: i64) -> Vec<Finding> {
    let profile = setup.azure.permission_profile;
    let mut out = Vec::new();
    callback(&a.app, &setup.webex_connect.callback_url, &mut out);
    implicit(&a.app, profile, &mut out);
    declared(a, profile, &mut out);
    secrets(&secrets::listed(&a.app.password_credentials, now_ms), &mut out);
    match &a.principal {
        None => out.push(Finding::error(Field::AzureClientId, Message::new("audit.principal.missing"))),
        Some(sp) => {
            principal(a, sp, setup, &mut out);
            let r = consent_proof::recorded(&a.grants, &a.app_roles, &a.exchange, &a.graph, a.user.id());
            out.extend(consent_proof::findings(&r, profile, a.user.upn()));
        }
    }
    crate::domain::sort::sort_by_key(&mut out, |f| f.severity);
    out
}

/// A redirect URI that is a Webex Connect Call Back URL (`https://<tenant>.<region>.webexconnect.io/callback`, ...).
pub fn is_webex_callback(uri: &str) -> bool {
    CallbackUrl::parse(uri).is_ok_and(|c| !matches!(c.webex_host(), WebexHost::Unknown { .. }))
}

/// Web redirect URIs that are Webex Connect callbacks (the candidates to fill the wizard with).
pub fn webex_callbacks(app: &Application) -> Vec<&str> {
    app.redirect_uris().iter().map(String::as_str).filter(|u| is_webex_callback(u)).collect()
}

/// Entra compares redirect URIs character for character, and a Webex callback must be a Web
/// one: Webex Connect redeems the code from its server, with the client secret (AADSTS50011
/// or a SPA-only redemption error otherwise).
fn callback(app: &Application, typed: &str, out: &mut Vec<Finding>) {
    let field = Field::AzureRedirectUri;
    let spa_webex: Vec<&str> =
        app.spa_redirect_uris().iter().map(String::as_str).filter(|u| is_webex_callback(u)).collect();
    if let Ok(cb) = CallbackUrl::parse(typed) {
        if app.redirect_uris().iter().any(|u| u == cb.as_str()) {
            return;
        }
        let on_spa = app.spa_redirect_uris().iter().any(|u| u == cb.as_str());
        let key = if on_spa { "audit.callback.spa_only" } else { "audit.callback.missing" };
        out.push(Finding::error(field, Message::new(key).with("callback", cb.as_str())));
        return;
    }
    match (webex_callbacks(app).as_slice(), spa_webex.as_slice()) {
        ([_], _) => {}
        ([], [spa, ..]) => {
            out.push(Finding::error(field, Message::new("audit.callback.spa_only").with("callback", *spa)))
        }
        ([], []) => out.push(Finding::error(Field::WebexCallbackUrl, Message::new("audit.callback.none_found"))),
        (many, _) => {
            let m = Message::new("audit.callback.several").with("callbacks", many.join(", "));
            out.push(Finding::info(Field::WebexCallbackUrl, m));
        }
    }
}

/// "Access tokens (used for implicit flows)" against the profile: the code flow never needs
/// it; the documented profile ticks it because the seed does.
fn implicit(app: &Application, profile: PermissionProfile, out: &mut Vec<Finding>) {
    let on = app.implicit_access_tokens();
    if on == profile::implicit_access_tokens(profile) {
        return;
    }
    let field = Field::AzureImplicitAccessTokens;
    out.push(if on {
        Finding::warning(field, Message::new("audit.implicit.on"))
    } else {
        Finding::info(field, Message::new("audit.implicit.off_documented"))
    });
}

/// The permission's id on its resource principal, by value.
fn permission_id<'a>(
    p: &ApiPermission,
    exchange: &'a ServicePrincipal,
    graph: &'a ServicePrincipal,
) -> Option<&'a str> {
    let sp = if p.resource_app_id == EXCHANGE_ONLINE_APP_ID { exchange } else { graph };
    match p.kind {
        PermissionKind::Application => sp.app_role(p.value).map(|r| r.id.as_str()),
        PermissionKind::Delegated => sp.scope(p.value).map(|s| s.id.as_str()),
    }
}

/// Whether the registration's [API permissions] declare `p`.
pub fn declares(a: &Audited, p: &ApiPermission) -> bool {
    let id = permission_id(p, &a.exchange, &a.graph).unwrap_or(p.id);
    a.app.required_resource_access.iter().any(|r| {
        r.resource_app_id.eq_ignore_ascii_case(p.resource_app_id)
            && r.resource_access.iter().any(|x| x.kind == p.kind.graph_type() && x.id.eq_ignore_ascii_case(id))
    })
}

/// The registration's [API permissions] against the profile: what is missing, what the
/// profile retired, and the broad application permission the least-privilege profile avoids.
fn declared(a: &Audited, profile: PermissionProfile, out: &mut Vec<Finding>) {
    let field = Field::AzurePermissionProfile;
    let named =
        |key, p: &ApiPermission| Message::new(key).with("permission", p.value).with("resource", p.resource_name);
    for p in profile::permissions(profile).iter().filter(|p| !declares(a, p)) {
        out.push(Finding::warning(field, named("audit.permission.not_declared", p)));
    }
    for p in profile::retired(profile).iter().filter(|p| declares(a, p)) {
        out.push(Finding::warning(field, named("audit.permission.retired", p)));
    }
    let other = match profile {
        PermissionProfile::LeastPrivilege => PermissionProfile::AsDocumented,
        PermissionProfile::AsDocumented => return,
    };
    for p in profile::permissions(other).iter().filter(|p| p.kind == PermissionKind::Application && declares(a, p)) {
        out.push(Finding::warning(field, named("audit.permission.broad", p)));
    }
}

/// The profile the registration matches: the documented one declares the application
/// permission Mail.Send on Exchange Online; least privilege declares the delegated SMTP.Send
/// there and no Mail.Send. Neither (or both): `None`.
pub fn matched_profile(a: &Audited) -> Option<PermissionProfile> {
    let all = |p: PermissionProfile| profile::permissions(p).iter().all(|x| declares(a, x));
    match (all(PermissionProfile::AsDocumented), all(PermissionProfile::LeastPrivilege)) {
        (true, false) => Some(PermissionProfile::AsDocumented),
        (false, true) => Some(PermissionProfile::LeastPrivilege),
        _ => None,
    }
}

/// Expired and expiring secrets. Webex Connect refreshes its token with the secret: once the
/// one it holds expires, mail stops (AADSTS7000222).
fn secrets(list: &[ListedSecret], out: &mut Vec<Finding>) {
    let field = Field::AzureClientSecretExpires;
    let newest = secrets::newest_valid(list);
    match newest {
        None if list.is_empty() => out.push(Finding::error(field, Message::new("audit.secret.none"))),
        None => {
            let last = list.iter().map(|s| s.end_date()).max().unwrap_or_default();
            out.push(Finding::error(field, Message::new("audit.secret.all_expired").with("date", last)));
        }
        Some(s) => {
            if let Validity::Expiring { days } = s.validity {
                let m = Message::new("audit.secret.expiring").with("date", s.end_date()).with("days", days.to_string());
                out.push(Finding::warning(field, m));
            }
            let valid = list.iter().filter(|s| s.validity.is_valid()).count();
            if valid > 1 {
                out.push(Finding::info(
                    field,
                    Message::new("audit.secret.several_valid").with("count", valid.to_string()),
                ));
            }
            for old in list.iter().filter(|s| s.validity == Validity::Expired) {
                let m = Message::new("audit.secret.expired_leftover").with("key_id", old.key_id.clone());
                out.push(Finding::info(field, m.with("date", old.end_date())));
            }
        }
    }
}

/// The service principal: enabled, and "Assignment required?" with the sign-in user assigned.
fn principal(a: &Audited, sp: &ServicePrincipal, setup: &Setup, out: &mut Vec<Finding>) {
    if sp.account_enabled == Some(false) {
        out.push(Finding::error(Field::AzureClientId, Message::new("audit.principal.disabled")));
    }
    if sp.app_role_assignment_required != Some(true) {
        return;
    }
    // The account that clicks [Generate Token]: the Login ID when Webex Connect has one.
    let field =
        if setup.oauth.login_id.trim().is_empty() { Field::MailboxUserPrincipalName } else { Field::OauthLoginId };
    let finding = match &a.user {
        SignInUser::Found { upn, id } if !a.assigned_to.iter().any(|x| x.principal_id.eq_ignore_ascii_case(id)) => {
            Finding::error(field, Message::new("audit.assignment.user_missing").with("upn", upn.clone()))
        }
        SignInUser::Found { .. } => return,
        other => Finding {
            field,
            severity: Severity::Warning,
            message: Message::new("audit.assignment.user_unknown").with("upn", other.upn()),
        },
    };
    out.push(finding);
}
