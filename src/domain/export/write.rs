//! Writing the export file. Borrowing structs mirror the schema: serde writes fields in
//! declaration order, so the declaration order below IS the file's key order.

use super::doctor::{doctor_items, DoctorItem};
use super::{transaction_id_lines, FORMAT, VERSION};
use crate::domain::derive::Derived;
use crate::domain::diagnose::doctor::Diagnosis;
use crate::domain::model::{CheckId, Secrets, Setup, Verification};
use serde::ser::{Serialize, SerializeMap, Serializer};

#[derive(serde::Serialize)]
struct Document<'a> {
    format: &'static str,
    version: u64,
    exported_at: &'a str,
    webex_connect: WebexConnect<'a>,
    azure: Azure<'a>,
    mailbox: Mailbox<'a>,
    smtp: Smtp<'a>,
    oauth: Oauth<'a>,
    verification: Checks<'a>,
    support: Support<'a>,
    /// Optional in the schema: absent from the configuration inside the support bundle
    /// (which lists the diagnoses itself), present in the admin's export.
    #[serde(skip_serializing_if = "Option::is_none")]
    doctor: Option<Vec<DoctorItem>>,
}

#[derive(serde::Serialize)]
struct WebexConnect<'a> {
    app_name: &'a str,
    callback_url: &'a str,
    tenant: &'a str,
    region: &'a str,
    forwarding_address: &'a str,
}

#[derive(serde::Serialize)]
struct Azure<'a> {
    cloud: &'static str,
    tenant_id: &'a str,
    app_display_name: &'a str,
    client_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_secret: Option<&'a str>,
    client_secret_expires: &'a str,
    permission_profile: &'static str,
    implicit_access_tokens: bool,
    redirect_uri: &'a str,
}

#[derive(serde::Serialize)]
struct Mailbox<'a> {
    address: &'a str,
    user_principal_name: &'a str,
    outbound_policy: &'static str,
}

#[derive(serde::Serialize)]
struct Smtp<'a> {
    server: &'a str,
    port: u16,
    security: &'a str,
    username: &'a str,
}

#[derive(serde::Serialize)]
struct Oauth<'a> {
    authorization_url: &'a str,
    token_url: &'a str,
    refresh_token_url: &'a str,
    scope: &'a str,
    login_id: &'a str,
}

#[derive(serde::Serialize)]
struct Support<'a> {
    asset_id: &'a str,
    transaction_ids: Vec<&'a str>,
    notes: &'a str,
}

#[derive(serde::Serialize)]
struct Check<'a> {
    status: &'static str,
    time: &'a str,
}

/// `verification` as an object keyed by check id, in `CheckId::ALL` order (a derived map
/// type would sort the keys alphabetically instead).
struct Checks<'a>(&'a Verification);

impl Serialize for Checks<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(CheckId::ALL.len()))?;
        for id in CheckId::ALL {
            let result = self.0.get(id);
            map.serialize_entry(id.as_str(), &Check { status: result.status.as_str(), time: &result.time })?;
        }
        map.end()
    }
}

/// The export file without the `doctor` array: pretty JSON, UTF-8, ending with a newline.
/// `client_secret` is present only when `include_secret` is true and there is a secret.
pub fn export_document(
    setup: &Setup,
    secrets: &Secrets,
    derived: &Derived,
    include_secret: bool,
    exported_at: &str,
) -> String {
    write(setup, secrets, derived, include_secret, exported_at, None)
}

/// The export file the admin downloads: `export_document` plus the doctor's `diagnoses`
/// (from `diagnose::doctor::doctor` over the same values) after `support`.
pub fn export_with_doctor(
    setup: &Setup,
    secrets: &Secrets,
    derived: &Derived,
    diagnoses: &[Diagnosis],
    include_secret: bool,
    exported_at: &str,
) -> String {
    write(setup, secrets, derived, include_secret, exported_at, Some(diagnoses))
}

fn write(
    setup: &Setup,
    secrets: &Secrets,
    derived: &Derived,
    include_secret: bool,
    exported_at: &str,
    diagnoses: Option<&[Diagnosis]>,
) -> String {
    let secret = secrets.client_secret.as_str();
    let doc = Document {
        format: FORMAT,
        version: VERSION,
        exported_at,
        webex_connect: WebexConnect {
            app_name: &setup.webex_connect.app_name,
            callback_url: &setup.webex_connect.callback_url,
            tenant: &derived.webex_tenant,
            region: &derived.webex_region,
            forwarding_address: &setup.webex_connect.forwarding_address,
        },
        azure: Azure {
            cloud: setup.azure.cloud.as_str(),
            tenant_id: &setup.azure.tenant_id,
            app_display_name: &setup.azure.app_display_name,
            client_id: &setup.azure.client_id,
            client_secret: (include_secret && !secret.is_empty()).then_some(secret),
            client_secret_expires: &setup.azure.client_secret_expires,
            permission_profile: setup.azure.permission_profile.as_str(),
            implicit_access_tokens: derived.implicit_access_tokens,
            redirect_uri: &derived.redirect_uri,
        },
        mailbox: Mailbox {
            address: &setup.mailbox.address,
            user_principal_name: &setup.mailbox.user_principal_name,
            outbound_policy: setup.mailbox.outbound_policy.as_str(),
        },
        // The values in effect: what the admin types into Webex Connect.
        smtp: Smtp {
            server: &derived.smtp_server,
            port: derived.smtp_port,
            security: &derived.smtp_security,
            username: &derived.smtp_username,
        },
        oauth: Oauth {
            authorization_url: &derived.authorization_url,
            token_url: &derived.token_url,
            refresh_token_url: &derived.refresh_token_url,
            scope: &derived.scope,
            login_id: &setup.oauth.login_id,
        },
        verification: Checks(&setup.verification),
        support: Support {
            asset_id: &setup.support.asset_id,
            transaction_ids: transaction_id_lines(&setup.support.transaction_ids).collect(),
            notes: &setup.support.notes,
        },
        doctor: diagnoses.map(|d| doctor_items(d, secret)),
    };
    // Serialising these plain structs cannot fail (string keys only, no maps of other
    // keys, no floats); an empty string is still a safer answer than a panic.
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}
