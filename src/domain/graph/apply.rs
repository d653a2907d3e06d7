//! Applying a plan, as a pure state machine the browser edge drives: `next_step()` says what to
//! send, `record()` takes what Graph answered and says whether to go on, wait or stop.
//!
//! Reads first: every read the current plan needs and has not done yet goes in one `$batch`
//! (they are independent), the answers fill `Observed`, and the plan is made again, until no
//! read is missing. Then the writes of that last plan run one by one, ids created on the way
//! filling the variables of the later writes. Running again after a completed run finds
//! everything and writes nothing.

use super::answer::Answer;
use super::batch;
use super::op::{Kind, Operation, Var, Vars};
pub use super::outcome::{NewSecret, Outcome};
use super::plan::{plan, says_secret_kept, AddSecret, Observed, Plan, PlanInput, SecretLifetime};
use super::record::{self, Recorded};
use super::retry::{self, Decision, Why};
use super::round_trip::render;
pub use super::round_trip::{Rendered, RoundTrip};
use crate::domain::finding::{has_errors, Finding, Message};
use crate::domain::model::Setup;

/// Where an operation stands, for the progress view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Progress {
    Waiting,
    Sending,
    /// Answered as hoped (`status`), or found missing by a probe.
    Done {
        status: u16,
    },
    Retrying {
        attempt: u32,
        after_ms: u64,
        why: Why,
    },
    Failed {
        status: u16,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub op_id: &'static str,
    pub kind: Kind,
    pub purpose: Message,
    pub method: &'static str,
    /// As the dry run shows it (`{app_object_id}` for ids not known yet).
    pub url: String,
    pub progress: Progress,
}

/// What the driver does after `record`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum After {
    Continue,
    Wait {
        ms: u64,
        why: Why,
    },
    /// The token was refused (expired, revoked): sign in again, then `next_step()` sends the
    /// same request again; nothing done so far is lost.
    SignInAgain,
    Stop,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Next {
    Send(RoundTrip),
    /// Every read is done and the writes are known: shown to the admin, who confirms them
    /// (`confirm`) before anything changes in the tenant.
    Review,
    SignInAgain,
    /// Reads are done and a finding blocks the writes (e.g. two registrations with the name).
    Blocked,
    Finished,
    Failed,
}

/// Where a run stands, without advancing it (for the view).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Requests left to send (or one on its way).
    Running,
    Review,
    SignInAgain,
    Blocked,
    Failed,
    Finished,
}

#[derive(Clone, Debug, PartialEq)]
struct InFlight {
    ops: Vec<Operation>,
    attempts: Vec<u32>,
}

#[derive(Clone, Debug)]
pub struct Run {
    setup: Setup,
    started_ms: i64,
    lifetime: SecretLifetime,
    add_secret: AddSecret,
    observed: Observed,
    vars: Vars,
    /// Variables whose value came from a create of this run (their objects may still be
    /// replicating).
    created: Vec<Var>,
    /// The writes, fixed once every read is done.
    writes: Option<Vec<Operation>>,
    next_write: usize,
    in_flight: Option<InFlight>,
    sign_in_again: bool,
    confirmed: bool,
    pub entries: Vec<Entry>,
    pub findings: Vec<Finding>,
    /// Why the run stopped: the explained error of the last answer.
    pub failure: Option<Message>,
    pub outcome: Outcome,
}

impl Run {
    /// `secret_key_id`: the `keyId` of the secret the wizard already holds (none is added
    /// while it is listed and valid).
    pub fn new(setup: &Setup, now_ms: i64, lifetime: SecretLifetime, secret_key_id: Option<String>) -> Run {
        let observed = Observed { secret_key_id, ..Observed::default() };
        Run {
            setup: setup.clone(),
            started_ms: now_ms,
            lifetime,
            add_secret: AddSecret::IfNeeded,
            observed,
            vars: Vars::default(),
            created: Vec::new(),
            writes: None,
            next_write: 0,
            in_flight: None,
            sign_in_again: false,
            confirmed: false,
            entries: Vec::new(),
            findings: Vec::new(),
            failure: None,
            outcome: Outcome::default(),
        }
    }

    pub fn plan(&self) -> Plan {
        let input = PlanInput {
            setup: &self.setup,
            now_unix_ms: self.started_ms,
            secret_lifetime: self.lifetime,
            add_secret: self.add_secret,
        };
        plan(&input, &self.observed)
    }

    pub fn observed(&self) -> &Observed {
        &self.observed
    }

