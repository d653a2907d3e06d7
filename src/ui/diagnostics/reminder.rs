use leptos::prelude::*;

use super::today;
use crate::domain::diagnose::doctor::reminder_plan;
use crate::domain::diagnose::{secret_expiry_reminder, ReminderText, UtcStamp};
use crate::domain::{Message, Step};
use crate::platform::{clock, download};
use crate::ui::components::FramedNote;
use crate::ui::day_two::ROTATE_ANCHOR;
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

const DAYS_ID: &str = "diagnostics-reminder-days";
const REASON_ID: &str = "diagnostics-reminder-reason";

/// Downloads an .ics event some days before `azure.client_secret_expires`; disabled, with
/// the reason, while there is no usable expiry date.
#[component]
pub fn ReminderButton() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let days = RwSignal::new("14".to_string());
    let problem = RwSignal::new(None::<Message>);
    let started = RwSignal::new(false);
    let plan = Memo::new(move |_| {
        let expires = state.setup.with(|s| s.azure.client_secret_expires.clone());
        days.with(|d| reminder_plan(&expires, d, today()))
    });
    let download = move |_| {
        let Ok((expires, days_before)) = plan.get_untracked() else { return };
        let (app, client, tenant) = state.setup.with_untracked(|s| {
            (s.azure.app_display_name.clone(), s.azure.client_id.clone(), s.azure.tenant_id.clone())
        });
        let (summary, description) =
            untrack(|| (i18n.t(ReminderText::SUMMARY_KEY), i18n.t(ReminderText::DESCRIPTION_KEY)));
        // The rotation flow of this very app (the Troubleshoot step), absolute for a calendar.
        let rotate_url =
            crate::platform::location::resolve(&format!("{}#{}", state.href(Step::Troubleshoot), ROTATE_ANCHOR));
        let text = ReminderText { summary: &summary, description: &description, rotate_url: &rotate_url };
        let ics = UtcStamp::from_unix(clock::now_unix_millis().div_euclid(1000))
            .and_then(|now| secret_expiry_reminder(&app, &client, expires, days_before, &tenant, &now, &text));
        match ics {
            Ok(ics) => {
                let name = format!("client-secret-reminder-{}.ics", expires.iso());
                let failed = download::save(&name, "text/calendar;charset=utf-8", &ics).is_err();
                problem.set(failed.then(|| Message::new("diagnostics.download_failed")));
                started.set(!failed);
            }
            Err(p) => problem.set(Some(p.message())),
        }
    };
    view! {
        <section class="diagnostics reminder" data-diagnostics="reminder" aria-labelledby="reminder-title">
            <h2 id="reminder-title">{i18n.text("diagnostics.reminder.title")}</h2>
            <p class="hint">{i18n.text("diagnostics.reminder.hint")}</p>
            <div class="field">
                <label for=DAYS_ID>{i18n.text("diagnostics.reminder.days")}</label>
                <input
                    type="number"
                    id=DAYS_ID
                    min="0"
                    max="3660"
                    step="1"
                    inputmode="numeric"
                    aria-describedby=REASON_ID
                    prop:value=move || days.get()
                    on:input=move |ev| days.set(event_target_value(&ev))
                />
            </div>
            <div class="actions">
                <button type="button" data-action="download-reminder" on:click=download
                    disabled=move || plan.with(Result::is_err) aria-describedby=REASON_ID>
                    {i18n.text("token.reminder.download")}
                </button>
            </div>
            <p id=REASON_ID aria-live="polite">
                {move || plan.get().err().or_else(|| problem.get()).map(|m| view! {
                    <span class="msg msg-info" data-reminder-reason=m.key>{i18n.msg(&m)}</span>
                })}
            </p>
            <FramedNote message="hosting.framed.download_note" shown=started/>
        </section>
    }
}
