//! The proof after [Generate Token]: what the tenant recorded for this app. One `$batch` reads
//! this app's service principal (by the client id in the wizard), its delegated grants and its
//! application permissions, the mailbox user's id and the two resource principals; `interpret`
//! says in plain words whether SMTP.Send is consented on Office 365 Exchange Online (the SMTP
//! token's resource) and by whom, and what else is granted that SMTP sign-in does not use.
//!
//! Microsoft documents that SMTP OAuth tokens are for Exchange Online and that Graph
//! permissions do not work for SMTP; that Entra counts exactly these grants at [Generate Token]
//! is inference (DOMAIN.md section 5), which is why this reads them instead of assuming.

use super::answer::Answer;
use super::checks::{failure, user_path};
use super::op::{odata_string, Kind, Method, Operation, Template};
use super::ops::SP_SELECT;
use super::parse::{self, AppRoleAssignment, OAuth2PermissionGrant, ServicePrincipal};
use super::scopes::DelegatedScope;
use crate::domain::email::EmailAddress;
use crate::domain::field::Field;
use crate::domain::finding::{Finding, Message, Severity};
use crate::domain::guid::ClientId;
use crate::domain::model::{PermissionProfile, Setup};
use crate::domain::profile::{resource_name, Instruction, EXCHANGE_ONLINE_APP_ID, MICROSOFT_GRAPH_APP_ID};

/// Every read of the proof is independent: one `$batch`.
pub const PROOF_BATCH: &str = "proof";
pub const APP_OP: &str = "proof.app";
pub const GRANTS_OP: &str = "proof.grants";
pub const ROLES_OP: &str = "proof.app_roles";
pub const USER_OP: &str = "proof.mailbox_user";
pub const EXCHANGE_OP: &str = "proof.exchange";
pub const GRAPH_OP: &str = "proof.graph";

/// The delegated permission SMTP sign-in uses, and the one it keeps refresh tokens with.
const SMTP_SEND: &str = "SMTP.Send";
const OFFLINE_ACCESS: &str = "offline_access";
/// The application permission of the "as documented" profile.
const MAIL_SEND: &str = "Mail.Send";

pub(super) fn read(id: &'static str, purpose: Message, kind: Kind, url: String, scope: DelegatedScope) -> Operation {
    Operation {
        id,
        purpose,
        kind,
        method: Method::Get,
        url: Template::url(url),
        headers: Vec::new(),
        body: None,
        scope,
        batch: Some(PROOF_BATCH),
        captures: Vec::new(),
        rerun: None,
    }
}

/// A resource principal, for its id and the ids of its app roles.
pub(super) fn resource(id: &'static str, app_id: &str) -> Operation {
    let url = format!("/servicePrincipals(appId={})?{SP_SELECT}", odata_string(app_id));
    let purpose = Message::new("proof.op.resource").with("resource", resource_name(app_id));
    read(id, purpose, Kind::Read, url, DelegatedScope::ApplicationReadAll)
}

/// The reads, in this order: the app's principal, its grants, its app roles, the mailbox user
/// (only with a valid user principal name), Exchange Online's and Graph's principals. Nothing
/// is sent without a valid client id: the error says so next to that field.
pub fn consent_proof(setup: &Setup) -> Result<Vec<Operation>, Finding> {
    let field = Field::AzureClientId;
    let raw = setup.azure.client_id.trim();
    if raw.is_empty() {
        return Err(Finding::error(field, Message::new("proof.client_id_required")));
    }
    let client = ClientId::parse(raw).map_err(|p| Finding::error(field, p.message()))?.to_string();
    let sp = format!("/servicePrincipals(appId={})", odata_string(&client));
    let (apps, directory) = (DelegatedScope::ApplicationReadAll, DelegatedScope::DirectoryReadAll);
    // Microsoft documents both forms, `/servicePrincipals/{id}/...` and `(appId='...')/...`:
    // the client id is all the wizard has, and one batch cannot pass an answer on.
    let mut ops = vec![
        read(APP_OP, Message::new("proof.op.app"), Kind::Probe, format!("{sp}?$select=id,appId,displayName"), apps),
        read(
            GRANTS_OP,
            Message::new("proof.op.grants"),
            Kind::Probe,
            format!("{sp}/oauth2PermissionGrants"),
            directory,
        ),
        read(ROLES_OP, Message::new("proof.op.app_roles"), Kind::Probe, format!("{sp}/appRoleAssignments"), apps),
    ];
    if let Ok(upn) = EmailAddress::parse(&setup.mailbox.user_principal_name) {
        let url = format!("{}?$select=id,userPrincipalName", user_path(upn.as_str()));
        let purpose = Message::new("proof.op.mailbox_user").with("upn", upn.as_str());
        ops.push(read(USER_OP, purpose, Kind::Probe, url, DelegatedScope::UserReadAll));
    }
    ops.push(resource(EXCHANGE_OP, EXCHANGE_ONLINE_APP_ID));
    ops.push(resource(GRAPH_OP, MICROSOFT_GRAPH_APP_ID));
    Ok(ops)
}

