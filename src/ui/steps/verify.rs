//! Step 5: the seed's three checks, each marked Passed / Failed / Not run with the time it
//! was marked. The time is stored as RFC 3339 (the export's form) and shown in the admin's
//! locale; a failed check points to the Troubleshoot step.

use leptos::prelude::*;

use crate::domain::date::rfc3339_from_unix_millis;
use crate::domain::model::{CheckId, CheckResult, CheckStatus};
use crate::domain::{Field, Message, Step};
use crate::platform::clock;
use crate::ui::components::Fold;
use crate::ui::i18n::{use_i18n, I18n};
use crate::ui::state::use_state;

/// Order of the buttons: the outcome first, "Not run" (the reset) last.
const STATUSES: [CheckStatus; 3] = [CheckStatus::Passed, CheckStatus::Failed, CheckStatus::NotRun];

pub fn check_label_key(id: CheckId) -> String {
    format!("verify.check.{}", id.as_str())
}

fn status_label_key(status: CheckStatus) -> String {
    format!("verify.status.{}", status.as_str())
}

/// The domain's "check failed" finding for one check, with the check's label in place of
/// its id (the domain names the check; the label is the UI's to translate).
pub fn failed_messages(findings: &[crate::domain::Finding], id: CheckId, i18n: I18n) -> Vec<String> {
    findings
        .iter()
        .filter(|f| f.field == Field::VerificationChecks && f.message.param("check") == Some(id.as_str()))
        .map(|f| {
            let mut message: Message = f.message.clone();
            for (name, value) in message.params.iter_mut() {
                if *name == "check" {
                    *value = i18n.t(&check_label_key(id));
                }
            }
            i18n.msg(&message)
        })
        .collect()
}

#[component]
pub fn VerifyStep() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let address = move || state.setup.with(|s| s.mailbox.address.trim().to_string());
    view! {
        <p class="value" data-verify="send-to">
            {i18n.text("verify.send_to")} ": "
            {move || {
                let a = address();
                if a.is_empty() {
                    view! { <span class="hint">{i18n.t("verify.no_mailbox")}</span> }.into_any()
                } else {
                    view! { <code data-value="mailbox.address">{a}</code> }.into_any()
                }
            }}
        </p>
        <p class="msg msg-warning" data-verify="not-from-mailbox">{i18n.text("verify.not_from_mailbox")}</p>
        <ol class="checks">
            {CheckId::ALL.into_iter().map(|id| view! { <CheckRow id=id/> }).collect_view()}
        </ol>
        <crate::ui::ConsentProof/>
        <Fold name="webex-api-send" line="fold.send_test"><crate::ui::TestSendPanel/></Fold>
        <Fold name="webex-api-cc" line="fold.cc_check"><crate::ui::ContactCenterCheck/></Fold>
    }
}

#[component]
fn CheckRow(id: CheckId) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let name = format!("verification.{}", id.as_str());
    let explain_id = format!("{name}--explain");
    let described_by = explain_id.clone();
    let result = Memo::new(move |_| state.setup.with(|s| s.verification.get(id).clone()));
    let mark = move |status: CheckStatus| {
        // "Not run" clears the time: there is nothing to search the debug console for.
        let time = match status {
            CheckStatus::NotRun => String::new(),
            _ => rfc3339_from_unix_millis(clock::now_unix_millis()),
        };
        state.setup.update(|s| *s.verification.get_mut(id) = CheckResult { status, time });
    };
    let failed = move || state.findings.with(|f| failed_messages(f, id, i18n));
    let radios = STATUSES
        .into_iter()
        .map(|status| {
            let input_id = format!("{name}--{}", status.as_str());
            view! {
                <span class="radio-inline">
                    <input
                        type="radio"
                        id=input_id.clone()
                        name=name.clone()
                        value=status.as_str()
                        prop:checked=move || result.with(|r| r.status == status)
                        on:change=move |_| mark(status)
                    />
                    <label for=input_id>{move || i18n.t(&status_label_key(status))}</label>
                </span>
            }
        })
        .collect_view();
    view! {
        <li class="check" data-check=id.as_str() data-status=move || result.with(|r| r.status.as_str())>
            <fieldset class="check-group" aria-describedby=described_by>
                <legend>{move || i18n.t(&check_label_key(id))}</legend>
                <p class="hint" id=explain_id>{move || i18n.t(&format!("{}.explain", check_label_key(id)))}</p>
                <div class="radios">{radios}</div>
                <p class="check-time" data-check-time=id.as_str()>
                    {move || {
                        let time = result.with(|r| r.time.clone());
                        if time.is_empty() {
                            view! { <span class="hint">{i18n.t("verify.not_marked")}</span> }.into_any()
                        } else {
                            let shown = i18n.time(&time);
                            view! {
                                {i18n.t("verify.marked_at")} ": "
                                <time datetime=time>{shown}</time>
                            }
                            .into_any()
                        }
                    }}
                </p>
                <div aria-live="polite">
                    {move || {
                        failed()
                            .into_iter()
                            .map(|text| {
                                view! {
                                    <p class="msg msg-error" data-key="verify.check_failed">
                                        {text} " "
                                        <a
                                            href=state.href(Step::Troubleshoot)
                                            data-link="troubleshoot"
                                            on:click=move |ev| state.follow_link(&ev, Step::Troubleshoot)
                                        >
                                            {i18n.t("verify.go_troubleshoot")}
                                        </a>
                                    </p>
                                }
                            })
                            .collect_view()
                    }}
                </div>
            </fieldset>
        </li>
    }
}
