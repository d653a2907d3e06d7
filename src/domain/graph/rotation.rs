//! Rotating the client secret without a mail outage, as ONE pure state machine for both modes
//! (connected: this app sends the Graph requests; manual: the admin does each step in the
//! Entra admin center or with a script, and says so):
//!
//! (a) `Add`: a new secret, reviewed first (lifetime chosen); its value is handed out once
//!     (`take_secret`) into the wizard's memory-only secrets, never kept here.
//! (b) `UpdateWebex`: the admin puts it into Webex Connect ([Client Secret], [Generate Token]
//!     signed in as the mailbox user, [Save]).
//! (c) `Prove`: a test send through the asset and/or the admin's confirmation.
//! (d) `Remove`: only then the old secret(s), reviewed first, by keyId; never the new one.
//!
//! Until (d) both secrets are valid, so stopping anywhere breaks nothing (`status` says so).
//! A refused token (401) mid-way waits for a new sign-in and sends the same request again,
//! like the provisioning run (`apply::After::SignInAgain`).

use super::answer::Answer;
use super::apply::{After, NewSecret, Next};
use super::op::Operation;
use super::parse::added_password;
use super::plan::{SecretLifetime, SECRET_DISPLAY_NAME};
use super::retry::{self, Decision};
pub use super::rotation_ops::Target;
use super::rotation_ops::{add_password, remove_password};
use super::round_trip::RoundTrip;
use super::secrets::ListedSecret;
use crate::domain::date::rfc3339_from_unix_millis;
use crate::domain::finding::Message;
use crate::domain::guid::Guid;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Connected,
    Manual,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    Add,
    UpdateWebex,
    Prove,
    Remove,
    Done,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Add => "add",
            Stage::UpdateWebex => "update-webex",
            Stage::Prove => "prove",
            Stage::Remove => "remove",
            Stage::Done => "done",
        }
    }
}

/// What showed the new secret works.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Proof {
    /// A message sent through the asset (Send Message API) arrived; its message id.
    TestSend { message_id: String },
    /// The admin says [Generate Token] succeeded and mail flows.
    Confirmed,
}

/// Why a step was refused. The domain refuses; the UI only shows why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// That is the secret this rotation just made.
    NewSecret,
    /// The step comes later: the rotation is at `Stage`.
    NotYet(Stage),
    NothingSelected,
    /// Not one of the secrets listed before the rotation.
    UnknownSecret(String),
    /// Not a Secret ID (a GUID); perhaps the value was pasted.
    NotASecretId(String),
    /// The Secret ID of a secret that existed before the rotation, given as the new one.
    OldSecret(String),
}

impl Refusal {
    pub fn message(&self) -> Message {
        match self {
            Refusal::NewSecret => Message::new("rotation.refused.new_secret"),
            Refusal::NotYet(_) => Message::new("rotation.refused.not_yet"),
            Refusal::NothingSelected => Message::new("rotation.refused.nothing_selected"),
            Refusal::UnknownSecret(k) => Message::new("rotation.refused.unknown").with("key_id", k.clone()),
            Refusal::NotASecretId(_) => Message::new("rotation.refused.not_a_secret_id"),
            Refusal::OldSecret(k) => Message::new("rotation.refused.old_secret").with("key_id", k.clone()),
        }
    }
}

/// The new secret, without its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewKey {
    pub key_id: String,
    pub end_date_time: String,
}

#[derive(Clone, Debug)]
pub struct Rotation {
    mode: Mode,
    target: Target,
    /// The secrets listed before the rotation started (the old ones).
    old: Vec<ListedSecret>,
    lifetime: SecretLifetime,
    stage: Stage,
    new_key: Option<NewKey>,
    proof: Option<Proof>,
    /// Confirmed for removal, in order; `removed` are gone.
    removing: Vec<String>,
    removed: Vec<String>,
    in_flight: Option<(Operation, u32)>,
    sign_in_again: bool,
    failure: Option<Message>,
    /// The new value between the answer and `take_secret`.
    secret: Option<NewSecret>,
}

impl Rotation {
    pub fn new(mode: Mode, target: Target, old: Vec<ListedSecret>, lifetime: SecretLifetime) -> Rotation {
        Rotation {
            mode,
            target,
            old,
            lifetime,
            stage: Stage::Add,
            new_key: None,
            proof: None,
            removing: Vec::new(),
            removed: Vec::new(),
            in_flight: None,
            sign_in_again: false,
            failure: None,
            secret: None,
        }
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }
    pub fn stage(&self) -> Stage {
        self.stage
    }
    pub fn old(&self) -> &[ListedSecret] {
        &self.old
    }
    pub fn new_key(&self) -> Option<&NewKey> {
        self.new_key.as_ref()
    }
    pub fn proof(&self) -> Option<&Proof> {
        self.proof.as_ref()
    }
    pub fn removed(&self) -> &[String] {
        &self.removed
    }
    pub fn failure(&self) -> Option<&Message> {
        self.failure.as_ref()
    }
    pub fn lifetime(&self) -> SecretLifetime {
        self.lifetime
    }
    pub fn target(&self) -> &Target {
        &self.target
    }
    /// A request is waiting to be sent or answered.
    pub fn busy(&self) -> bool {
        self.in_flight.is_some() && !self.sign_in_again
    }
    pub fn waiting_for_sign_in(&self) -> bool {
        self.sign_in_again
    }

