//! The provisioning plan: from the setup, the permission profile and what the reads found so
//! far (`Observed`), the ordered Graph requests that bring the tenant to the wanted state.
//!
//! Pure and repeatable. Anything not read yet counts as missing, so the plan before any read
//! is the fresh-tenant plan (the dry run). The executor runs the reads at the head of the
//! plan, records what they found in `Observed`, plans again, and runs writes only from a plan
//! whose reads are all done; after writes it records their results and plans again. A plan
//! from the state a completed run left behind holds only reads.

use super::op::{Kind, Operation, Var};
use super::ops::{self, Id};
use super::parse::ServicePrincipal;
use super::parse::{AppRoleAssignment, Application, AuthorizationPolicy, OAuth2PermissionGrant, Organization};
use super::plan_app::{app_update, create_body};
use super::plan_consent;
use super::plan_secret::{self, SecretInput};
pub use super::plan_secret::{
    says_secret_kept, AddSecret, SecretLifetime, SECRET_DISPLAY_NAME, SECRET_KEPT, SECRET_KEPT_UNDATED,
};
use super::scopes::{minimal, DelegatedScope};
use crate::domain::field::Field;
use crate::domain::finding::{has_errors, Finding, Message};
use crate::domain::guid::TenantId;
use crate::domain::model::Setup;
use crate::domain::profile::{
    self, resource_name, ApiPermission, IdSource, PermissionKind, EXCHANGE_ONLINE_APP_ID, MICROSOFT_GRAPH_APP_ID,
};
use crate::domain::webex::CallbackUrl;

/// What a read found.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Lookup<T> {
    /// Not read yet (planned as if missing).
    #[default]
    Unknown,
    /// Read: not there (404 or an empty list).
    Missing,
    Found(T),
}

impl<T> Lookup<T> {
    pub fn found(&self) -> Option<&T> {
        match self {
            Lookup::Found(t) => Some(t),
            _ => None,
        }
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Lookup::Unknown)
    }
}

/// What the reads (and the writes' answers) found so far.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Observed {
    pub organization: Lookup<Organization>,
    pub authorization_policy: Lookup<AuthorizationPolicy>,
    pub exchange: Lookup<ServicePrincipal>,
    pub graph: Lookup<ServicePrincipal>,
    pub app_by_app_id: Lookup<Application>,
    pub app_by_unique_name: Lookup<Application>,
    pub apps_by_display_name: Lookup<Vec<Application>>,
    /// This app's service principal.
    pub service_principal: Lookup<ServicePrincipal>,
    /// App role assignments of this app's service principal.
    pub app_role_assignments: Lookup<Vec<AppRoleAssignment>>,
    /// Delegated grants whose client is this app's service principal.
    pub grants: Lookup<Vec<OAuth2PermissionGrant>>,
    /// `keyId` of the client secret the wizard holds in memory; a secret that is still
    /// listed (and not expired) is not added again.
    pub secret_key_id: Option<String>,
}

#[derive(Clone, Copy, Debug)]
pub struct PlanInput<'a> {
    pub setup: &'a Setup,
    pub now_unix_ms: i64,
    pub secret_lifetime: SecretLifetime,
    pub add_secret: AddSecret,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub operations: Vec<Operation>,
    pub findings: Vec<Finding>,
    /// The application's alternate key this plan creates or finds it by.
    pub unique_name: String,
}

impl Plan {
    pub fn writes(&self) -> impl Iterator<Item = &Operation> {
        self.operations.iter().filter(|o| o.kind == Kind::Write)
    }

    pub fn is_read_only(&self) -> bool {
        self.writes().next().is_none()
    }

    /// The leading reads and probes, before the first write: what the executor runs (and
    /// records in `Observed`) before planning again.
    pub fn leading_reads(&self) -> &[Operation] {
        let end = self.operations.iter().position(|o| o.kind == Kind::Write).unwrap_or(self.operations.len());
        &self.operations[..end]
    }

