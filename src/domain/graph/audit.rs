//! Day two: start from a setup that already exists. One `$batch` reads the app registration
//! (redirect URIs of both platforms, implicit settings, declared permissions, secrets), its
//! service principal ("Assignment required?", enabled), what it was granted and holds, who is
//! assigned to it, the user who signs in at [Generate Token] and the two resource principals.
//! `read` turns the answers into `Audited`; `audit_rules::findings` says what drifted and
//! `audit_fill` what the wizard can take from it.
//!
//! Given only the display name, one lookup by name comes first (a batch cannot pass the
//! client id it finds on to its other requests).

use super::answer::Answer;
use super::checks::user_path;
use super::consent_proof::{answer, parsed, read as proof_read, resource};
use super::op::{odata_string, percent_encode, Kind, Operation};
use super::parse::{self, AppRoleAssignment, Application, OAuth2PermissionGrant, ServicePrincipal};
use super::scopes::DelegatedScope;
use crate::domain::email::EmailAddress;
use crate::domain::field::Field;
use crate::domain::finding::{Finding, Message};
use crate::domain::guid::ClientId;
use crate::domain::model::Setup;
use crate::domain::profile::{EXCHANGE_ONLINE_APP_ID, MICROSOFT_GRAPH_APP_ID};

pub const AUDIT_BATCH: &str = "audit";
pub const FIND_OP: &str = "audit.find_by_name";
pub const ORG_OP: &str = "audit.organization";
pub const APP_OP: &str = "audit.app";
pub const SP_OP: &str = "audit.principal";
pub const GRANTS_OP: &str = "audit.grants";
pub const ROLES_OP: &str = "audit.app_roles";
pub const ASSIGNED_OP: &str = "audit.assigned_to";
pub const USER_OP: &str = "audit.sign_in_user";
pub const EXCHANGE_OP: &str = "audit.exchange";
pub const GRAPH_OP: &str = "audit.graph";

const APP_SELECT: &str = "$select=id,appId,displayName,web,spa,requiredResourceAccess,passwordCredentials";
const SP_SELECT: &str = "$select=id,appId,displayName,accountEnabled,appRoleAssignmentRequired";

/// How the audit starts: the batch at once (client id known), or the lookup by name first.
#[derive(Clone, Debug, PartialEq)]
pub enum Start {
    Batch(Vec<Operation>),
    FindByName(Operation),
}

/// The account that signs in at [Generate Token]: Webex Connect's "Login ID for generating
/// token" when set (shared mailboxes), else the mailbox's user principal name.
pub fn sign_in_account(setup: &Setup) -> Option<EmailAddress> {
    let login = setup.oauth.login_id.trim();
    let raw = if login.is_empty() { setup.mailbox.user_principal_name.trim() } else { login };
    EmailAddress::parse(raw).ok()
}

/// The client id when it is valid; else the display name's lookup. Nothing is sent without
/// either: the error says so next to the client id.
pub fn start(setup: &Setup) -> Result<Start, Finding> {
    let raw = setup.azure.client_id.trim();
    if !raw.is_empty() {
        let client = ClientId::parse(raw).map_err(|p| Finding::error(Field::AzureClientId, p.message()))?;
        return Ok(Start::Batch(reads(&client.to_string(), sign_in_account(setup).as_ref())));
    }
    let name = setup.azure.app_display_name.trim();
    if name.is_empty() {
        return Err(Finding::error(Field::AzureClientId, Message::new("audit.target_required")));
    }
    let filter = percent_encode(&format!("displayName eq '{}'", name.replace('\'', "''")));
    let url = format!("/applications?$filter={filter}&$select=id,appId,displayName");
    let purpose = Message::new("audit.op.find_by_name").with("name", name);
    let mut op = proof_read(FIND_OP, purpose, Kind::Probe, url, DelegatedScope::ApplicationReadAll);
    op.batch = None;
    Ok(Start::FindByName(op))
}

/// The client id the lookup by name found: exactly one registration has the name.
pub fn found_by_name(name: &str, answer: &Answer) -> Result<String, Vec<Finding>> {
    let field = Field::AzureAppDisplayName;
    let apps = parsed(Some(answer), field, parse::applications)?;
    match apps.as_slice() {
        [one] => Ok(one.app_id.clone()),
        [] => Err(vec![Finding::error(field, Message::new("audit.name_not_found").with("name", name.trim()))]),
        many => {
            let ids: Vec<&str> = many.iter().map(|a| a.app_id.as_str()).collect();
            let m = Message::new("audit.name_ambiguous").with("name", name.trim()).with("client_ids", ids.join(", "));
            Err(vec![Finding::error(field, m.with("count", many.len().to_string()))])
        }
    }
}

