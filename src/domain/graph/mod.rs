//! Microsoft Graph, the pure half: the provisioning plan (step 2 of the procedure as Graph
//! requests), its exports as scripts, the retry policy, response parsing, and the data of the
//! "Connect this app to your tenant" page. Nothing here sends a request: the browser edge
//! executes `Operation`s and feeds the answers back through `parse` and `Observed`.
//!
//! - `plan::plan`: ordered operations from the setup, the profile and what reads found.
//! - `op`: one request (method, URL, headers, body with variables), and its redacted view.
//! - `export` (+ `export_az`): Microsoft Graph PowerShell and `az rest` scripts of a plan, each
//!   create guarded so that a second run finds what the first made.
//! - `retry::decide`: retry, wait how long, or stop.
//! - `parse`: typed Graph answers, Graph error bodies; `batch`: `$batch` bodies and answers.
//! - `consent`: the admin-consent link and the permissions each action needs.
//! - `checks`: the mailbox check and the test mail, as operations and findings.
//! - `audit` (+ `audit_rules`, `audit_fill`, `secrets`): day two, what an existing setup holds.

pub mod answer;
pub mod apply;
pub mod audit;
pub mod audit_fill;
pub mod audit_rules;
pub mod batch;
pub mod checks;
pub mod consent;
pub mod consent_proof;
pub mod export;
mod export_az;
pub mod op;
mod ops;
mod outcome;
pub mod parse;
mod parse_user;
pub mod plan;
mod plan_app;
mod plan_consent;
mod plan_secret;
mod record;
pub mod redact;
pub mod retry;
pub mod rotation;
pub mod rotation_ops;
mod round_trip;
pub mod scopes;
pub mod secrets;

#[cfg(test)]
mod apply_tests;
#[cfg(test)]
mod checks_tests;
#[cfg(test)]
mod export_rerun_tests;
#[cfg(test)]
mod export_tests;
#[cfg(test)]
pub(crate) mod fake_tenant;
#[cfg(test)]
mod fixtures_tests;
#[cfg(test)]
mod locale_tests;
#[cfg(test)]
mod plan_migration_tests;
#[cfg(test)]
mod plan_secret_tests;
#[cfg(test)]
mod plan_tests;

pub use answer::Answer;
pub use op::{Kind, Method, Operation, RedactedOperation, Var, Vars};
pub use plan::{plan, AddSecret, Lookup, Observed, Plan, PlanInput, SecretLifetime};
pub use scopes::{Action, DelegatedScope};

/// Graph's version segment: every URL of a plan is relative to `<graph base>/v1.0`.
pub const GRAPH_VERSION: &str = "v1.0";
