//! The consent half of the plan: app roles one assignment each, delegated scopes one
//! tenant-wide grant per resource. A grant the tenant already has keeps the scopes the admin
//! gave it; it gains the ones the profile wants and loses only those the profile retired
//! (`SMTP.Send` on Microsoft Graph, which older versions of this app granted).

use super::op::Operation;
use super::ops::{self, Id};
use super::parse::OAuth2PermissionGrant;
use super::plan::{resource_id, Observed};
use crate::domain::field::Field;
use crate::domain::finding::{Finding, Message};
use crate::domain::profile::{resource_name, resources, ApiPermission, PermissionKind};

fn is_id(id: &Id, s: &str) -> bool {
    matches!(id, Id::Known(k) if k.eq_ignore_ascii_case(s))
}

/// What the consent needs: reads (of what exists, once the app's principal is known), writes,
/// and notes for the review.
#[derive(Default)]
pub(super) struct ConsentPlan {
    pub reads: Vec<Operation>,
    pub writes: Vec<Operation>,
    pub findings: Vec<Finding>,
}

/// `sp`: this app's service principal; `perm_ids`: the profile's permissions with their ids;
/// `retired`: what the profile no longer wants.
pub(super) fn consent(
    sp: &Id,
    perm_ids: &[(ApiPermission, Id)],
    retired: &[ApiPermission],
    o: &Observed,
) -> ConsentPlan {
    let mut out = ConsentPlan::default();
    app_roles(sp, perm_ids, o, &mut out);
    delegated(sp, perm_ids, retired, o, &mut out);
    out
}

fn app_roles(sp: &Id, perm_ids: &[(ApiPermission, Id)], o: &Observed, out: &mut ConsentPlan) {
    let roles: Vec<&(ApiPermission, Id)> =
        perm_ids.iter().filter(|(p, _)| p.kind == PermissionKind::Application).collect();
    if let (Id::Known(_), false) = (sp, roles.is_empty()) {
        out.reads.push(ops::read_app_role_assignments(sp));
    }
    for (p, role) in roles {
        let resource = resource_id(o, p.resource_app_id);
        let present = match (sp, o.app_role_assignments.found()) {
            (Id::Known(_), Some(list)) => {
                list.iter().any(|a| is_id(role, &a.app_role_id) && is_id(&resource, &a.resource_id))
            }
            _ => false,
        };
        if !present {
            out.writes.push(ops::assign_app_role(sp, &resource, role, p.value, p.resource_name));
        }
    }
}

/// A grant's scopes in its own order, each once.
fn scope_list(grant: &OAuth2PermissionGrant) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in grant.scope.as_deref().unwrap_or("").split_whitespace() {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(s)) {
            out.push(s.to_string());
        }
    }
    out
}

fn delegated(
    sp: &Id,
    perm_ids: &[(ApiPermission, Id)],
    retired: &[ApiPermission],
    o: &Observed,
    out: &mut ConsentPlan,
) {
    let wanted: Vec<ApiPermission> =
        perm_ids.iter().map(|(p, _)| *p).filter(|p| p.kind == PermissionKind::Delegated).collect();
    let retired: Vec<ApiPermission> = retired.iter().copied().filter(|p| p.kind == PermissionKind::Delegated).collect();
    let mut all = wanted.clone();
    all.extend(retired.iter().copied());
    let apps = resources(&all);
    if let (Id::Known(_), false) = (sp, apps.is_empty()) {
        out.reads.push(ops::read_grants(sp));
    }
    for app in apps {
        let values = |list: &[ApiPermission]| -> Vec<&'static str> {
            list.iter().filter(|p| p.resource_app_id == app).map(|p| p.value).collect()
        };
        let (want, drop) = (values(&wanted), values(&retired));
        let resource = resource_id(o, app);
        let existing = match (sp, &resource, o.grants.found()) {
            (Id::Known(_), Id::Known(res), Some(list)) => {
                list.iter().find(|g| g.consent_type == "AllPrincipals" && g.resource_id.eq_ignore_ascii_case(res))
            }
            _ => None,
        };
        let Some(grant) = existing else {
            if !want.is_empty() {
                out.writes.push(ops::create_grant(sp, &resource, &want.join(" "), &drop.join(" "), app));
            }
            continue;
        };
        let current = scope_list(grant);
        let has = |list: &[&str], s: &str| list.iter().any(|w| w.eq_ignore_ascii_case(s));
        let removed: Vec<&str> = current.iter().map(String::as_str).filter(|s| has(&drop, s)).collect();
        let mut next: Vec<&str> = current.iter().map(String::as_str).filter(|s| !has(&drop, s)).collect();
        let added: Vec<&str> = want.iter().copied().filter(|w| !has(&next, w)).collect();
        next.extend(&added);
        let kept: Vec<&str> = next.iter().copied().filter(|s| !has(&want, s)).collect();
        if !kept.is_empty() {
            let m = Message::new("graph.grant.other_scopes_kept")
                .with("resource", resource_name(app))
                .with("scopes", kept.join(" "));
            out.findings.push(Finding::info(Field::AzurePermissionProfile, m));
        }
        // A grant left with nothing would need a DELETE, which this plan never sends.
        if (removed.is_empty() && added.is_empty()) || next.is_empty() {
            continue;
        }
        let old = current.join(" ");
        out.writes.push(ops::update_grant(&grant.id, &next.join(" "), &old, app, &removed.join(" ")));
    }
}
