//! The Exchange side, read-only: the check script to download or copy, and its output pasted
//! or opened here. The output is parsed as data (never shown as markup); a refused paste
//! changes nothing, the last good result stays.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::store::store;
use crate::domain::email::EmailAddress;
use crate::domain::exchange_check::output::{decode_text, parse, MAX_BYTES};
use crate::domain::exchange_check::verdict::{verdicts, State, Verdict};
use crate::domain::exchange_check::{check_script, SCRIPT_FILE_NAME};
use crate::domain::powershell::SCRIPT_BOM;
use crate::domain::{Field, Message};
use crate::platform::{download, files};
use crate::ui::components::{CopyButton, FramedNote, PasteArea, TextField};
use crate::ui::diagnostics::RevisitLink;
use crate::ui::i18n::use_i18n;
use crate::ui::state::{use_state, AppState};

const OUTPUT_ID: &str = "day-two-exchange-output";
const FILE_ID: &str = "day-two-exchange-file";

/// Reads a pasted or opened output; a refusal leaves the previous result as it was.
fn take(state: AppState, text: &str) {
    let s = store();
    let (address, upn) =
        state.setup.with_untracked(|s| (s.mailbox.address.clone(), s.mailbox.user_principal_name.clone()));
    match parse(text, &[&address, &upn]) {
        Ok(out) => {
            s.exchange.set(Some(out));
            s.exchange_problem.set(None);
        }
        Err(p) => s.exchange_problem.set(Some(p.message())),
    }
}

#[component]
pub fn ExchangeCheck() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let store = store();
    let pasted = RwSignal::new(String::new());
    let saved = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let script = Memo::new(move |_| {
        state
            .setup
            .with(|s| EmailAddress::parse(&s.mailbox.address).ok().map(|m| check_script(s.azure.cloud, m.as_str())))
    });
    let save = move |_| {
        let Some(text) = script.get_untracked() else { return };
        let ok = download::save(SCRIPT_FILE_NAME, "text/plain", &format!("{SCRIPT_BOM}{text}")).is_ok();
        failed.set(!ok);
        saved.set(ok);
    };
    let open = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            match files::read_bytes(&file, MAX_BYTES).await {
                Ok(bytes) => take(state, &decode_text(&bytes)),
                Err(files::FileError::TooLarge { size, .. }) => store.exchange_problem.set(Some(
                    Message::new("exchange.parse.too_large")
                        .with("size", format!("{size:.0}"))
                        .with("max", MAX_BYTES.to_string()),
                )),
                Err(files::FileError::Unreadable) => {
                    store.exchange_problem.set(Some(Message::new("day_two.exchange.unreadable")))
                }
            }
        });
    };
    // A keystroke anywhere in the setup re-reads the verdicts; the list is rebuilt only when one changed.
    let verdict_list: Memo<Option<Vec<Verdict>>> =
        Memo::new(move |_| store.exchange.with(|o| o.as_ref().map(|o| state.setup.with(|s| verdicts(o, s)))));
    let results = move || {
        let list = verdict_list.get()?;
        let change = list.iter().filter(|v| v.state == State::Change).count();
        let summary = Message::new("day_two.exchange.summary").with("count", change.to_string());
        Some(view! {
            <p class="value" data-exchange-summary=change.to_string()>{i18n.msg(&summary)}</p>
            <ul class="messages verdicts" data-verdicts="">
                {list.into_iter().map(|v| view! { <VerdictItem verdict=v/> }).collect_view()}
            </ul>
        })
    };
    view! {
        <section class="day-two-exchange" data-section="exchange-check" aria-labelledby="exchange-check-title">
            <h3 id="exchange-check-title">{i18n.text("day_two.exchange.title")}</h3>
            <p class="hint">{i18n.text("day_two.exchange.intro")}</p>
            <TextField field=Field::MailboxAddress input_type="email" hint="day_two.exchange.mailbox_hint"/>
            {move || match script.get() {
                None => view! { <p class="hint" data-note="exchange-needs-mailbox">{i18n.t("day_two.exchange.needs_mailbox")}</p> }.into_any(),
                Some(text) => view! {
                    <div class="actions">
                        <button type="button" data-action="exchange-script" on:click=save>
                            {i18n.msg(&Message::new("day_two.exchange.download").with("file", SCRIPT_FILE_NAME))}
                        </button>
                        <CopyButton value=text.clone() label=i18n.t("day_two.exchange.script_label")/>
                    </div>
                    <details>
                        <summary>{i18n.t("day_two.exchange.show_script")}</summary>
                        // Scrolls when long: focusable, so a keyboard can scroll it too.
                        <pre class="script" data-exchange-script="" tabindex="0" role="region"
                            aria-label=i18n.t("day_two.exchange.script_label")><code>{text}</code></pre>
                    </details>
                }.into_any(),
            }}
            {move || failed.get().then(|| view! { <p class="msg msg-error" role="alert">{i18n.t("day_two.exchange.download_failed")}</p> })}
            <FramedNote message="hosting.framed.download_note" shown=saved/>
            <ol class="instructions">
                <li>{i18n.text("day_two.exchange.run_1")}</li>
                <li>{move || i18n.msg(&Message::new("day_two.exchange.run_2").with("file", SCRIPT_FILE_NAME))}</li>
                <li>{i18n.text("day_two.exchange.run_3")}</li>
            </ol>
            <PasteArea id=OUTPUT_ID label="day_two.exchange.output_label" hint="day_two.exchange.output_hint"
                value=pasted on_input=move |t| pasted.set(t)/>
            <div class="actions">
                <button type="button" class="primary" data-action="exchange-read"
                    on:click=move |_| take(state, &pasted.get_untracked())>
                    {i18n.text("day_two.exchange.read")}
                </button>
                <label for=FILE_ID class="file-label">{i18n.text("day_two.exchange.open")}</label>
                <input type="file" id=FILE_ID accept=".json,.txt,application/json,text/plain" on:change=open/>
            </div>
            <div role="status">
                {move || store.exchange_problem.get().map(|m| {
                    let key = m.key;
                    view! { <p class="msg msg-error" data-exchange-problem=key>{i18n.msg(&m)}</p> }
                })}
                {results}
            </div>
        </section>
    }
}

#[component]
fn VerdictItem(verdict: Verdict) -> impl IntoView {
    let i18n = use_i18n();
    let class = match verdict.state {
        State::Holds => "msg msg-ok",
        State::Change => "msg msg-error",
        State::Unknown => "msg msg-warning",
    };
    let field = verdict.item.field();
    let item = verdict.item.as_str();
    let message = verdict.message;
    let key = message.key;
    view! {
        <li class=class data-item=item data-state=verdict.state.as_str() data-verdict=key>
            <strong>{move || i18n.t(&format!("day_two.exchange.item.{item}"))} ": "</strong>
            <span class="sr-only">{move || i18n.t(&format!("day_two.exchange.state.{}", verdict.state.as_str()))} ": "</span>
            {move || i18n.msg(&message)}
            " "
            <span class="revisit">{i18n.text("day_two.fix_at")} ": " <RevisitLink step=field.step() field=Some(field)/></span>
        </li>
    }
}