    /// The lifetime, while nothing is added yet.
    pub fn set_lifetime(&mut self, lifetime: SecretLifetime) {
        if self.stage == Stage::Add && self.in_flight.is_none() {
            self.lifetime = lifetime;
        }
    }

    /// (a) The request as the review shows it (and as the manual scripts send it).
    pub fn add_request(&self, now_ms: i64) -> Operation {
        let today = rfc3339_from_unix_millis(now_ms);
        let description = format!("{SECRET_DISPLAY_NAME} {}", today.get(..10).unwrap_or(""));
        add_password(&self.target, &description, &self.lifetime.end_from(now_ms))
    }

    /// (a) The admin confirmed the reviewed request (connected mode).
    pub fn confirm_add(&mut self, now_ms: i64) -> Result<(), Refusal> {
        self.at(Stage::Add)?;
        self.failure = None;
        self.in_flight = Some((self.add_request(now_ms), 0));
        Ok(())
    }

    /// (a) by hand: the Secret ID of the secret the admin added, and its expiry when known.
    pub fn added_by_hand(&mut self, key_id: &str, end: &str) -> Result<(), Refusal> {
        self.at(Stage::Add)?;
        let key = secret_id(key_id)?;
        if self.old.iter().any(|s| s.key_id.eq_ignore_ascii_case(&key)) {
            return Err(Refusal::OldSecret(key));
        }
        self.new_key = Some(NewKey { key_id: key, end_date_time: end.trim().to_string() });
        self.stage = Stage::UpdateWebex;
        Ok(())
    }

    /// (b) Webex Connect has the new secret (the admin says so).
    pub fn webex_updated(&mut self) -> Result<(), Refusal> {
        self.at(Stage::UpdateWebex)?;
        self.stage = Stage::Prove;
        Ok(())
    }

    /// (c) The new secret works.
    pub fn prove(&mut self, proof: Proof) -> Result<(), Refusal> {
        self.at(Stage::Prove)?;
        self.proof = Some(proof);
        self.stage = Stage::Remove;
        Ok(())
    }

    /// (d) The requests that remove `key_ids`, for review; refused unless the new secret is
    /// proven and every id is an old secret (never the new one).
    pub fn remove_request(&self, key_ids: &[String]) -> Result<Vec<Operation>, Refusal> {
        self.at(Stage::Remove)?;
        if key_ids.is_empty() {
            return Err(Refusal::NothingSelected);
        }
        key_ids
            .iter()
            .map(|k| {
                let key = secret_id(k)?;
                if self.new_key.as_ref().is_some_and(|n| n.key_id.eq_ignore_ascii_case(&key)) {
                    return Err(Refusal::NewSecret);
                }
                let listed = self.old.iter().find(|s| s.key_id.eq_ignore_ascii_case(&key));
                // With no list (manual mode, no audit) the admin's Secret ID is taken as typed.
                if listed.is_none() && !self.old.is_empty() {
                    return Err(Refusal::UnknownSecret(key));
                }
                Ok(remove_password(&self.target, &key, listed.map(|s| s.end_date()).unwrap_or("")))
            })
            .collect()
    }

    /// (d) The admin confirmed the reviewed removal (connected mode).
    pub fn confirm_remove(&mut self, key_ids: &[String]) -> Result<(), Refusal> {
        let mut ops = self.remove_request(key_ids)?;
        self.failure = None;
        self.removing = ops.iter().filter_map(|o| o.purpose.param("key_id").map(str::to_string)).collect();
        self.in_flight = Some((ops.remove(0), 0));
        Ok(())
    }

    /// (d) by hand: the admin removed these in the portal or with the script.
    pub fn removed_by_hand(&mut self, key_ids: &[String]) -> Result<(), Refusal> {
        self.remove_request(key_ids)?;
        self.removed.extend(key_ids.iter().map(|k| k.trim().to_ascii_lowercase()));
        self.stage = Stage::Done;
        Ok(())
    }

    fn at(&self, stage: Stage) -> Result<(), Refusal> {
        if self.stage != stage || self.in_flight.is_some() {
            return Err(Refusal::NotYet(self.stage));
        }
        Ok(())
    }

