//! Microsoft Graph responses, read into the few properties this app uses. Unknown properties
//! are ignored (Graph adds them over time); a missing required one is a `ParseError`.

use serde::Deserialize;

use crate::domain::finding::Message;
use crate::domain::model::PermissionProfile;

/// A response body this app cannot use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// What was expected, e.g. `application`.
    pub what: &'static str,
    /// serde_json's description (positions, the missing field); never contains the body.
    pub detail: String,
}

impl ParseError {
    pub fn message(&self) -> Message {
        Message::new("graph.parse.invalid").with("what", self.what).with("detail", self.detail.clone())
    }
}

pub(super) fn parse<'a, T: Deserialize<'a>>(what: &'static str, body: &'a str) -> Result<T, ParseError> {
    serde_json::from_str(body).map_err(|e| ParseError { what, detail: e.to_string() })
}

/// `{"value": [...]}` of a list request; `@odata.nextLink` when there is more.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Collection<T> {
    pub value: Vec<T>,
    #[serde(rename = "@odata.nextLink", default)]
    pub next_link: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    pub id: String,
    #[serde(default)]
    pub display_name: Option<String>,
}

pub fn organizations(body: &str) -> Result<Vec<Organization>, ParseError> {
    parse::<Collection<Organization>>("organization", body).map(|c| c.value)
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DefaultUserRolePermissions {
    #[serde(default)]
    pub permission_grant_policies_assigned: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthorizationPolicy {
    pub default_user_role_permissions: DefaultUserRolePermissions,
}

pub fn authorization_policy(body: &str) -> Result<AuthorizationPolicy, ParseError> {
    parse("authorizationPolicy", body)
}

/// What users may consent to, from `permissionGrantPoliciesAssigned`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UserConsent {
    /// Empty list: users cannot consent to any app.
    Off,
    /// `...microsoft-user-default-legacy`: users may consent to any app (the seed's default).
    AllApps,
    /// `...microsoft-user-default-low`: only "low impact" permissions of verified publishers.
    LowImpact,
    /// A custom policy this app cannot evaluate.
    Custom(Vec<String>),
}

const SELF_PREFIX: &str = "ManagePermissionGrantsForSelf.";

impl AuthorizationPolicy {
    pub fn user_consent(&self) -> UserConsent {
        let for_self: Vec<&str> = self
            .default_user_role_permissions
            .permission_grant_policies_assigned
            .iter()
            .filter_map(|p| p.strip_prefix(SELF_PREFIX))
            .collect();
        if for_self.is_empty() {
            UserConsent::Off
        } else if for_self.contains(&"microsoft-user-default-legacy") {
            UserConsent::AllApps
        } else if for_self.contains(&"microsoft-user-default-low") {
            UserConsent::LowImpact
        } else {
            UserConsent::Custom(for_self.iter().map(|s| s.to_string()).collect())
        }
    }
}

impl UserConsent {
    /// What the policy means for Webex Connect's [Generate Token] with this profile. With the
    /// least-privilege profile the admin-consent grant covers every user, so the policy does
    /// not matter; with the documented one the mailbox user must consent to SMTP.Send.
    pub fn generate_token_impact(&self, profile: PermissionProfile) -> Message {
        let key = match (self, profile) {
            (_, PermissionProfile::LeastPrivilege) => "graph.consent_policy.covered_by_admin_consent",
            (UserConsent::AllApps, PermissionProfile::AsDocumented) => "graph.consent_policy.user_consent_allowed",
            (UserConsent::Off, PermissionProfile::AsDocumented) => "graph.consent_policy.off_blocks_generate_token",
            (UserConsent::LowImpact, PermissionProfile::AsDocumented) => "graph.consent_policy.low_impact_only",
            (UserConsent::Custom(_), PermissionProfile::AsDocumented) => "graph.consent_policy.custom",
        };
        let m = Message::new(key);
        match self {
            UserConsent::Custom(list) if profile == PermissionProfile::AsDocumented => {
                m.with("policies", list.join(", "))
            }
            _ => m,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppRole {
    pub id: String,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub allowed_member_types: Vec<String>,
    #[serde(default = "yes")]
    pub is_enabled: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PermissionScope {
    pub id: String,
    #[serde(default)]
    pub value: Option<String>,
    /// `Admin` or `User`: who may consent.
    #[serde(default, rename = "type")]
    pub consent_type: Option<String>,
    #[serde(default = "yes")]
    pub is_enabled: bool,
}

fn yes() -> bool {
    true
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServicePrincipal {
    pub id: String,
    pub app_id: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub app_roles: Vec<AppRole>,
    #[serde(default)]
    pub oauth2_permission_scopes: Vec<PermissionScope>,
    /// "Enabled for users to sign-in?" in [Enterprise applications] (absent when not selected).
    #[serde(default)]
    pub account_enabled: Option<bool>,
    /// "Assignment required?": only assigned users may sign in (AADSTS50105 otherwise).
    #[serde(default)]
    pub app_role_assignment_required: Option<bool>,
}

impl ServicePrincipal {
    /// The enabled application permission (app role) with this value.
    pub fn app_role(&self, value: &str) -> Option<&AppRole> {
        self.app_roles.iter().find(|r| {
            r.is_enabled
                && r.value.as_deref() == Some(value)
                && r.allowed_member_types.iter().any(|t| t == "Application")
        })
    }

    /// The enabled delegated permission with this value.
    pub fn scope(&self, value: &str) -> Option<&PermissionScope> {
        self.oauth2_permission_scopes.iter().find(|s| s.is_enabled && s.value.as_deref() == Some(value))
    }
}

pub fn service_principal(body: &str) -> Result<ServicePrincipal, ParseError> {
    parse("servicePrincipal", body)
}

pub fn service_principals(body: &str) -> Result<Vec<ServicePrincipal>, ParseError> {
    parse::<Collection<ServicePrincipal>>("servicePrincipal", body).map(|c| c.value)
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImplicitGrantSettings {
    #[serde(default)]
    pub enable_access_token_issuance: Option<bool>,
    #[serde(default)]
    pub enable_id_token_issuance: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebApplication {
    #[serde(default)]
    pub redirect_uris: Vec<String>,
    #[serde(default)]
    pub implicit_grant_settings: Option<ImplicitGrantSettings>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SpaApplication {
    #[serde(default)]
    pub redirect_uris: Vec<String>,
}

/// A secret as the application lists it: never its value (Graph returns `secretText` only
/// once, from `addPassword`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PasswordCredential {
    pub key_id: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub end_date_time: Option<String>,
    #[serde(default)]
    pub start_date_time: Option<String>,
    /// The first characters of the value, as the portal shows them.
    #[serde(default)]
    pub hint: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceAccess {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequiredResourceAccess {
    pub resource_app_id: String,
    #[serde(default)]
    pub resource_access: Vec<ResourceAccess>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Application {
    /// Object id (URLs use it).
    pub id: String,
    /// Application (client) id.
    pub app_id: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub unique_name: Option<String>,
    #[serde(default)]
    pub web: Option<WebApplication>,
    /// Single-page application redirect URIs (a Webex callback here is not a Web one).
    #[serde(default)]
    pub spa: Option<SpaApplication>,
    #[serde(default)]
    pub password_credentials: Vec<PasswordCredential>,
    #[serde(default)]
    pub required_resource_access: Vec<RequiredResourceAccess>,
}

impl Application {
    pub fn redirect_uris(&self) -> &[String] {
        self.web.as_ref().map(|w| w.redirect_uris.as_slice()).unwrap_or(&[])
    }

    /// "Access tokens (used for implicit flows)"; absent means off.
    pub fn implicit_access_tokens(&self) -> bool {
        self.web
            .as_ref()
            .and_then(|w| w.implicit_grant_settings.as_ref())
            .and_then(|i| i.enable_access_token_issuance)
            .unwrap_or(false)
    }

    pub fn spa_redirect_uris(&self) -> &[String] {
        self.spa.as_ref().map(|s| s.redirect_uris.as_slice()).unwrap_or(&[])
    }

    pub fn implicit_id_tokens(&self) -> bool {
        self.web
            .as_ref()
            .and_then(|w| w.implicit_grant_settings.as_ref())
            .and_then(|i| i.enable_id_token_issuance)
            .unwrap_or(false)
    }
}

pub fn application(body: &str) -> Result<Application, ParseError> {
    parse("application", body)
}

pub fn applications(body: &str) -> Result<Vec<Application>, ParseError> {
    parse::<Collection<Application>>("application", body).map(|c| c.value)
}

/// A client secret's value. `Debug` never shows it; `expose` is for the one place that
/// hands it to the wizard's memory.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct SecretText(String);

impl SecretText {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for SecretText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(super::redact::REDACTED)
    }
}

/// The answer of `addPassword`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddedPassword {
    pub key_id: String,
    pub secret_text: SecretText,
    pub end_date_time: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub hint: Option<String>,
}

pub fn added_password(body: &str) -> Result<AddedPassword, ParseError> {
    // serde's messages quote unexpected string values; the body holds the secret, so only
    // the kind of problem is kept.
    serde_json::from_str(body).map_err(|e| ParseError {
        what: "passwordCredential",
        detail: format!("{:?} at line {}", e.classify(), e.line()),
    })
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppRoleAssignment {
    pub id: String,
    pub app_role_id: String,
    pub principal_id: String,
    pub resource_id: String,
}

pub fn app_role_assignment(body: &str) -> Result<AppRoleAssignment, ParseError> {
    parse("appRoleAssignment", body)
}

pub fn app_role_assignments(body: &str) -> Result<Vec<AppRoleAssignment>, ParseError> {
    parse::<Collection<AppRoleAssignment>>("appRoleAssignment", body).map(|c| c.value)
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OAuth2PermissionGrant {
    pub id: String,
    pub client_id: String,
    pub consent_type: String,
    pub resource_id: String,
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(default)]
    pub principal_id: Option<String>,
}

impl OAuth2PermissionGrant {
    /// The granted scopes, as a sorted set (Graph separates them by spaces, in any order).
    pub fn scopes(&self) -> Vec<String> {
        scope_set(self.scope.as_deref().unwrap_or(""))
    }
}

pub fn scope_set(scope: &str) -> Vec<String> {
    let mut out: Vec<String> = scope.split_whitespace().map(str::to_string).collect();
    crate::domain::sort::sort(&mut out);
    out.dedup();
    out
}

pub fn oauth2_permission_grant(body: &str) -> Result<OAuth2PermissionGrant, ParseError> {
    parse("oAuth2PermissionGrant", body)
}

pub fn oauth2_permission_grants(body: &str) -> Result<Vec<OAuth2PermissionGrant>, ParseError> {
    parse::<Collection<OAuth2PermissionGrant>>("oAuth2PermissionGrant", body).map(|c| c.value)
}

pub use super::parse_user::{aadsts_code, user, GraphError, User};
