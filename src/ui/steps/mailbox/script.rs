//! Step 3 with the generated script: live, with Copy and Download (.ps1), and how to run it.

use leptos::prelude::*;

use crate::domain::mailbox_guide::run_script;
use crate::domain::powershell::{
    default_policy_name, mailbox_script, script_file_name, MailboxScriptInput, SCRIPT_BOM,
};
use crate::domain::{Field, Message, Severity};
use crate::platform::download;
use crate::ui::components::{CopyButton, FramedNote, InstructionItems};
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

#[component]
pub fn ScriptPath() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let script = Memo::new(move |_| {
        state.setup.with(|s| {
            let mailbox = s.mailbox.address.as_str();
            mailbox_script(&MailboxScriptInput {
                cloud: s.azure.cloud,
                mailbox,
                forwarding_address: &s.webex_connect.forwarding_address,
                outbound_policy: s.mailbox.outbound_policy,
                policy_name: &default_policy_name(mailbox),
            })
        })
    });
    let file_name = Memo::new(move |_| state.setup.with(|s| script_file_name(&s.mailbox.address)));
    let run_steps = Memo::new(move |_| file_name.with(|f| run_script(f)));
    // The script stops by itself on empty values; this only says why before it is run.
    let inputs_wrong = move || {
        state.findings.with(|all| {
            all.iter().any(|f| {
                f.severity == Severity::Error
                    && matches!(f.field, Field::MailboxAddress | Field::WebexForwardingAddress)
            })
        })
    };
    let download_failed = RwSignal::new(false);
    let started = RwSignal::new(false);
    let on_download = move |_| {
        let contents = format!("{SCRIPT_BOM}{}", script.get_untracked());
        let saved = download::save(&file_name.get_untracked(), "text/plain", &contents);
        download_failed.set(saved.is_err());
        started.set(saved.is_ok());
    };
    let script_label = Signal::derive(move || i18n.t("mailbox_step.script_label"));
    view! {
        <h2>{i18n.text("mailbox_step.script_title")}</h2>
        <p>{i18n.text("mailbox_step.script_intro")}</p>
        {move || inputs_wrong().then(|| view! {
            <p class="msg msg-warning" data-note="script-inputs">{i18n.t("mailbox_step.script_inputs_wrong")}</p>
        })}
        <pre class="script" data-script="mailbox" tabindex="0" aria-label=move || script_label.get()>
            <code>{move || script.get()}</code>
        </pre>
        <div class="actions">
            <CopyButton value=script label=script_label/>
            <button type="button" class="primary" data-action="download-script" on:click=on_download>
                {move || i18n.msg(&Message::new("mailbox_step.download").with("file", file_name.get()))}
            </button>
            {move || download_failed.get().then(|| view! {
                <span class="msg msg-error" role="alert">{i18n.t("mailbox_step.download_failed")}</span>
            })}
        </div>
        <FramedNote message="hosting.framed.download_note" shown=started/>
        <h3>{i18n.text("mailbox_step.run_title")}</h3>
        <ol class="instructions" data-guide="run-script">
            <InstructionItems instructions=run_steps/>
        </ol>
    }
}