    /// The new secret's value, once: the caller puts it into the wizard's memory.
    pub fn take_secret(&mut self) -> Option<NewSecret> {
        self.secret.take()
    }

    /// What to send, or why nothing.
    pub fn next_step(&self) -> Next {
        if self.failure.is_some() {
            return Next::Failed;
        }
        if self.sign_in_again {
            return Next::SignInAgain;
        }
        match &self.in_flight {
            Some((op, _)) => match RoundTrip::of(std::slice::from_ref(op)) {
                Ok(trip) => Next::Send(trip),
                Err(_) => Next::Failed,
            },
            None if self.stage == Stage::Done => Next::Finished,
            None => Next::Review,
        }
    }

    pub fn signed_in_again(&mut self) {
        self.sign_in_again = false;
    }

    /// The session expired before sending: the request waits for a sign-in.
    pub fn hold_for_sign_in(&mut self) {
        if self.in_flight.is_some() {
            self.sign_in_again = true;
        }
    }

    /// The network gave no answer: stops; what was done stays done.
    pub fn transport_failed(&mut self, detail: &str) {
        self.in_flight = None;
        self.failure = Some(Message::new("graph.apply.network").with("detail", detail));
    }

    /// What Graph answered to the request `next_step` gave.
    pub fn record(&mut self, answer: &Answer, now_ms: i64) -> After {
        let Some((op, attempt)) = self.in_flight.take() else { return After::Continue };
        let removing = op.id == super::rotation_ops::REMOVE_OP;
        if answer.is_success() || (removing && answer.status == 404) {
            return if removing { self.removed_one(&op) } else { self.added(answer) };
        }
        if answer.status == 401 {
            self.in_flight = Some((op, attempt));
            self.sign_in_again = true;
            return After::SignInAgain;
        }
        // A 504 may hide an addPassword that happened: adding again would make a second secret.
        let retryable = answer.status != 504 || removing;
        match retry::decide_answer(answer, attempt + 1, now_ms, false) {
            Decision::Retry { after_ms, why } if retryable => {
                self.in_flight = Some((op, attempt + 1));
                After::Wait { ms: after_ms, why }
            }
            _ => {
                let graph = answer.error();
                let code = graph.as_ref().map(|g| g.code.as_str()).unwrap_or("");
                let error = graph.as_ref().map(|g| format!("{}: {}", g.code, g.message)).unwrap_or_default();
                self.failure = Some(if code == "CredentialInvalidLifetimeAsPerAppPolicy" {
                    Message::new("rotation.add.lifetime_policy").with("days", self.lifetime.days().to_string())
                } else {
                    let key = if removing { "rotation.remove.failed" } else { "rotation.add.failed" };
                    Message::new(key).with("status", answer.status.to_string()).with("error", error)
                });
                After::Stop
            }
        }
    }

    fn added(&mut self, answer: &Answer) -> After {
        match added_password(&answer.body) {
            Ok(a) => {
                self.new_key = Some(NewKey { key_id: a.key_id.clone(), end_date_time: a.end_date_time.clone() });
                self.secret = Some(NewSecret::from(a));
                self.stage = Stage::UpdateWebex;
                After::Continue
            }
            Err(e) => {
                self.failure = Some(Message::new("rotation.add.unreadable").with("detail", e.detail));
                After::Stop
            }
        }
    }

    fn removed_one(&mut self, op: &Operation) -> After {
        if let Some(key) = op.purpose.param("key_id") {
            self.removed.push(key.to_string());
        }
        let next = self.removing.iter().find(|k| !self.removed.contains(k)).cloned();
        match next.and_then(|k| self.remove_request(&[k]).ok()).and_then(|mut ops| ops.pop()) {
            Some(op) => self.in_flight = Some((op, 0)),
            None => self.stage = Stage::Done,
        }
        After::Continue
    }

    /// Where things stand, in words: after (a) and until (d), both secrets are valid.
    pub fn status(&self) -> Message {
        let valid_old = self.old.iter().filter(|s| s.validity.is_valid()).count().to_string();
        let new_end = self.new_key.as_ref().map(|k| k.end_date_time.get(..10).unwrap_or("").to_string());
        match (self.stage, new_end) {
            (Stage::Add, _) | (_, None) => Message::new("rotation.status.not_started").with("count", valid_old),
            (Stage::Done, Some(end)) => Message::new("rotation.status.done").with("expires", end),
            (_, Some(end)) => Message::new("rotation.status.both_valid").with("count", valid_old).with("expires", end),
        }
    }
}

/// A Secret ID as typed: a GUID, lower-case.
fn secret_id(typed: &str) -> Result<String, Refusal> {
    Guid::parse(typed).map(|g| g.to_string()).map_err(|_| Refusal::NotASecretId(typed.trim().to_string()))
}

#[cfg(test)]
#[path = "rotation_tests.rs"]
mod tests;
