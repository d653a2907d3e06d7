//! A small in-memory tenant that answers the plan's requests as Graph would (by operation id
//! and URL), for native tests of the apply run and the round-trip benchmark. The browser
//! tests use the OpenAPI-checked emulator in tests/e2e/graph-emulator instead.

use std::collections::VecDeque;

use serde_json::{json, Value};

use super::answer::Answer;
use super::apply::{After, Next, Rendered, RoundTrip, Run};
use crate::domain::url::percent_decode;

const ORG: &str = "72f988bf-86f1-41af-91ab-2d7cd011db47";

fn fixture(name: &str) -> Value {
    let path = format!("{}/src/domain/graph/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap_or_default();
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// The OData string right after `key` (`appId=`, `displayName eq `), quotes undone.
fn key_value(url: &str, key: &str) -> Option<String> {
    let url = percent_decode(url);
    let start = url.find(&format!("{key}'"))? + key.len() + 1;
    let mut out = String::new();
    let mut chars = url[start..].chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            if chars.peek() == Some(&'\'') {
                chars.next();
            } else {
                return Some(out);
            }
        }
        out.push(c);
    }
    None
}

fn segment(url: &str, after: &str) -> String {
    let rest = url.split(after).nth(1).unwrap_or("");
    percent_decode(rest.split(['/', '?']).next().unwrap_or(""))
}

fn not_found(what: &str) -> Answer {
    let message =
        format!("Resource '{what}' does not exist or one of its queried reference-property objects are not present.");
    Answer::new(404, json!({"error": {"code": "Request_ResourceNotFound", "message": message}}).to_string())
}

#[derive(Default)]
pub struct FakeTenant {
    pub apps: Vec<Value>,
    pub service_principals: Vec<Value>,
    pub assignments: Vec<Value>,
    pub grants: Vec<Value>,
    /// Answers handed out instead of the real one, in order, for the named operation.
    pub faults: VecDeque<(&'static str, Answer)>,
    pub requests: usize,
    pub writes: usize,
    seq: u32,
}

impl FakeTenant {
    fn new_id(&mut self) -> String {
        self.seq += 1;
        format!("00000000-0000-4000-8000-{:012}", self.seq)
    }