/// The batch: tenant, registration, principal, its grants, the app roles it holds, who is
/// assigned to it, the sign-in user (when known) and the two resource principals.
pub fn reads(client_id: &str, user: Option<&EmailAddress>) -> Vec<Operation> {
    let key = odata_string(&client_id.to_lowercase());
    let sp = format!("/servicePrincipals(appId={key})");
    let (apps, directory) = (DelegatedScope::ApplicationReadAll, DelegatedScope::DirectoryReadAll);
    let op =
        |id, purpose: &'static str, kind, url: String, scope| proof_read(id, Message::new(purpose), kind, url, scope);
    let mut ops = vec![
        op(ORG_OP, "audit.op.organization", Kind::Read, "/organization?$select=id".into(), DelegatedScope::UserRead),
        op(APP_OP, "audit.op.app", Kind::Probe, format!("/applications(appId={key})?{APP_SELECT}"), apps),
        op(SP_OP, "audit.op.principal", Kind::Probe, format!("{sp}?{SP_SELECT}"), apps),
        op(GRANTS_OP, "audit.op.grants", Kind::Probe, format!("{sp}/oauth2PermissionGrants"), directory),
        op(ROLES_OP, "audit.op.app_roles", Kind::Probe, format!("{sp}/appRoleAssignments"), apps),
        op(ASSIGNED_OP, "audit.op.assigned_to", Kind::Probe, format!("{sp}/appRoleAssignedTo"), apps),
    ];
    if let Some(user) = user {
        let url = format!("{}?$select=id,userPrincipalName", user_path(user.as_str()));
        let purpose = Message::new("audit.op.sign_in_user").with("upn", user.as_str());
        ops.push(proof_read(USER_OP, purpose, Kind::Probe, url, DelegatedScope::UserReadAll));
    }
    ops.extend([resource(EXCHANGE_OP, EXCHANGE_ONLINE_APP_ID), resource(GRAPH_OP, MICROSOFT_GRAPH_APP_ID)]);
    // consent_proof's reads are built for step 5's own batch; day two sends them as one audit.
    for o in &mut ops {
        o.batch = Some(AUDIT_BATCH);
    }
    ops
}

/// The account that signs in at [Generate Token], as the tenant knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignInUser {
    /// No valid user principal name (or Login ID) in the wizard.
    NotChecked,
    NotFound {
        upn: String,
    },
    Found {
        upn: String,
        id: String,
    },
}

impl SignInUser {
    pub fn id(&self) -> Option<&str> {
        match self {
            SignInUser::Found { id, .. } => Some(id),
            _ => None,
        }
    }

    pub fn upn(&self) -> &str {
        match self {
            SignInUser::Found { upn, .. } | SignInUser::NotFound { upn } => upn,
            SignInUser::NotChecked => "",
        }
    }
}

/// What the batch found. Nothing secret: Graph never lists a secret's value.
#[derive(Clone, Debug, PartialEq)]
pub struct Audited {
    pub tenant_id: Option<String>,
    pub app: Application,
    /// `None`: the registration has no service principal ([Enterprise applications]) here.
    pub principal: Option<ServicePrincipal>,
    pub grants: Vec<OAuth2PermissionGrant>,
    /// Application permissions the app holds.
    pub app_roles: Vec<AppRoleAssignment>,
    /// Users, groups and apps assigned to the app.
    pub assigned_to: Vec<AppRoleAssignment>,
    pub user: SignInUser,
    pub exchange: ServicePrincipal,
    pub graph: ServicePrincipal,
}

/// The batch's answers (in `reads`' order) as `Audited`, or why they cannot be used.
pub fn read(setup: &Setup, ops: &[Operation], answers: &[Answer]) -> Result<Audited, Vec<Finding>> {
    let get = |id| answer(ops, answers, id);
    let (client, profile) = (Field::AzureClientId, Field::AzurePermissionProfile);
    if get(APP_OP).is_some_and(|a| a.status == 404) {
        let m = Message::new("audit.app.not_found").with("client_id", setup.azure.client_id.trim());
        return Err(vec![Finding::error(client, m)]);
    }
    let missing_sp = get(SP_OP).is_some_and(|a| a.status == 404);
    let results = (
        parsed(get(APP_OP), client, parse::application),
        if missing_sp { Ok(None) } else { parsed(get(SP_OP), client, parse::service_principal).map(Some) },
        if missing_sp { Ok(Vec::new()) } else { parsed(get(GRANTS_OP), client, parse::oauth2_permission_grants) },
        if missing_sp { Ok(Vec::new()) } else { parsed(get(ROLES_OP), client, parse::app_role_assignments) },
        if missing_sp { Ok(Vec::new()) } else { parsed(get(ASSIGNED_OP), client, parse::app_role_assignments) },
        parsed(get(EXCHANGE_OP), profile, parse::service_principal),
        parsed(get(GRAPH_OP), profile, parse::service_principal),
    );
    let (Ok(app), Ok(principal), Ok(grants), Ok(app_roles), Ok(assigned_to), Ok(exchange), Ok(graph)) = results else {
        let (a, p, g, r, t, e, h) = results;
        let errors = [a.err(), p.err(), g.err(), r.err(), t.err(), e.err(), h.err()];
        return Err(errors.into_iter().flatten().flatten().collect());
    };
    // The tenant id only fills the wizard: a failed read is not worth stopping for.
    let tenant_id = get(ORG_OP)
        .filter(|a| a.is_success())
        .and_then(|a| parse::organizations(&a.body).ok())
        .and_then(|orgs| orgs.into_iter().next())
        .map(|o| o.id);
    let upn = sign_in_account(setup).map(|u| u.as_str().to_string());
    let user = match (upn, get(USER_OP)) {
        (Some(upn), Some(a)) if a.status == 404 => SignInUser::NotFound { upn },
        (Some(upn), Some(a)) => match parsed(Some(a), Field::MailboxUserPrincipalName, parse::user) {
            Ok(u) => SignInUser::Found { upn, id: u.id },
            Err(problems) => return Err(problems),
        },
        _ => SignInUser::NotChecked,
    };
    Ok(Audited { tenant_id, app, principal, grants, app_roles, assigned_to, user, exchange, graph })
}

#[cfg(test)]
#[path = "audit_tests.rs"]
mod tests;
