//! Connected mode on step 3 (nothing without it): check the mailbox user and the consent setting (one `$batch`),
//! and send a test mail from the signed-in admin to the mailbox.

use leptos::prelude::*;

use super::findings::FindingLine;

use crate::domain::graph::apply::RoundTrip;
use crate::domain::graph::checks::{self, TestMailText};
use crate::domain::graph::{Action, Answer, Operation};
use crate::domain::{Field, Finding, Message};
use crate::platform::{clock, graph};
use crate::ui::connect;
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Check {
    Mailbox,
    TestMail,
}

/// Sends `ops` in one round trip; the answers, or the browser's reason as a finding on `field`.
pub(crate) async fn send(
    base: String,
    action: Action,
    ops: Vec<Operation>,
    field: Field,
) -> Result<Vec<Answer>, Finding> {
    let Ok(token) = connect::token_for(action) else {
        return Err(Finding::error(field, Message::new("provision.check.sign_in")));
    };
    let trip = RoundTrip::of(&ops).map_err(|v| {
        Finding::error(field, Message::new("graph.apply.value_missing").with("value", v.name()).with("op", "checks"))
    })?;
    graph::send(&base, token.secret(), &trip)
        .await
        .map_err(|detail| Finding::error(field, Message::new("graph.apply.network").with("detail", detail)))
}

#[component]
pub fn MailboxChecks() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let connected = move || state.config.with(|c| c.config().connected_mode());
    let results = RwSignal::new(Vec::<(Check, Vec<Finding>)>::new());
    let busy = RwSignal::new(None::<Check>);

    let run = move |check: Check| {
        let action = if check == Check::Mailbox { Action::CheckMailbox } else { Action::SendTestMail };
        let setup = state.setup.get_untracked();
        let base = state.config.with_untracked(|c| c.config().graph_base_url);
        let ops = match check {
            Check::Mailbox => checks::mailbox_check(&setup),
            Check::TestMail => {
                let time = i18n.time(&crate::domain::date::rfc3339_from_unix_millis(clock::now_unix_millis()));
                let text = TestMailText {
                    subject: i18n.msg(&TestMailText::subject_message(&time)),
                    body: i18n.msg(&TestMailText::body_message(&time)),
                };
                checks::test_mail(&setup, text).map(|op| vec![op])
            }
        };
        let show = move |findings: Vec<Finding>| {
            results.update(|r| {
                r.retain(|(c, _)| *c != check);
                r.push((check, findings));
            });
        };
        let ops = match ops {
            Ok(ops) => ops,
            Err(finding) => return show(vec![finding]),
        };
        // Resolves at once when the session already covers the action.
        let signing_in = connect::acquire(action);
        busy.set(Some(check));
        leptos::task::spawn_local(async move {
            if let Err(e) = signing_in.await {
                busy.set(None);
                return show(vec![Finding::error(Field::MailboxAddress, e.message())]);
            }
            let findings = match send(base, action, ops, Field::MailboxAddress).await {
                Ok(answers) => {
                    let none = Answer::new(0, "");
                    match check {
                        Check::Mailbox => checks::interpret_mailbox(
                            &setup,
                            answers.first().unwrap_or(&none),
                            answers.get(1).unwrap_or(&none),
                        ),
                        Check::TestMail => checks::interpret_test_mail(answers.first().unwrap_or(&none)),
                    }
                }
                Err(f) => vec![f],
            };
            busy.set(None);
            show(findings);
        });
    };
    let list = move |check: Check| {
        move || {
            results.with(|r| {
                r.iter().find(|(c, _)| *c == check).map(|(_, findings)| {
                    findings.iter().cloned().map(|f| view! { <FindingLine finding=f/> }).collect_view()
                })
            })
        }
    };
    // A check's button and, under it, what it found.
    let button = move |check: Check| {
        let (action, label, results) = match check {
            Check::Mailbox => ("check-mailbox", "provision.check.mailbox", "mailbox"),
            Check::TestMail => ("send-test-mail", "provision.check.test_mail", "test-mail"),
        };
        view! {
            <button type="button" data-action=action disabled=move || busy.get().is_some() on:click=move |_| run(check)>
                {i18n.t(label)}
            </button>
            // The live region wraps the list: a list may not take the status role itself.
            <div role="status"><ul class="findings" data-check-results=results>{list(check)}</ul></div>
        }
    };
    // Connected mode only: without it nothing here could run, so nothing is shown.
    move || {
        connected().then(|| {
            view! {
                <section class="checks" data-section="checks" aria-labelledby="checks-title">
                    <h2 id="checks-title">{i18n.t("provision.check.title")}</h2>
                    <p class="hint">{i18n.t("provision.check.intro")}</p>
                    {button(Check::Mailbox)}
                    <p class="hint">{i18n.t("provision.check.test_mail_hint")}</p>
                    {button(Check::TestMail)}
                </section>
            }
        })
    }
}