    pub fn answer(&mut self, r: &Rendered) -> Answer {
        self.requests += 1;
        if let Some(i) = self.faults.iter().position(|(id, _)| *id == r.op_id) {
            if let Some((_, a)) = self.faults.remove(i) {
                return a;
            }
        }
        if r.method != "GET" {
            self.writes += 1;
        }
        let body: Value = r.body.as_deref().and_then(|b| serde_json::from_str(b).ok()).unwrap_or(Value::Null);
        let list = |v: Vec<Value>| Answer::new(200, json!({ "value": v }).to_string());
        let one = |v: Option<&Value>, what: &str| match v {
            Some(v) => Answer::new(200, v.to_string()),
            None => not_found(what),
        };
        match r.op_id {
            "tenant.organization" => list(vec![json!({"id": ORG, "displayName": "Contoso"})]),
            "tenant.authorization_policy" => Answer::new(200, fixture("authorization_policy_legacy.json").to_string()),
            "resource.exchange" => Answer::new(200, fixture("sp_exchange.json").to_string()),
            "resource.graph" => Answer::new(200, fixture("sp_graph.json").to_string()),
            "app.find_by_app_id" => {
                let k = key_value(&r.url, "appId=").unwrap_or_default();
                one(self.apps.iter().find(|a| a["appId"] == k.as_str()), &k)
            }
            "app.find_by_unique_name" => {
                let k = key_value(&r.url, "uniqueName=").unwrap_or_default();
                one(self.apps.iter().find(|a| a["uniqueName"] == k.as_str()), &k)
            }
            "app.find_by_display_name" => {
                let k = key_value(&r.url, "displayName eq ").unwrap_or_default();
                list(self.apps.iter().filter(|a| a["displayName"] == k.as_str()).cloned().collect())
            }
            "app.create" => {
                let k = key_value(&r.url, "uniqueName=").unwrap_or_default();
                if self.apps.iter().any(|a| a["uniqueName"] == k.as_str()) {
                    return Answer::new(204, "");
                }
                let mut app = body;
                app["id"] = json!(self.new_id());
                app["appId"] = json!(self.new_id());
                app["uniqueName"] = json!(k);
                app["passwordCredentials"] = json!([]);
                self.apps.push(app.clone());
                Answer::new(201, app.to_string())
            }
            "app.update" => {
                let id = segment(&r.url, "/applications/");
                let Some(app) = self.apps.iter_mut().find(|a| a["id"] == id.as_str()) else { return not_found(&id) };
                if let (Some(app), Some(patch)) = (app.as_object_mut(), body.as_object()) {
                    for (k, v) in patch {
                        app.insert(k.clone(), v.clone());
                    }
                }
                Answer::new(204, "")
            }
            super::ops::ADD_PASSWORD_OP => {
                let id = segment(&r.url, "/applications/");
                let key_id = self.new_id();
                let Some(app) = self.apps.iter_mut().find(|a| a["id"] == id.as_str()) else { return not_found(&id) };
                let end = body["passwordCredential"]["endDateTime"].clone();
                let cred = json!({"keyId": key_id, "displayName": "Webex Connect", "endDateTime": end, "hint": "abc"});
                if let Some(list) = app["passwordCredentials"].as_array_mut() {
                    list.push(cred);
                }
                let answer =
                    json!({"keyId": key_id, "secretText": "abc~FAKE-SECRET-VALUE", "endDateTime": end, "hint": "abc"});
                Answer::new(200, answer.to_string())
            }
            "sp.find" => {
                let k = key_value(&r.url, "appId=").unwrap_or_default();
                one(self.service_principals.iter().find(|s| s["appId"] == k.as_str()), &k)
            }
            "sp.create" => {
                let sp =
                    json!({"id": self.new_id(), "appId": body["appId"], "appRoles": [], "oauth2PermissionScopes": []});
                self.service_principals.push(sp.clone());
                Answer::new(201, sp.to_string())
            }
            "consent.read_app_roles" => {
                let sp = segment(&r.url, "/servicePrincipals/");
                list(self.assignments.iter().filter(|a| a["principalId"] == sp.as_str()).cloned().collect())
            }
            "consent.read_grants" => {
                let client = key_value(&r.url, "clientId eq ").unwrap_or_default();
                list(self.grants.iter().filter(|g| g["clientId"] == client.as_str()).cloned().collect())
            }
            "consent.app_role" => {
                let mut a = body;
                a["id"] = json!(self.new_id());
                self.assignments.push(a.clone());
                Answer::new(201, a.to_string())
            }
            "consent.grant.exchange" | "consent.grant.graph" => {
                let mut g = body;
                g["id"] = json!(self.new_id());
                self.grants.push(g.clone());
                Answer::new(201, g.to_string())
            }
            "consent.update_grant.exchange" | "consent.update_grant.graph" => {
                let id = segment(&r.url, "/oauth2PermissionGrants/");
                let Some(g) = self.grants.iter_mut().find(|g| g["id"] == id.as_str()) else { return not_found(&id) };
                g["scope"] = body["scope"].clone();
                Answer::new(204, "")
            }
            other => Answer::new(400, json!({"error": {"code": "Unexpected", "message": other}}).to_string()),
        }
    }

    /// Answers a round trip: `$batch` answers come back in request order, as `RoundTrip`
    /// reads them from a real batch envelope.
    pub fn round_trip(&mut self, trip: &RoundTrip) -> Vec<Answer> {
        trip.requests.iter().map(|r| self.answer(r)).collect()
    }
}

/// How a driven run ended.
#[derive(Debug, PartialEq)]
pub struct Driven {
    pub end: Next,
    pub waits: Vec<u64>,
}

/// Drives `run` against `tenant` until it ends or needs a sign-in; waits are recorded, not slept.
pub fn drive(run: &mut Run, tenant: &mut FakeTenant) -> Driven {
    let mut waits = Vec::new();
    let mut now = 1_795_860_000_000;
    for _ in 0..200 {
        match run.next_step() {
            Next::Send(trip) => {
                let answers = tenant.round_trip(&trip);
                match run.record(answers, now) {
                    After::Wait { ms, .. } => {
                        waits.push(ms);
                        now += i64::try_from(ms).unwrap_or(0);
                    }
                    After::Continue | After::Stop | After::SignInAgain => {}
                }
            }
            Next::Review => run.confirm(),
            end => return Driven { end, waits },
        }
    }
    Driven { end: Next::Failed, waits }
}
