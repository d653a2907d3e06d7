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
}

const AS_DOCUMENTED: [ApiPermission; 1] = [ApiPermission {
    resource_name: "Office 365 Exchange Online",
    resource_app_id: EXCHANGE_ONLINE_APP_ID,
    value: "Mail.Send",
    kind: PermissionKind::Application,
    id: "b633e1c5-b582-4048-a93e-9f11b44c7e96",
}];

// Delegated permissions on Microsoft Graph: one resource, so one admin-consent grant
// (`scope: "openid offline_access SMTP.Send"`, DOMAIN.md section 4).
const LEAST_PRIVILEGE: [ApiPermission; 3] = [
    ApiPermission {
        resource_name: "Microsoft Graph",
        resource_app_id: MICROSOFT_GRAPH_APP_ID,
        value: "openid",
        kind: PermissionKind::Delegated,
        id: "37f7f235-527c-4136-accd-4a02d197296e",
    },
    ApiPermission {
        resource_name: "Microsoft Graph",
        resource_app_id: MICROSOFT_GRAPH_APP_ID,
        value: "offline_access",
        kind: PermissionKind::Delegated,
        id: "7427e0e9-2fba-42fe-b0c0-848c9e6a8182",
    },
    ApiPermission {
        resource_name: "Microsoft Graph",
        resource_app_id: MICROSOFT_GRAPH_APP_ID,
        value: "SMTP.Send",
        kind: PermissionKind::Delegated,
        id: "258f6531-6087-4cc4-bb90-092c5fb3ed3f",
    },
];

/// The API permissions the profile adds, in the order the admin adds them.
pub fn permissions(profile: PermissionProfile) -> &'static [ApiPermission] {
    match profile {
        PermissionProfile::AsDocumented => &AS_DOCUMENTED,
        PermissionProfile::LeastPrivilege => &LEAST_PRIVILEGE,
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
    fn new(key: &'static str) -> Self {
        Instruction { message: Message::new(key), copy_values: Vec::new() }
    }

    fn copy(mut self, label_key: &'static str, value: impl Into<String>) -> Self {
        self.copy_values.push(CopyValue { label_key, value: value.into() });
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
    let redirect_uri = redirect_uri.trim();
    let name = app_display_name.trim();
    let mut register = Instruction::new("profile.step.new_registration");
    if !name.is_empty() {
        register = register.copy("profile.copy.app_name", name);
    }
    if !redirect_uri.is_empty() {
        register = register.copy("profile.copy.redirect_uri", redirect_uri);
    }

    let authentication = match profile {
        PermissionProfile::AsDocumented => Instruction::new("profile.step.authentication.implicit_on"),
        PermissionProfile::LeastPrivilege => Instruction::new("profile.step.authentication.implicit_off"),
    };

    let secret = match profile {
        PermissionProfile::AsDocumented => Instruction::new("profile.step.client_secret.as_documented"),
        PermissionProfile::LeastPrivilege => Instruction::new("profile.step.client_secret.least_privilege"),
    };

    let mut add = match profile {
        PermissionProfile::AsDocumented => Instruction::new("profile.step.api_permissions.as_documented"),
        PermissionProfile::LeastPrivilege => Instruction::new("profile.step.api_permissions.least_privilege"),
    };
    if let Some(first) = permissions(profile).first() {
        add = add.copy("profile.copy.api_name", first.resource_name);
    }
    for p in permissions(profile) {
        add = add.copy("profile.copy.permission", p.value);
    }
    let scope = permissions(profile).iter().map(|p| p.value).collect::<Vec<_>>().join(", ");
    add.message = add.message.with("permissions", scope);

    let consent_check = match profile {
        PermissionProfile::AsDocumented => Instruction::new("profile.step.user_consent.as_documented"),
        PermissionProfile::LeastPrivilege => Instruction::new("profile.step.user_consent.least_privilege"),
    };

    vec![
        register,
        authentication,
        secret,
        add,
        Instruction::new("profile.step.grant_admin_consent"),
        Instruction::new("profile.step.overview"),
        consent_check,
    ]
}

#[cfg(test)]
#[path = "profile_tests.rs"]
mod tests;