    /// Consecutive operations of one batch group, as the executor sends them.
    pub fn round_trips(&self) -> Vec<&[Operation]> {
        let mut out = Vec::new();
        let mut start = 0;
        for i in 1..=self.operations.len() {
            let ends = i == self.operations.len()
                || self.operations[i].batch.is_none()
                || self.operations[i].batch != self.operations[start].batch;
            if ends {
                out.push(&self.operations[start..i]);
                start = i;
            }
        }
        out
    }

    /// The delegated scopes the whole plan needs, smallest covering set.
    pub fn scopes(&self) -> Vec<DelegatedScope> {
        minimal(self.operations.iter().map(|o| o.scope))
    }
}

const UNIQUE_NAME_PREFIX: &str = "webex-connect-";
const UNIQUE_NAME_MAX: usize = 64;

/// The application's alternate key, from its display name: lower-case ASCII letters, digits
/// and `-`. A name with no ASCII letters (e.g. Japanese) gets a stable hash instead, so the
/// same name always finds the same registration.
pub fn unique_name(display_name: &str) -> String {
    let name = display_name.trim();
    let mut slug = String::new();
    for c in name.chars() {
        let c = if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' };
        if !(c == '-' && (slug.is_empty() || slug.ends_with('-'))) {
            slug.push(c);
        }
    }
    let slug = slug.trim_end_matches('-');
    let all_ascii = name.is_ascii();
    let mut out = String::from(UNIQUE_NAME_PREFIX);
    if all_ascii && !slug.is_empty() {
        out.push_str(slug);
    } else {
        // FNV-1a: tiny, stable across builds and platforms.
        let hash =
            name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
        if !slug.is_empty() {
            out.push_str(slug);
            out.push('-');
        }
        out.push_str(&format!("{hash:016x}"));
    }
    out.chars().take(UNIQUE_NAME_MAX).collect::<String>().trim_end_matches('-').to_string()
}

/// A permission's id on its resource, by value, checked against DOMAIN.md's id.
fn resolve(p: &ApiPermission, sp: &Lookup<ServicePrincipal>, findings: &mut Vec<Finding>) -> Id {
    let Some(sp) = sp.found() else { return Id::Later(Var::Permission(p.value)) };
    let found = match p.kind {
        PermissionKind::Application => sp.app_role(p.value).map(|r| r.id.clone()),
        PermissionKind::Delegated => sp.scope(p.value).map(|s| s.id.clone()),
    };
    let field = Field::AzurePermissionProfile;
    match found {
        Some(id) => {
            if !id.eq_ignore_ascii_case(p.id) {
                let m = Message::new("graph.permission.id_differs")
                    .with("permission", p.value)
                    .with("resource", p.resource_name)
                    .with("expected", p.id)
                    .with("found", id.clone());
                // An id only community listings give is no reason to warn: a note will do.
                findings.push(match p.id_source {
                    IdSource::Documented => Finding::warning(field, m),
                    IdSource::Unverified => {
                        Finding::info(field, Message { key: "graph.permission.id_unverified", ..m })
                    }
                });
            }
            Id::Known(id)
        }
        None => {
            let m = Message::new("graph.permission.not_found").with("permission", p.value);
            findings.push(Finding::error(field, m.with("resource", p.resource_name)));
            Id::Later(Var::Permission(p.value))
        }
    }
}

/// A resource principal's object id: known once read, else the value its read captures.
pub(super) fn resource_id(o: &Observed, app_id: &str) -> Id {
    let (sp, var) =
        if app_id == EXCHANGE_ONLINE_APP_ID { (&o.exchange, Var::ExchangeSpId) } else { (&o.graph, Var::GraphSpId) };
    match sp.found() {
        Some(sp) => Id::Known(sp.id.clone()),
        None => Id::Later(var),
    }
}

