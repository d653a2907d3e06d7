//! The run, step by step: each request with where it stands (waiting, sent, done, retrying
//! after a wait, failed).

use leptos::prelude::*;

use crate::domain::graph::apply::{Entry, Progress};
use crate::domain::graph::retry::Why;
use crate::domain::Message;
use crate::ui::i18n::use_i18n;

fn state_of(p: &Progress) -> (&'static str, Message) {
    match p {
        Progress::Waiting => ("waiting", Message::new("provision.progress.waiting")),
        Progress::Sending => ("sending", Message::new("provision.progress.sending")),
        // A lookup that found nothing answered as hoped: the thing is simply not there yet.
        Progress::Done { status: 404 } => ("done", Message::new("provision.progress.absent")),
        Progress::Done { status } => {
            ("done", Message::new("provision.progress.done").with("status", status.to_string()))
        }
        Progress::Retrying { attempt, after_ms, why } => {
            let key = match why {
                Why::Throttled => "provision.progress.throttled",
                Why::Unavailable => "provision.progress.unavailable",
                Why::Replication => "provision.progress.replication",
            };
            let seconds = after_ms.div_ceil(1000).to_string();
            ("retrying", Message::new(key).with("seconds", seconds).with("attempt", attempt.to_string()))
        }
        Progress::Failed { status } => {
            ("failed", Message::new("provision.progress.failed").with("status", status.to_string()))
        }
    }
}

#[component]
pub fn ProgressList(entries: Vec<Entry>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ol class="progress" data-progress-list="">
            {entries
                .into_iter()
                .map(|e| {
                    let (state, label) = state_of(&e.progress);
                    let purpose = e.purpose.clone();
                    view! {
                        <li data-op=e.op_id data-progress=state class=format!("progress-{state}")>
                            <span class="purpose">{move || i18n.msg(&purpose)}</span>
                            <code class="request">{e.method} " " {e.url}</code>
                            <span class="state">{move || i18n.msg(&label)}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
