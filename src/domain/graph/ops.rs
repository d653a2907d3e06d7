//! The Graph requests of the plan, one constructor each (DOMAIN.md section 4; paths and
//! bodies as in ../shared/graph-openapi/OPERATIONS.md).

use super::op::{
    odata_string, percent_encode, Capture, Find, Json, Kind, Method, Operation, Part, Pick, Rerun, Template, Var,
};
use super::scopes::DelegatedScope;
use crate::domain::finding::Message;
use crate::domain::profile::{resource_name, EXCHANGE_ONLINE_APP_ID};

/// A value known now (literal) or captured from an earlier answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Id {
    Known(String),
    Later(Var),
}

impl Id {
    fn json(&self) -> Json {
        match self {
            Id::Known(s) => Json::str(s.clone()),
            Id::Later(v) => Json::Var(*v),
        }
    }

    fn url(&self, t: Template) -> Template {
        match self {
            Id::Known(s) => t.lit(percent_encode(s)),
            Id::Later(v) => t.var(*v),
        }
    }

    /// An OData key literal in a URL: `(appId='...')`.
    fn url_quoted(&self, t: Template) -> Template {
        match self {
            Id::Known(s) => t.lit(odata_string(s)),
            Id::Later(v) => t.lit("%27").var(*v).lit("%27"),
        }
    }

    fn part(&self) -> Part {
        match self {
            Id::Known(s) => Part::Lit(s.clone()),
            Id::Later(v) => Part::Var(*v),
        }
    }
}

const APP_SELECT: &str = "$select=id,appId,displayName,uniqueName,web,passwordCredentials,requiredResourceAccess";
pub(super) const SP_SELECT: &str = "$select=id,appId,displayName,appRoles,oauth2PermissionScopes";

pub(super) fn op(
    id: &'static str,
    purpose: Message,
    kind: Kind,
    method: Method,
    url: Template,
    scope: DelegatedScope,
) -> Operation {
    Operation {
        id,
        purpose,
        kind,
        method,
        url,
        headers: Vec::new(),
        body: None,
        scope,
        batch: None,
        captures: Vec::new(),
        rerun: None,
    }
}

fn capture(var: Var, pick: Pick) -> Capture {
    Capture { var, pick }
}

pub const TENANT_BATCH: &str = "tenant";
pub const LOOKUP_BATCH: &str = "lookup";
pub const CONSENT_BATCH: &str = "consent";

pub fn read_organization() -> Operation {
    let mut o = op(
        "tenant.organization",
        Message::new("graph.op.tenant.organization"),
        Kind::Read,
        Method::Get,
        Template::url("/organization?$select=id,displayName"),
        DelegatedScope::UserRead,
    );
    o.batch = Some(TENANT_BATCH);
    o.captures.push(capture(Var::TenantId, Pick::FirstOf("id")));
    o
}

pub fn read_authorization_policy() -> Operation {
    let mut o = op(
        "tenant.authorization_policy",
        Message::new("graph.op.tenant.authorization_policy"),
        Kind::Read,
        Method::Get,
        Template::url("/policies/authorizationPolicy"),
        DelegatedScope::PolicyReadAll,
    );
    o.batch = Some(TENANT_BATCH);
    o
}

