//! The permission profiles as data, and the click-by-click Entra console steps for each.
//! Permission ids are from DOMAIN.md section 4: a cross-check only, since the authoritative
//! ids are read from the resource's service principal at run time.

use super::finding::Message;
use super::model::PermissionProfile;

pub const EXCHANGE_ONLINE_APP_ID: &str = "00000002-0000-0ff1-ce00-000000000000";
pub const MICROSOFT_GRAPH_APP_ID: &str = "00000003-0000-0000-c000-000000000000";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PermissionKind {
    /// Acts as the signed-in user (`type: "Scope"` in `requiredResourceAccess`).
    Delegated,
    /// Acts as the app itself, tenant-wide (`type: "Role"`).
    Application,
}

impl PermissionKind {
    pub fn label_key(self) -> &'static str {
        match self {
            PermissionKind::Delegated => "profile.kind.delegated",
            PermissionKind::Application => "profile.kind.application",
        }
    }

    /// `requiredResourceAccess[].resourceAccess[].type` in Graph.
    pub fn graph_type(self) -> &'static str {
        match self {
            PermissionKind::Delegated => "Scope",
            PermissionKind::Application => "Role",
        }
    }
}

/// Where an expected permission id comes from (it is a cross-check either way: the plan uses
/// the id the tenant's resource principal lists for the value).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdSource {
    /// Microsoft's own reference.
    Documented,
    /// Community listings only (DOMAIN.md marks it UNVERIFIED): a different id in the tenant
    /// is only worth a note.
    Unverified,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApiPermission {
    /// As the console lists the API (same in English and Japanese).
    pub resource_name: &'static str,
    pub resource_app_id: &'static str,
    /// The permission's value, e.g. `Mail.Send`.
    pub value: &'static str,
    pub kind: PermissionKind,
    /// Expected permission id (cross-check only).
    pub id: &'static str,
    pub id_source: IdSource,
}

const EXCHANGE: &str = "Office 365 Exchange Online";
const GRAPH: &str = "Microsoft Graph";

const AS_DOCUMENTED: [ApiPermission; 1] = [ApiPermission {
    resource_name: EXCHANGE,
    resource_app_id: EXCHANGE_ONLINE_APP_ID,
    value: "Mail.Send",
    kind: PermissionKind::Application,
    id: "b633e1c5-b582-4048-a93e-9f11b44c7e96",
    id_source: IdSource::Documented,
}];

/// `SMTP.Send` on Microsoft Graph: Microsoft's permissions reference lists it, but an SMTP
/// XOAUTH2 token is issued for Office 365 Exchange Online, so a grant of it never covers
/// [Generate Token] (DOMAIN.md section 5, corrected 2026-12-01).
const GRAPH_SMTP_SEND: ApiPermission = ApiPermission {
    resource_name: GRAPH,
    resource_app_id: MICROSOFT_GRAPH_APP_ID,
    value: "SMTP.Send",
    kind: PermissionKind::Delegated,
    id: "258f6531-6087-4cc4-bb90-092c5fb3ed3f",
    id_source: IdSource::Documented,
};

// Delegated permissions on two resources, so two admin-consent grants: `SMTP.Send` on the
// token's resource, Office 365 Exchange Online, and `openid offline_access` on Microsoft
// Graph, where Entra records those (DOMAIN.md sections 4 and 5).
const LEAST_PRIVILEGE: [ApiPermission; 3] = [
    ApiPermission {
        resource_name: EXCHANGE,
        resource_app_id: EXCHANGE_ONLINE_APP_ID,
        value: "SMTP.Send",
        kind: PermissionKind::Delegated,
        id: "76faac2a-0f20-42f1-928a-50de5b9dbe52",
        id_source: IdSource::Unverified,
    },
    ApiPermission {
        resource_name: GRAPH,
        resource_app_id: MICROSOFT_GRAPH_APP_ID,
        value: "openid",
        kind: PermissionKind::Delegated,
        id: "37f7f235-527c-4136-accd-4a02d197296e",
        id_source: IdSource::Documented,
    },
    ApiPermission {
        resource_name: GRAPH,
        resource_app_id: MICROSOFT_GRAPH_APP_ID,
        value: "offline_access",
        kind: PermissionKind::Delegated,
        id: "7427e0e9-2fba-42fe-b0c0-848c9e6a8182",
        id_source: IdSource::Documented,
    },
];

/// The API permissions the profile adds, in the order the admin adds them.
pub fn permissions(profile: PermissionProfile) -> &'static [ApiPermission] {
    match profile {
        PermissionProfile::AsDocumented => &AS_DOCUMENTED,
        PermissionProfile::LeastPrivilege => &LEAST_PRIVILEGE,
    }
}

/// Permissions an earlier version of the profile added that it no longer wants: a re-run
/// removes them from the registration and from the admin consent (and only them).
pub fn retired(profile: PermissionProfile) -> &'static [ApiPermission] {
    match profile {
        PermissionProfile::AsDocumented => &[],
        PermissionProfile::LeastPrivilege => &[GRAPH_SMTP_SEND],
    }
}