/// Who consented to SMTP.Send on Office 365 Exchange Online.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExchangeConsent {
    /// An administrator, for all users (`AllPrincipals`).
    Admin,
    /// The mailbox user alone (`Principal`, the user's own consent at [Generate Token]).
    MailboxUser,
    /// Only users other than the mailbox user (a different sign-in at [Generate Token]).
    OtherUsers(usize),
    None,
}

/// What the tenant recorded for this app, from the answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    pub exchange: ExchangeConsent,
    /// SMTP.Send granted on Microsoft Graph (by anyone).
    pub graph_smtp_send: bool,
    /// offline_access granted on Microsoft Graph for everyone or for the mailbox user.
    pub offline_access: bool,
    /// Resources on which the application permission Mail.Send is assigned.
    pub mail_send_roles: Vec<&'static str>,
}

fn has_scope(g: &OAuth2PermissionGrant, value: &str) -> bool {
    g.scope.as_deref().unwrap_or("").split_whitespace().any(|s| s.eq_ignore_ascii_case(value))
}

/// Reads the grants and assignments of this app against the two resources' ids.
pub fn recorded(
    grants: &[OAuth2PermissionGrant],
    roles: &[AppRoleAssignment],
    exchange: &ServicePrincipal,
    graph: &ServicePrincipal,
    user_id: Option<&str>,
) -> Recorded {
    let on = |sp: &ServicePrincipal| -> Vec<&OAuth2PermissionGrant> {
        grants.iter().filter(|g| g.resource_id.eq_ignore_ascii_case(&sp.id)).collect()
    };
    let admin = |g: &&OAuth2PermissionGrant| g.consent_type.eq_ignore_ascii_case("AllPrincipals");
    let mailbox_user = |g: &&OAuth2PermissionGrant| {
        g.consent_type.eq_ignore_ascii_case("Principal")
            && user_id.is_some_and(|u| g.principal_id.as_deref().is_some_and(|p| p.eq_ignore_ascii_case(u)))
    };
    let smtp: Vec<&OAuth2PermissionGrant> = on(exchange).into_iter().filter(|g| has_scope(g, SMTP_SEND)).collect();
    let exchange_consent = if smtp.iter().any(admin) {
        ExchangeConsent::Admin
    } else if smtp.iter().any(mailbox_user) {
        ExchangeConsent::MailboxUser
    } else if smtp.is_empty() {
        ExchangeConsent::None
    } else {
        ExchangeConsent::OtherUsers(smtp.len())
    };
    let offline_access = on(graph).iter().filter(|g| admin(g) || mailbox_user(g)).any(|g| has_scope(g, OFFLINE_ACCESS));
    let mut mail_send_roles = Vec::new();
    for sp in [exchange, graph] {
        let role = sp.app_roles.iter().find(|r| r.value.as_deref() == Some(MAIL_SEND)).map(|r| r.id.as_str());
        let assigned = roles.iter().any(|a| {
            a.resource_id.eq_ignore_ascii_case(&sp.id) && role.is_some_and(|r| r.eq_ignore_ascii_case(&a.app_role_id))
        });
        if assigned {
            mail_send_roles.push(resource_name(&sp.app_id));
        }
    }
    Recorded {
        exchange: exchange_consent,
        graph_smtp_send: on(graph).iter().any(|g| has_scope(g, SMTP_SEND)),
        offline_access,
        mail_send_roles,
    }
}

/// What `recorded` means, in plain words, each finding on the field that fixes it.
pub fn findings(r: &Recorded, profile: PermissionProfile, upn: &str) -> Vec<Finding> {
    let profile_field = Field::AzurePermissionProfile;
    let mut out = Vec::new();
    let covered = matches!(r.exchange, ExchangeConsent::Admin | ExchangeConsent::MailboxUser);
    out.push(match r.exchange {
        ExchangeConsent::Admin => Finding::info(profile_field, Message::new("proof.exchange.admin")),
        // The documented profile relies on this very consent; least privilege wanted the admin's.
        ExchangeConsent::MailboxUser => Finding {
            field: profile_field,
            severity: if profile == PermissionProfile::LeastPrivilege { Severity::Warning } else { Severity::Info },
            message: Message::new("proof.exchange.mailbox_user").with("upn", upn),
        },
        ExchangeConsent::OtherUsers(n) => Finding::warning(
            Field::OauthLoginId,
            Message::new("proof.exchange.other_users").with("count", n.to_string()).with("upn", upn),
        ),
        ExchangeConsent::None => Finding::error(profile_field, Message::new("proof.exchange.none")),
    });
    if r.graph_smtp_send {
        let key = if covered { "proof.graph_smtp_send.unused" } else { "proof.graph_smtp_send.only" };
        let severity = if covered { Severity::Warning } else { Severity::Error };
        out.push(Finding { field: profile_field, severity, message: Message::new(key) });
    }
    if r.exchange == ExchangeConsent::Admin && !r.offline_access {
        out.push(Finding::warning(profile_field, Message::new("proof.offline_access.missing")));
    }
    for resource in &r.mail_send_roles {
        out.push(Finding::warning(profile_field, Message::new("proof.app_role.mail_send").with("resource", *resource)));
    }
    out
}