    /// The round trip to send now, or why there is none.
    pub fn next_step(&mut self) -> Next {
        if self.failure.is_some() {
            return Next::Failed;
        }
        if self.sign_in_again {
            return Next::SignInAgain;
        }
        if self.in_flight.is_none() && (self.reviewing() || !self.load_next()) {
            return match &self.writes {
                None => Next::Blocked,
                Some(_) if self.reviewing() => Next::Review,
                Some(_) => Next::Finished,
            };
        }
        let Some(flight) = &self.in_flight else { return Next::Finished };
        let mut requests = Vec::with_capacity(flight.ops.len());
        for op in &flight.ops {
            match render(op, &self.vars) {
                Ok(r) => requests.push(r),
                Err(var) => {
                    self.failure = Some(value_missing(var, op.id));
                    return Next::Failed;
                }
            }
        }
        let ids: Vec<&'static str> = flight.ops.iter().map(|o| o.id).collect();
        for id in ids {
            self.set_progress(id, Progress::Sending);
        }
        Next::Send(RoundTrip { requests })
    }

    /// The token was renewed: the request that was refused goes again.
    pub fn signed_in_again(&mut self) {
        self.sign_in_again = false;
    }

    /// The session cannot send (expired before sending): the loaded request waits for a new
    /// sign-in, exactly as if Graph had refused the token.
    pub fn hold_for_sign_in(&mut self) {
        if let Some(flight) = &self.in_flight {
            let ids: Vec<&'static str> = flight.ops.iter().map(|o| o.id).collect();
            for id in ids {
                self.set_progress(id, Progress::Waiting);
            }
        }
        self.sign_in_again = true;
    }

    pub fn phase(&self) -> Phase {
        let writes_left = self.writes.as_ref().map(|w| self.next_write < w.len());
        if self.failure.is_some() {
            Phase::Failed
        } else if self.sign_in_again {
            Phase::SignInAgain
        } else if self.in_flight.is_some() {
            Phase::Running
        } else if self.reviewing() {
            Phase::Review
        } else {
            match writes_left {
                None if has_errors(&self.findings) => Phase::Blocked,
                Some(false) => Phase::Finished,
                _ => Phase::Running,
            }
        }
    }

    fn reviewing(&self) -> bool {
        !self.confirmed && self.writes.as_ref().is_some_and(|w| !w.is_empty())
    }

    /// The admin confirmed the reviewed writes.
    pub fn confirm(&mut self) {
        self.confirmed = true;
    }

    /// The plan kept the registration's valid secret and nothing is written yet: the admin
    /// may still ask for a new one (e.g. the value Webex Connect uses is lost).
    pub fn can_request_new_secret(&self) -> bool {
        self.add_secret == AddSecret::IfNeeded
            && self.writes.is_some()
            && self.next_write == 0
            && self.in_flight.is_none()
            && self.findings.iter().any(says_secret_kept)
    }

    /// The admin asked for a new client secret: the writes are planned again from the reads
    /// already done (no request), and reviewed again.
    pub fn request_new_secret(&mut self) {
        if !self.can_request_new_secret() {
            return;
        }
        self.add_secret = AddSecret::Requested;
        let planned = self.writes.take().map_or(0, |w| w.len());
        self.entries.truncate(self.entries.len().saturating_sub(planned));
        self.confirmed = false;
    }

    /// The writes the run will make (known once every read is done).
    pub fn planned_writes(&self) -> &[Operation] {
        self.writes.as_deref().unwrap_or(&[])
    }

    /// Loads the next round trip; `false` when there is nothing more (or writes are blocked).
    fn load_next(&mut self) -> bool {
        if self.writes.is_none() {
            let plan = self.plan();
            let missing: Vec<Operation> =
                plan.leading_reads().iter().filter(|o| record::is_unknown(&self.observed, o.id)).cloned().collect();
            if !missing.is_empty() {
                let chunk: Vec<Operation> = missing.into_iter().take(batch::MAX_REQUESTS).collect();
                for op in &chunk {
                    self.add_entry(op);
                }
                self.in_flight = Some(InFlight { attempts: vec![0; chunk.len()], ops: chunk });
                return true;
            }
            self.findings = plan.findings.clone();
            if has_errors(&plan.findings) {
                return false;
            }
            let writes: Vec<Operation> = plan.writes().cloned().collect();
            for op in &writes {
                self.add_entry(op);
            }
            let review = !writes.is_empty();
            self.writes = Some(writes);
            self.fill_known_outcome();
            if review {
                return false;
            }
        }
        let Some(op) = self.writes.as_ref().and_then(|w| w.get(self.next_write)).cloned() else {
            return false;
        };
        self.in_flight = Some(InFlight { ops: vec![op], attempts: vec![0] });
        true
    }