/// `GET /servicePrincipals(appId='...')` of a Microsoft resource, capturing its id and the
/// ids of the permissions the profile needs, by value.
pub fn read_resource(
    id: &'static str,
    purpose: Message,
    resource_app_id: &str,
    sp_var: Var,
    permissions: &[(&'static str, bool)],
) -> Operation {
    let url = format!("/servicePrincipals(appId={})?{SP_SELECT}", odata_string(resource_app_id));
    let mut o = op(id, purpose, Kind::Read, Method::Get, Template::url(url), DelegatedScope::ApplicationReadAll);
    o.batch = Some(LOOKUP_BATCH);
    o.captures.push(capture(sp_var, Pick::Field("id")));
    for (value, is_role) in permissions {
        let pick = if *is_role { Pick::AppRole(value) } else { Pick::Scope(value) };
        o.captures.push(capture(Var::Permission(value), pick));
    }
    o
}

fn app_captures(o: &mut Operation) {
    o.captures.push(capture(Var::AppObjectId, Pick::Field("id")));
    o.captures.push(capture(Var::AppId, Pick::Field("appId")));
}

/// One of the three ways an existing registration is looked for: a batched read that may
/// find nothing.
fn app_lookup(id: &'static str, purpose: Message, url: String) -> Operation {
    let mut o = op(id, purpose, Kind::Probe, Method::Get, Template::url(url), DelegatedScope::ApplicationReadAll);
    o.batch = Some(LOOKUP_BATCH);
    o
}

pub fn find_app_by_app_id(client_id: &str) -> Operation {
    let mut o = app_lookup(
        "app.find_by_app_id",
        Message::new("graph.op.app.find_by_app_id").with("client_id", client_id),
        format!("/applications(appId={})?{APP_SELECT}", odata_string(client_id)),
    );
    app_captures(&mut o);
    o
}

pub fn find_app_by_unique_name(unique_name: &str) -> Operation {
    let mut o = app_lookup(
        "app.find_by_unique_name",
        Message::new("graph.op.app.find_by_unique_name").with("unique_name", unique_name),
        format!("/applications(uniqueName={})?{APP_SELECT}", odata_string(unique_name)),
    );
    app_captures(&mut o);
    o
}

pub fn find_apps_by_display_name(name: &str) -> Operation {
    let filter = percent_encode(&format!("displayName eq '{}'", name.replace('\'', "''")));
    app_lookup(
        "app.find_by_display_name",
        Message::new("graph.op.app.find_by_display_name").with("name", name),
        format!("/applications?$filter={filter}&{APP_SELECT}"),
    )
}

/// Graph's upsert: creates the application under this alternate key, or updates the one that
/// has it, so a retried or repeated create never makes a second registration. Graph answers
/// 201 with the application when it created one, 204 without a body when it updated one.
pub fn upsert_app(unique_name: &str, display_name: &str, body: Json) -> Operation {
    let url = format!("/applications(uniqueName={})", odata_string(unique_name));
    let mut o = op(
        "app.create",
        Message::new("graph.op.app.create").with("name", display_name).with("unique_name", unique_name),
        Kind::Write,
        Method::Patch,
        Template::url(url),
        DelegatedScope::ApplicationReadWriteAll,
    );
    o.headers.push(("Prefer", "create-if-missing".into()));
    o.body = Some(body);
    app_captures(&mut o);
    o
}

pub fn update_app(object_id: &str, body: Json, purpose: Message) -> Operation {
    let mut o = op(
        "app.update",
        purpose,
        Kind::Write,
        Method::Patch,
        Template::url(format!("/applications/{}", percent_encode(object_id))),
        DelegatedScope::ApplicationReadWriteAll,
    );
    o.body = Some(body);
    o
}

/// The id of the `addPassword` write, in the provisioning plan and in a rotation alike.
pub const ADD_PASSWORD_OP: &str = "app.add_password";

/// `/applications/{id}/<action>`.
pub(super) fn app_action_url(app: &Id, action: &str) -> Template {
    app.url(Template::url("/applications/")).lit("/").lit(action)
}

pub fn add_password(app: &Id, display_name: &str, end_date_time: &str) -> Operation {
    let purpose = Message::new("graph.op.app.add_password").with("end_date_time", end_date_time);
    add_password_at(app_action_url(app, "addPassword"), purpose, display_name, end_date_time)
}

/// `addPassword` at `url`: the passwordCredential body and the captures of the secret's value
/// and end, shared by the provisioning plan and a rotation.
pub(super) fn add_password_at(url: Template, purpose: Message, display_name: &str, end_date_time: &str) -> Operation {
    let mut o = op(ADD_PASSWORD_OP, purpose, Kind::Write, Method::Post, url, DelegatedScope::ApplicationReadWriteAll);
    o.body = Some(Json::Object(vec![(
        "passwordCredential",
        Json::Object(vec![("displayName", Json::str(display_name)), ("endDateTime", Json::str(end_date_time))]),
    )]));
    o.captures.push(capture(Var::SecretText, Pick::Field("secretText")));
    o.captures.push(capture(Var::SecretEnd, Pick::Field("endDateTime")));
    o
}

pub fn find_service_principal(app_id: &str) -> Operation {
    let url = format!("/servicePrincipals(appId={})?$select=id,appId,displayName", odata_string(app_id));
    let mut o = op(
        "sp.find",
        Message::new("graph.op.sp.find"),
        Kind::Probe,
        Method::Get,
        Template::url(url),
        DelegatedScope::ApplicationReadAll,
    );
    o.captures.push(capture(Var::ServicePrincipalId, Pick::Field("id")));
    o
}

/// `POST /servicePrincipals`; the scripts send Graph's upsert by `appId` instead, so a second
/// run finds the principal the first one made.
pub fn create_service_principal(app_id: &Id, display_name: &str) -> Operation {
    let mut o = op(
        "sp.create",
        Message::new("graph.op.sp.create"),
        Kind::Write,
        Method::Post,
        Template::url("/servicePrincipals"),
        DelegatedScope::ApplicationReadWriteAll,
    );
    o.body = Some(Json::Object(vec![("appId", app_id.json())]));
    o.captures.push(capture(Var::ServicePrincipalId, Pick::Field("id")));
    o.rerun = Some(Box::new(Rerun::Upsert(upsert_service_principal(app_id, display_name))));
    o
}

/// `PATCH /servicePrincipals(appId='...')` with `Prefer: create-if-missing`: 201 with the
/// principal when Graph created it, 204 without a body when the app already had one. The body
/// is Microsoft's own example of this call: the display name, the one the principal gets anyway.
fn upsert_service_principal(app_id: &Id, display_name: &str) -> Operation {
    let mut o = op(
        "sp.create",
        Message::new("graph.op.sp.create"),
        Kind::Write,
        Method::Patch,
        app_id.url_quoted(Template::url("/servicePrincipals(appId=")).lit(")"),
        DelegatedScope::ApplicationReadWriteAll,
    );
    o.headers.push(("Prefer", "create-if-missing".into()));
    o.body = Some(Json::Object(vec![("displayName", Json::str(display_name))]));
    o.captures.push(capture(Var::ServicePrincipalId, Pick::Field("id")));
    o
}

pub fn read_app_role_assignments(sp: &Id) -> Operation {
    let mut o = op(
        "consent.read_app_roles",
        Message::new("graph.op.consent.read_app_roles"),
        Kind::Read,
        Method::Get,
        sp.url(Template::url("/servicePrincipals/")).lit("/appRoleAssignments"),
        DelegatedScope::ApplicationReadAll,
    );
    o.batch = Some(CONSENT_BATCH);
    o
}

pub fn read_grants(sp: &Id) -> Operation {
    let filter = Template::url(format!("/oauth2PermissionGrants?$filter={}", percent_encode("clientId eq ")));
    let mut o = op(
        "consent.read_grants",
        Message::new("graph.op.consent.read_grants"),
        Kind::Read,
        Method::Get,
        sp.url_quoted(filter),
        DelegatedScope::DelegatedPermissionGrantReadWriteAll,
    );
    o.batch = Some(CONSENT_BATCH);
    o
}

pub fn assign_app_role(sp: &Id, resource_sp: &Id, role: &Id, value: &'static str, resource: &str) -> Operation {
    let url = resource_sp.url(Template::url("/servicePrincipals/")).lit("/appRoleAssignedTo");
    let mut o = op(
        "consent.app_role",
        Message::new("graph.op.consent.app_role").with("permission", value).with("resource", resource),
        Kind::Write,
        Method::Post,
        url,
        DelegatedScope::AppRoleAssignmentReadWriteAll,
    );
    o.body = Some(Json::Object(vec![
        ("principalId", sp.json()),
        ("resourceId", resource_sp.json()),
        ("appRoleId", role.json()),
    ]));
    let key = vec![("appRoleId", role.part()), ("resourceId", resource_sp.part())];
    o.rerun = Some(Box::new(Rerun::Find(Find { read: read_app_role_assignments(sp), key })));
    o
}

/// Op ids of the tenant-wide grant on a resource (one grant per resource, so one id each:
/// the progress view follows operations by id).
pub fn grant_op_ids(resource_app_id: &str) -> (&'static str, &'static str) {
    if resource_app_id.eq_ignore_ascii_case(EXCHANGE_ONLINE_APP_ID) {
        ("consent.grant.exchange", "consent.update_grant.exchange")
    } else {
        ("consent.grant.graph", "consent.update_grant.graph")
    }
}

/// `retired`: the scopes a re-run of the exported script removes from a grant it finds (the
/// profile no longer wants them on this resource).
pub fn create_grant(sp: &Id, resource_sp: &Id, scope: &str, retired: &str, resource_app_id: &str) -> Operation {
    let mut o = op(
        grant_op_ids(resource_app_id).0,
        Message::new("graph.op.consent.grant").with("scope", scope).with("resource", resource_name(resource_app_id)),
        Kind::Write,
        Method::Post,
        Template::url("/oauth2PermissionGrants"),
        DelegatedScope::DelegatedPermissionGrantReadWriteAll,
    );
    o.body = Some(Json::Object(vec![
        ("clientId", sp.json()),
        ("consentType", Json::str("AllPrincipals")),
        ("resourceId", resource_sp.json()),
        ("scope", Json::str(scope)),
    ]));
    let key = vec![("consentType", Part::Lit("AllPrincipals".into())), ("resourceId", resource_sp.part())];
    let find = Find { read: read_grants(sp), key };
    o.rerun = Some(Box::new(Rerun::MergeScopes { find, add: scope.to_string(), drop: retired.to_string() }));
    o
}

/// PATCHes a grant's scope. `removed`: the scopes it takes away because the profile no longer
/// wants them there (empty for a grant that only gains scopes).
pub fn update_grant(grant_id: &str, scope: &str, old_scope: &str, resource_app_id: &str, removed: &str) -> Operation {
    let resource = resource_name(resource_app_id);
    let purpose = if removed.is_empty() {
        Message::new("graph.op.consent.update_grant")
    } else {
        Message::new("graph.op.consent.remove_scope").with("removed", removed)
    };
    let mut o = op(
        grant_op_ids(resource_app_id).1,
        purpose.with("scope", scope).with("old_scope", old_scope).with("resource", resource),
        Kind::Write,
        Method::Patch,
        Template::url(format!("/oauth2PermissionGrants/{}", percent_encode(grant_id))),
        DelegatedScope::DelegatedPermissionGrantReadWriteAll,
    );
    o.body = Some(Json::Object(vec![("scope", Json::str(scope))]));
    o
}