pub(super) fn answer<'a>(ops: &[Operation], answers: &'a [Answer], id: &str) -> Option<&'a Answer> {
    ops.iter().position(|o| o.id == id).and_then(|i| answers.get(i))
}

/// A read that did not answer as hoped: what it means, on `field`.
fn unread(a: Option<&Answer>, field: Field) -> Vec<Finding> {
    let none = Answer::new(0, "");
    let a = a.unwrap_or(&none);
    let mut out = Vec::new();
    if a.status == 403 {
        out.push(Finding::error(field, Message::new("proof.forbidden")));
    }
    out.push(failure(a, field, Severity::Error));
    out
}

/// Parses a successful answer, or says why it cannot be used.
pub(super) fn parsed<T>(
    a: Option<&Answer>,
    field: Field,
    parse: impl FnOnce(&str) -> Result<T, parse::ParseError>,
) -> Result<T, Vec<Finding>> {
    match a {
        Some(a) if a.is_success() => parse(&a.body).map_err(|e| vec![Finding::error(field, e.message())]),
        other => Err(unread(other, field)),
    }
}

/// The answers to `consent_proof`'s operations (in their order) as findings.
pub fn interpret(setup: &Setup, ops: &[Operation], answers: &[Answer]) -> Vec<Finding> {
    let get = |id| answer(ops, answers, id);
    let client_field = Field::AzureClientId;
    if get(APP_OP).is_some_and(|a| a.status == 404) {
        let m = Message::new("proof.app.not_found").with("client_id", setup.azure.client_id.trim());
        return vec![Finding::error(client_field, m)];
    }
    let mut out = Vec::new();
    let results = (
        parsed(get(APP_OP), client_field, parse::service_principal),
        parsed(get(GRANTS_OP), client_field, parse::oauth2_permission_grants),
        parsed(get(ROLES_OP), client_field, parse::app_role_assignments),
        parsed(get(EXCHANGE_OP), Field::AzurePermissionProfile, parse::service_principal),
        parsed(get(GRAPH_OP), Field::AzurePermissionProfile, parse::service_principal),
    );
    let (Ok(_), Ok(grants), Ok(roles), Ok(exchange), Ok(graph)) = results else {
        let (a, g, r, e, h) = results;
        for problems in [a.err(), g.err(), r.err(), e.err(), h.err()].into_iter().flatten() {
            out.extend(problems);
        }
        return out;
    };
    let upn_field = Field::MailboxUserPrincipalName;
    let upn = setup.mailbox.user_principal_name.trim();
    let user_id = match get(USER_OP) {
        None => {
            out.push(Finding::info(upn_field, Message::new("proof.user.not_checked")));
            None
        }
        Some(a) if a.status == 404 => {
            out.push(Finding::warning(upn_field, Message::new("proof.user.not_found").with("upn", upn)));
            None
        }
        a => match parsed(a, upn_field, parse::user) {
            Ok(u) => Some(u.id),
            Err(problems) => {
                out.extend(problems);
                None
            }
        },
    };
    let r = recorded(&grants, &roles, &exchange, &graph, user_id.as_deref());
    let mut found = findings(&r, setup.azure.permission_profile, upn);
    found.append(&mut out);
    found
}

/// The same check by hand, in the Entra admin center: where to look and what to look for.
pub fn manual_steps(setup: &Setup) -> Vec<Instruction> {
    let open = Instruction::new("proof.manual.open").copy_typed("proof.manual.client_id", &setup.azure.client_id);
    let user = Instruction::new("proof.manual.user_consent")
        .copy_typed("proof.manual.upn", &setup.mailbox.user_principal_name);
    vec![
        open,
        Instruction::new("proof.manual.admin_consent"),
        user,
        Instruction::new("proof.manual.graph"),
        Instruction::new("proof.manual.app_role"),
    ]
}

#[cfg(test)]
#[path = "consent_proof_tests.rs"]
mod tests;
