//! The registration's wanted shape: the create body, and the PATCH that brings an existing
//! registration in line without dropping what the admin set there.

use super::op::{Json, Operation};
use super::ops::{self, Id};
use super::parse::{Application, ResourceAccess};
use crate::domain::finding::Message;
use crate::domain::profile::ApiPermission;
use crate::domain::webex::CallbackUrl;

fn is_id(id: &Id, s: &str) -> bool {
    matches!(id, Id::Known(k) if k.eq_ignore_ascii_case(s))
}

fn required_resource_access(perm_ids: &[(ApiPermission, Id)]) -> Json {
    let mut resources: Vec<&str> = perm_ids.iter().map(|(p, _)| p.resource_app_id).collect();
    resources.dedup();
    Json::Array(
        resources
            .into_iter()
            .map(|app| {
                let access = perm_ids
                    .iter()
                    .filter(|(p, _)| p.resource_app_id == app)
                    .map(|(p, id)| {
                        let id = match id {
                            Id::Known(s) => Json::str(s.clone()),
                            Id::Later(v) => Json::Var(*v),
                        };
                        Json::Object(vec![("id", id), ("type", Json::str(p.kind.graph_type()))])
                    })
                    .collect();
                Json::Object(vec![("resourceAppId", Json::str(app)), ("resourceAccess", Json::Array(access))])
            })
            .collect(),
    )
}

pub(super) fn create_body(name: &str, redirect_uri: &str, implicit: bool, perm_ids: &[(ApiPermission, Id)]) -> Json {
    Json::Object(vec![
        ("displayName", Json::str(name)),
        ("signInAudience", Json::str("AzureADMyOrg")),
        (
            "web",
            Json::Object(vec![
                ("redirectUris", Json::Array(vec![Json::str(redirect_uri)])),
                ("implicitGrantSettings", Json::Object(vec![("enableAccessTokenIssuance", Json::bool(implicit))])),
            ]),
        ),
        ("requiredResourceAccess", required_resource_access(perm_ids)),
    ])
}

/// The PATCH that brings an existing registration in line, or `None` when it already is.
/// `web` is sent whole (Graph replaces a complex property), keeping the other redirect URIs
/// and the ID-token setting as they are.
/// A permission the profile retired, with every id it may carry in a registration.
pub(super) type Retired = (ApiPermission, Vec<String>);

fn is_retired(retired: &[Retired], resource_app_id: &str, a: &ResourceAccess) -> bool {
    retired.iter().any(|(p, ids)| {
        p.resource_app_id.eq_ignore_ascii_case(resource_app_id)
            && a.kind == p.kind.graph_type()
            && ids.iter().any(|id| id.eq_ignore_ascii_case(&a.id))
    })
}

pub(super) fn app_update(
    app: &Application,
    callback: Option<&CallbackUrl>,
    implicit: bool,
    perm_ids: &[(ApiPermission, Id)],
    retired: &[Retired],
) -> Option<Operation> {
    let mut body = Vec::new();
    let mut changes = Vec::new();
    let uris = app.redirect_uris();
    let uri_missing = callback.is_some_and(|cb| !uris.iter().any(|u| u == cb.as_str()));
    if uri_missing || app.implicit_access_tokens() != implicit {
        let mut list: Vec<Json> = uris.iter().map(|u| Json::str(u.clone())).collect();
        if let (true, Some(cb)) = (uri_missing, callback) {
            list.push(Json::str(cb.as_str()));
            changes.push("redirect_uri");
        }
        if app.implicit_access_tokens() != implicit {
            changes.push("implicit");
        }
        let implicit_settings = Json::Object(vec![
            ("enableAccessTokenIssuance", Json::bool(implicit)),
            ("enableIdTokenIssuance", Json::bool(app.implicit_id_tokens())),
        ]);
        body.push((
            "web",
            Json::Object(vec![("redirectUris", Json::Array(list)), ("implicitGrantSettings", implicit_settings)]),
        ));
    }
    let declared = |p: &ApiPermission, id: &Id| {
        app.required_resource_access.iter().any(|r| {
            r.resource_app_id.eq_ignore_ascii_case(p.resource_app_id)
                && r.resource_access.iter().any(|a| is_id(id, &a.id) && a.kind == p.kind.graph_type())
        })
    };
    let removed: Vec<String> = retired
        .iter()
        .filter(|one| {
            let one = std::slice::from_ref(*one);
            app.required_resource_access
                .iter()
                .any(|r| r.resource_access.iter().any(|a| is_retired(one, &r.resource_app_id, a)))
        })
        .map(|(p, _)| format!("{} ({})", p.value, p.resource_name))
        .collect();
    if perm_ids.iter().any(|(p, id)| !declared(p, id)) || !removed.is_empty() {
        changes.push("permissions");
        body.push(("requiredResourceAccess", merged_access(app, perm_ids, retired)));
    }
    if body.is_empty() {
        return None;
    }
    let purpose = if removed.is_empty() {
        Message::new("graph.op.app.update")
    } else {
        Message::new("graph.op.app.update_removing").with("removed", removed.join(", "))
    };
    Some(ops::update_app(&app.id, Json::Object(body), purpose.with("changes", changes.join(", "))))
}

/// The registration's declared permissions without the retired ones, plus the profile's
/// (Graph replaces the list). A resource left with nothing is dropped.
fn merged_access(app: &Application, perm_ids: &[(ApiPermission, Id)], retired: &[Retired]) -> Json {
    let mut out: Vec<Json> = Vec::new();
    let mut handled: Vec<&str> = Vec::new();
    for r in &app.required_resource_access {
        let mut access: Vec<Json> = r
            .resource_access
            .iter()
            .filter(|a| !is_retired(retired, &r.resource_app_id, a))
            .map(|a| Json::Object(vec![("id", Json::str(a.id.clone())), ("type", Json::str(a.kind.clone()))]))
            .collect();
        for (p, id) in perm_ids.iter().filter(|(p, _)| p.resource_app_id.eq_ignore_ascii_case(&r.resource_app_id)) {
            let present = r.resource_access.iter().any(|a| is_id(id, &a.id) && a.kind == p.kind.graph_type());
            if !present {
                let id = match id {
                    Id::Known(s) => Json::str(s.clone()),
                    Id::Later(v) => Json::Var(*v),
                };
                access.push(Json::Object(vec![("id", id), ("type", Json::str(p.kind.graph_type()))]));
            }
        }
        handled.push(&r.resource_app_id);
        if access.is_empty() {
            continue;
        }
        out.push(Json::Object(vec![
            ("resourceAppId", Json::str(r.resource_app_id.clone())),
            ("resourceAccess", Json::Array(access)),
        ]));
    }
    let rest: Vec<(ApiPermission, Id)> = perm_ids
        .iter()
        .filter(|(p, _)| !handled.iter().any(|h| h.eq_ignore_ascii_case(p.resource_app_id)))
        .cloned()
        .collect();
    if let Json::Array(more) = required_resource_access(&rest) {
        out.extend(more);
    }
    Json::Array(out)
}