/// Ids a retired permission may carry in a registration: the one the resource lists for its
/// value, and the documented one.
fn retired_ids(o: &Observed) -> impl Fn(&ApiPermission) -> Vec<String> + '_ {
    move |p| {
        let sp = if p.resource_app_id == EXCHANGE_ONLINE_APP_ID { &o.exchange } else { &o.graph };
        let mut ids = vec![p.id.to_string()];
        let listed = sp.found().and_then(|sp| match p.kind {
            PermissionKind::Application => sp.app_role(p.value).map(|r| r.id.clone()),
            PermissionKind::Delegated => sp.scope(p.value).map(|s| s.id.clone()),
        });
        ids.extend(listed.filter(|id| !id.eq_ignore_ascii_case(p.id)));
        ids
    }
}

/// The registration to use: the one the admin named by client id, else ours (by alternate
/// key), else a single one with the same display name (registered by hand, as the seed
/// does). Several with that name: the admin must pick one by client id.
fn existing_app<'o>(
    o: &'o Observed,
    name: &str,
    client_id: &str,
    findings: &mut Vec<Finding>,
) -> Option<&'o Application> {
    if let Some(app) = o.app_by_app_id.found() {
        return Some(app);
    }
    if o.app_by_app_id == Lookup::Missing {
        let m = Message::new("graph.app.client_id_not_found").with("client_id", client_id);
        findings.push(Finding::warning(Field::AzureClientId, m));
    }
    if let Some(app) = o.app_by_unique_name.found() {
        return Some(app);
    }
    match o.apps_by_display_name.found().map(Vec::as_slice) {
        Some([one]) => {
            let m = Message::new("graph.app.found_by_display_name")
                .with("name", name)
                .with("client_id", one.app_id.clone());
            findings.push(Finding::info(Field::AzureAppDisplayName, m));
            Some(one)
        }
        Some(many) if many.len() > 1 => {
            let m = Message::new("graph.app.ambiguous").with("name", name).with("count", many.len().to_string());
            findings.push(Finding::error(Field::AzureAppDisplayName, m));
            None
        }
        _ => None,
    }
}