/// The resources of `list`, in order of first appearance (one admin-consent grant each).
pub fn resources(list: &[ApiPermission]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for p in list {
        if !out.contains(&p.resource_app_id) {
            out.push(p.resource_app_id);
        }
    }
    out
}

/// The console's name of a resource this app uses.
pub fn resource_name(app_id: &str) -> &'static str {
    if app_id.eq_ignore_ascii_case(EXCHANGE_ONLINE_APP_ID) {
        EXCHANGE
    } else {
        GRAPH
    }
}

/// Whether [Authentication] > "Access tokens (used for implicit flows)" is ticked. Only the
/// seed ticks it; the authorization-code flow Webex Connect uses does not need it.
pub fn implicit_access_tokens(profile: PermissionProfile) -> bool {
    profile == PermissionProfile::AsDocumented
}

pub fn label_key(profile: PermissionProfile) -> &'static str {
    match profile {
        PermissionProfile::AsDocumented => "profile.name.as_documented",
        PermissionProfile::LeastPrivilege => "profile.name.least_privilege",
    }
}

/// A value the admin pastes into the console, with the locale key of its label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CopyValue {
    pub label_key: &'static str,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instruction {
    pub message: Message,
    pub copy_values: Vec<CopyValue>,
}

impl Instruction {
    pub(crate) fn new(key: &'static str) -> Self {
        Instruction { message: Message::new(key), copy_values: Vec::new() }
    }

    pub(crate) fn copy(mut self, label_key: &'static str, value: impl Into<String>) -> Self {
        self.copy_values.push(CopyValue { label_key, value: value.into() });
        self
    }

    /// A value to copy only once the admin has typed it (an empty one is left out).
    pub(crate) fn copy_typed(self, label_key: &'static str, value: &str) -> Self {
        let value = value.trim();
        if value.is_empty() {
            self
        } else {
            self.copy(label_key, value)
        }
    }

    /// Fills a `{name}` placeholder of the instruction's text.
    pub(crate) fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.message = self.message.with(name, value);
        self
    }
}

/// The console steps for `profile`, in order, without a name to paste.
pub fn instructions(profile: PermissionProfile, redirect_uri: &str) -> Vec<Instruction> {
    instructions_with_name(profile, redirect_uri, "")
}

/// The console steps for `profile`, in order. An empty `app_display_name` or
/// `redirect_uri` is left out of the values to copy (the admin has not entered it yet).
pub fn instructions_with_name(
    profile: PermissionProfile,
    redirect_uri: &str,
    app_display_name: &str,
) -> Vec<Instruction> {
    let register = Instruction::new("profile.step.new_registration")
        .copy_typed("profile.copy.app_name", app_display_name)
        .copy_typed("profile.copy.redirect_uri", redirect_uri);

    let authentication = match profile {
        PermissionProfile::AsDocumented => Instruction::new("profile.step.authentication.implicit_on"),
        PermissionProfile::LeastPrivilege => Instruction::new("profile.step.authentication.implicit_off"),
    };

    let secret = match profile {
        PermissionProfile::AsDocumented => Instruction::new("profile.step.client_secret.as_documented"),
        PermissionProfile::LeastPrivilege => Instruction::new("profile.step.client_secret.least_privilege"),
    };

    let add = add_permissions(profile);

    let consent_check = match profile {
        PermissionProfile::AsDocumented => Instruction::new("profile.step.user_consent.as_documented"),
        PermissionProfile::LeastPrivilege => Instruction::new("profile.step.user_consent.least_privilege"),
    };

    let mut out = vec![register, authentication, secret];
    out.extend(add);
    out.extend([
        Instruction::new("profile.step.grant_admin_consent"),
        Instruction::new("profile.step.overview"),
        consent_check,
    ]);
    out
}

/// [Add a permission] once per API: its name, then its permissions to tick.
fn add_permissions(profile: PermissionProfile) -> Vec<Instruction> {
    let list = permissions(profile);
    resources(list)
        .into_iter()
        .map(|app_id| {
            let key = match (profile, app_id == EXCHANGE_ONLINE_APP_ID) {
                (PermissionProfile::AsDocumented, _) => "profile.step.api_permissions.as_documented",
                (PermissionProfile::LeastPrivilege, true) => "profile.step.api_permissions.least_privilege.exchange",
                (PermissionProfile::LeastPrivilege, false) => "profile.step.api_permissions.least_privilege.graph",
            };
            let mut add = Instruction::new(key).copy("profile.copy.api_name", resource_name(app_id));
            let values: Vec<&str> = list.iter().filter(|p| p.resource_app_id == app_id).map(|p| p.value).collect();
            for v in &values {
                add = add.copy("profile.copy.permission", *v);
            }
            add.with("permissions", values.join(", "))
        })
        .collect()
}

#[cfg(test)]
#[path = "profile_tests.rs"]
mod tests;