    /// What Graph answered to the round trip `next_step()` returned, in request order.
    pub fn record(&mut self, answers: Vec<Answer>, now_ms: i64) -> After {
        let Some(mut flight) = self.in_flight.take() else { return After::Continue };
        self.outcome.round_trips += 1;
        let mut retry: Vec<(Operation, u32)> = Vec::new();
        let mut wait: Option<(u64, Why)> = None;
        for (i, op) in flight.ops.drain(..).enumerate() {
            let attempt = flight.attempts.get(i).copied().unwrap_or(0) + 1;
            let answer = answers.get(i).cloned().unwrap_or_else(|| Answer::new(0, ""));
            match record::apply(&mut self.observed, &mut self.vars, &op, &answer) {
                Recorded::Done => {
                    if op.kind == Kind::Write {
                        self.after_write(&op, &answer);
                    }
                    self.set_progress(op.id, Progress::Done { status: answer.status });
                }
                Recorded::Incomplete => {
                    self.set_progress(op.id, Progress::Failed { status: answer.status });
                    let m = Message::new("graph.apply.answer_incomplete").with("op", op.id);
                    self.failure.get_or_insert(m.with("status", answer.status.to_string()));
                }
                Recorded::Failed(error) => {
                    if answer.status == 401 {
                        self.set_progress(op.id, Progress::Waiting);
                        retry.push((op, attempt - 1));
                        self.sign_in_again = true;
                        continue;
                    }
                    let after_create = op.needs().iter().any(|v| self.created.contains(v));
                    match retry::decide_answer(&answer, attempt, now_ms, after_create) {
                        Decision::Retry { after_ms, why } => {
                            self.set_progress(op.id, Progress::Retrying { attempt, after_ms, why });
                            wait = Some(wait.map_or((after_ms, why), |(w, y)| (w.max(after_ms), y)));
                            retry.push((op, attempt));
                        }
                        Decision::Stop { gave_up } => {
                            self.set_progress(op.id, Progress::Failed { status: answer.status });
                            let key = if gave_up { "graph.apply.gave_up" } else { "graph.apply.failed" };
                            let m = Message::new(key).with("op", op.id).with("status", answer.status.to_string());
                            self.failure.get_or_insert(m.with("error", error));
                        }
                    }
                }
            }
        }
        if !retry.is_empty() && self.failure.is_none() {
            let (ops, attempts) = retry.into_iter().unzip();
            self.in_flight = Some(InFlight { ops, attempts });
        }
        if self.failure.is_some() {
            self.in_flight = None;
            return After::Stop;
        }
        if self.sign_in_again {
            return After::SignInAgain;
        }
        match wait {
            Some((ms, why)) => After::Wait { ms, why },
            None => After::Continue,
        }
    }

    /// The network refused the request (no answer at all): stops, what was done stays done.
    pub fn transport_failed(&mut self, detail: &str) {
        if let Some(flight) = self.in_flight.take() {
            for op in &flight.ops {
                self.set_progress(op.id, Progress::Failed { status: 0 });
            }
        }
        self.failure = Some(Message::new("graph.apply.network").with("detail", detail));
    }

    fn after_write(&mut self, op: &Operation, answer: &Answer) {
        self.next_write += 1;
        self.outcome.writes_done += 1;
        for c in &op.captures {
            if self.vars.get(c.var).is_some() && !self.created.contains(&c.var) {
                self.created.push(c.var);
            }
        }
        if op.id == super::ops::ADD_PASSWORD_OP {
            if let Ok(added) = super::parse::added_password(&answer.body) {
                self.observed.secret_key_id = Some(added.key_id.clone());
                self.outcome.secret = Some(added.into());
            }
        }
        if let Some(app_id) = self.vars.get(Var::AppId) {
            self.outcome.client_id = Some(app_id.to_string());
        }
    }

    /// Tenant and client id as the reads found them.
    fn fill_known_outcome(&mut self) {
        self.outcome.tenant_id = self.observed.organization.found().map(|o| o.id.clone());
        self.outcome.client_id = record::chosen_app(&self.observed).map(|a| a.app_id.clone());
    }

    fn add_entry(&mut self, op: &Operation) {
        let shown = op.redacted();
        self.entries.push(Entry {
            op_id: op.id,
            kind: op.kind,
            purpose: op.purpose.clone(),
            method: shown.method,
            url: shown.url,
            progress: Progress::Waiting,
        });
    }

    /// The latest entry of the operation (a read planned again after a write has a new one).
    fn set_progress(&mut self, op_id: &str, progress: Progress) {
        if let Some(e) = self.entries.iter_mut().rev().find(|e| e.op_id == op_id) {
            e.progress = progress;
        }
    }
}

/// A request needs a value no earlier answer gave (the plan and the answers disagree).
pub(super) fn value_missing(var: Var, op_id: &str) -> Message {
    Message::new("graph.apply.value_missing").with("value", var.name()).with("op", op_id)
}
