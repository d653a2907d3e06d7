//! What an answer tells the run: which `Observed` slot a read fills, and the values a write
//! hands to the later writes.

use super::answer::Answer;
use super::op::{Kind, Operation, Vars};
use super::parse::{self, Application, ParseError};
use super::plan::{Lookup, Observed};

pub(super) enum Recorded {
    Done,
    /// A success without the ids the later writes need (e.g. an upsert that updated instead
    /// of creating answers 204 with no body).
    Incomplete,
    /// Not the hoped-for answer: Graph's code and message, or the status.
    Failed(String),
}

/// Whether the read `op_id` has not been done yet; ids this module does not know count as
/// done, so an unknown read can never loop.
pub(super) fn is_unknown(o: &Observed, op_id: &str) -> bool {
    match op_id {
        "tenant.organization" => o.organization.is_unknown(),
        "tenant.authorization_policy" => o.authorization_policy.is_unknown(),
        "resource.exchange" => o.exchange.is_unknown(),
        "resource.graph" => o.graph.is_unknown(),
        "app.find_by_app_id" => o.app_by_app_id.is_unknown(),
        "app.find_by_unique_name" => o.app_by_unique_name.is_unknown(),
        "app.find_by_display_name" => o.apps_by_display_name.is_unknown(),
        "sp.find" => o.service_principal.is_unknown(),
        "consent.read_app_roles" => o.app_role_assignments.is_unknown(),
        "consent.read_grants" => o.grants.is_unknown(),
        _ => false,
    }
}

/// The registration the plan works on, by the plan's own precedence (the client id the
/// admin typed, our alternate key, a single registration with the display name).
pub(super) fn chosen_app(o: &Observed) -> Option<&Application> {
    o.app_by_app_id.found().or_else(|| o.app_by_unique_name.found()).or_else(|| match o.apps_by_display_name.found() {
        Some(list) if list.len() == 1 => list.first(),
        _ => None,
    })
}

fn error_text(answer: &Answer) -> String {
    match answer.error() {
        Some(e) => format!("{}: {}", e.code, e.message),
        None => format!("HTTP {}", answer.status),
    }
}

/// Fills `slot` from the answer: `Missing` for an expected 404, else the parsed body.
fn fill<T>(slot: &mut Lookup<T>, absent: bool, parsed: impl FnOnce() -> Result<T, ParseError>) -> Result<(), String> {
    *slot = if absent { Lookup::Missing } else { Lookup::Found(parsed().map_err(|e| e.detail)?) };
    Ok(())
}

/// Records `answer` to `op` into the run's state.
pub(super) fn apply(o: &mut Observed, vars: &mut Vars, op: &Operation, answer: &Answer) -> Recorded {
    let absent = answer.status == 404 && (op.kind == Kind::Probe || op.id.starts_with("resource."));
    if !answer.is_success() && !absent {
        return Recorded::Failed(error_text(answer));
    }
    if op.kind == Kind::Write {
        let value = serde_json::from_str::<serde_json::Value>(&answer.body).unwrap_or(serde_json::Value::Null);
        return if vars.capture(op, &value).is_empty() { Recorded::Done } else { Recorded::Incomplete };
    }
    let body = answer.body.as_str();
    let result = match op.id {
        "tenant.organization" => match parse::organizations(body) {
            Ok(list) => {
                o.organization = list.into_iter().next().map_or(Lookup::Missing, Lookup::Found);
                Ok(())
            }
            Err(e) => Err(e.detail),
        },
        "tenant.authorization_policy" => {
            fill(&mut o.authorization_policy, absent, || parse::authorization_policy(body))
        }
        "resource.exchange" => fill(&mut o.exchange, absent, || parse::service_principal(body)),
        "resource.graph" => fill(&mut o.graph, absent, || parse::service_principal(body)),
        "app.find_by_app_id" => fill(&mut o.app_by_app_id, absent, || parse::application(body)),
        "app.find_by_unique_name" => fill(&mut o.app_by_unique_name, absent, || parse::application(body)),
        "app.find_by_display_name" => fill(&mut o.apps_by_display_name, absent, || parse::applications(body)),
        "sp.find" => fill(&mut o.service_principal, absent, || parse::service_principal(body)),
        "consent.read_app_roles" => fill(&mut o.app_role_assignments, absent, || parse::app_role_assignments(body)),
        "consent.read_grants" => fill(&mut o.grants, absent, || parse::oauth2_permission_grants(body)),
        _ => Ok(()),
    };
    match result {
        Ok(()) => Recorded::Done,
        Err(detail) => Recorded::Failed(detail),
    }
}
