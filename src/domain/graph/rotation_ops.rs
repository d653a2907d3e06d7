//! The two Graph requests of a secret rotation, `addPassword` and `removePassword` (DOMAIN.md
//! section 4; removePassword as in ../shared/graph-openapi), and the same requests as
//! Microsoft Graph PowerShell and `az rest` scripts for manual mode (the provisioning
//! export's writers, with their own opening lines).

use super::export::{az_rest_script_with, powershell_script_with};
use super::op::{odata_string, Capture, Json, Kind, Method, Operation, Pick, Template, Var};
use super::ops::{self, add_password_at, app_action_url, Id};
use super::plan::Plan;
use super::scopes::DelegatedScope;
use crate::domain::finding::Message;
use crate::domain::model::Cloud;

pub const REMOVE_OP: &str = "app.remove_password";

/// The registration a rotation works on: its client id always, its object id once read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub client_id: String,
    pub object_id: Option<String>,
}

impl Target {
    /// `/applications/{id}/<action>`, or Microsoft's alternate key `(appId='...')` when only
    /// the client id is known (the manual scripts).
    fn url(&self, action: &str) -> Template {
        match &self.object_id {
            Some(id) => app_action_url(&Id::Known(id.clone()), action),
            None => Template::url(format!("/applications(appId={})/{action}", odata_string(&self.client_id))),
        }
    }
}

/// (a) A new client secret; its value comes back once, in this answer, with its Secret ID.
pub fn add_password(target: &Target, description: &str, end_date_time: &str) -> Operation {
    let purpose = Message::new("rotation.op.add").with("description", description).with("end", end_date_time);
    let mut o = add_password_at(target.url("addPassword"), purpose, description, end_date_time);
    // Between the value and the end, as a rotation has always captured them.
    o.captures.insert(1, Capture { var: Var::SecretKeyId, pick: Pick::Field("keyId") });
    o
}

/// (d) Removes one secret by its `keyId` (the portal's Secret ID).
pub fn remove_password(target: &Target, key_id: &str, end: &str) -> Operation {
    let body = Json::Object(vec![("keyId", Json::str(key_id))]);
    let purpose = Message::new("rotation.op.remove").with("key_id", key_id).with("end", end);
    let mut o = ops::op(
        REMOVE_OP,
        purpose,
        Kind::Write,
        Method::Post,
        target.url("removePassword"),
        DelegatedScope::ApplicationReadWriteAll,
    );
    o.body = Some(body);
    o
}

fn plan(ops: Vec<Operation>) -> Plan {
    Plan { operations: ops, findings: Vec::new(), unique_name: String::new() }
}

const ADD_WHAT: &str =
    "# Webex Connect email channel: add a NEW client secret to the app registration (rotation, step a).\n";
const ADD_RERUN: &str =
    "# Run it ONCE: every run adds another secret. The old secret stays valid until step d removes it.\n";
const REMOVE_WHAT: &str =
    "# Webex Connect email channel: remove the OLD client secret (rotation, step d), only after the new one works.\n";
const REMOVE_RERUN: &str =
    "# It removes exactly the Secret ID below; check it is not the new secret's before running.\n";

/// The scripts for manual mode: `(powershell, az)`.
pub fn add_scripts(op: &Operation, cloud: Cloud) -> (String, String) {
    let p = plan(vec![op.clone()]);
    (powershell_script_with(&p, cloud, ADD_WHAT, ADD_RERUN), az_rest_script_with(&p, cloud, ADD_WHAT, ADD_RERUN))
}

pub fn remove_scripts(ops: &[Operation], cloud: Cloud) -> (String, String) {
    let p = plan(ops.to_vec());
    (
        powershell_script_with(&p, cloud, REMOVE_WHAT, REMOVE_RERUN),
        az_rest_script_with(&p, cloud, REMOVE_WHAT, REMOVE_RERUN),
    )
}