pub fn plan(input: &PlanInput, observed: &Observed) -> Plan {
    let setup = input.setup;
    let profile = setup.azure.permission_profile;
    let perms = profile::permissions(profile);
    let name = setup.azure.app_display_name.trim();
    let client_id = setup.azure.client_id.trim();
    let unique = unique_name(name);
    let mut findings = Vec::new();
    let mut reads = vec![ops::read_organization(), ops::read_authorization_policy()];

    if let Some(org) = observed.organization.found() {
        let configured = TenantId::parse(&setup.azure.tenant_id).ok().and_then(|t| t.guid()).map(|g| g.to_string());
        if let Some(configured) = configured.filter(|c| !c.eq_ignore_ascii_case(&org.id)) {
            let m =
                Message::new("graph.tenant.differs").with("signed_in", org.id.clone()).with("configured", configured);
            findings.push(Finding::warning(Field::AzureTenantId, m));
        }
    }
    if let Some(policy) = observed.authorization_policy.found() {
        findings
            .push(Finding::info(Field::AzurePermissionProfile, policy.user_consent().generate_token_impact(profile)));
    }

    // Resource principals: their ids and the profile's permission ids, by value.
    let wanted = |app_id: &str| {
        perms
            .iter()
            .filter(|p| p.resource_app_id == app_id)
            .map(|p| (p.value, p.kind == PermissionKind::Application))
            .collect::<Vec<_>>()
    };
    reads.push(ops::read_resource(
        "resource.exchange",
        Message::new("graph.op.resource.exchange"),
        EXCHANGE_ONLINE_APP_ID,
        Var::ExchangeSpId,
        &wanted(EXCHANGE_ONLINE_APP_ID),
    ));
    reads.push(ops::read_resource(
        "resource.graph",
        Message::new("graph.op.resource.graph"),
        MICROSOFT_GRAPH_APP_ID,
        Var::GraphSpId,
        &wanted(MICROSOFT_GRAPH_APP_ID),
    ));
    let resource_sp =
        |app_id: &str| if app_id == EXCHANGE_ONLINE_APP_ID { &observed.exchange } else { &observed.graph };
    for app_id in [EXCHANGE_ONLINE_APP_ID, MICROSOFT_GRAPH_APP_ID] {
        if resource_sp(app_id) == &Lookup::Missing && perms.iter().any(|p| p.resource_app_id == app_id) {
            let m =
                Message::new("graph.resource.missing").with("resource", resource_name(app_id)).with("app_id", app_id);
            findings.push(Finding::error(Field::AzurePermissionProfile, m));
        }
    }
    let perm_ids: Vec<(ApiPermission, Id)> =
        perms.iter().map(|p| (*p, resolve(p, resource_sp(p.resource_app_id), &mut findings))).collect();

    // The registration: by the client id the admin typed, by our key, or by display name.
    if !client_id.is_empty() && crate::domain::guid::ClientId::parse(client_id).is_ok() {
        reads.push(ops::find_app_by_app_id(&client_id.to_lowercase()));
    }
    if !name.is_empty() {
        reads.push(ops::find_app_by_unique_name(&unique));
        reads.push(ops::find_apps_by_display_name(name));
    }
    let existing = existing_app(observed, name, client_id, &mut findings);

    let callback = CallbackUrl::parse(&setup.webex_connect.callback_url).ok();
    if callback.is_none() {
        findings.push(Finding::error(Field::WebexCallbackUrl, Message::new("graph.plan.callback_required")));
    }
    if name.is_empty() {
        findings.push(Finding::error(Field::AzureAppDisplayName, Message::new("graph.plan.display_name_required")));
    }
    let implicit = profile::implicit_access_tokens(profile);
    let mut writes = Vec::new();

    let (app_object, app_id) = match (existing, &callback) {
        (Some(app), _) => {
            let retired: Vec<(ApiPermission, Vec<String>)> =
                profile::retired(profile).iter().map(|p| (*p, retired_ids(observed)(p))).collect();
            if let Some(update) = app_update(app, callback.as_ref(), implicit, &perm_ids, &retired) {
                writes.push(update);
            }
            (Id::Known(app.id.clone()), Id::Known(app.app_id.clone()))
        }
        (None, Some(cb)) => {
            writes.push(ops::upsert_app(&unique, name, create_body(name, cb.as_str(), implicit, &perm_ids)));
            (Id::Later(Var::AppObjectId), Id::Later(Var::AppId))
        }
        (None, None) => (Id::Later(Var::AppObjectId), Id::Later(Var::AppId)),
    };

    // The secret: a new one only when needed or asked for.
    let secret = SecretInput {
        existing,
        held: observed.secret_key_id.as_deref(),
        add: input.add_secret,
        now_unix_ms: input.now_unix_ms,
        lifetime: input.secret_lifetime,
    };
    writes.extend(plan_secret::secret(&secret, &app_object, &mut findings));

    // This app's service principal: looked for only if the registration already existed.
    let sp = match (existing, &app_id) {
        (Some(_), Id::Known(app_id)) => {
            reads.push(ops::find_service_principal(app_id));
            observed.service_principal.found().map(|sp| Id::Known(sp.id.clone()))
        }
        _ => None,
    };
    let sp = match sp {
        Some(sp) => sp,
        None => {
            writes.push(ops::create_service_principal(&app_id, name));
            Id::Later(Var::ServicePrincipalId)
        }
    };

    let consent = plan_consent::consent(&sp, &perm_ids, profile::retired(profile), observed);
    findings.extend(consent.findings);
    writes.extend(consent.writes);

    reads.extend(consent.reads);
    let mut operations = reads;
    // Writes wait until nothing blocks them; the reads still run, to explain why.
    if !has_errors(&findings) {
        operations.extend(writes);
    }
    Plan { operations, findings, unique_name: unique }
}
