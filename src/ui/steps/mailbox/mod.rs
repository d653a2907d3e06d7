//! Step 3: the mailbox. Exchange Online settings that Graph cannot change, either as a
//! generated PowerShell script or by hand in the Microsoft 365 consoles.

use leptos::prelude::*;

use crate::domain::model::OutboundPolicy;
use crate::domain::powershell::{
    default_policy_name, mailbox_script, script_file_name, MailboxScriptInput, SCRIPT_BOM,
};
use crate::domain::{Field, Message, Severity};
use crate::platform::download;
use crate::ui::components::{Choice, CopyButton, FramedNote, RadioField, TextField};
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

#[component]
pub fn MailboxStep() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let policy = Signal::derive(move || state.setup.with(|s| s.mailbox.outbound_policy.as_str()));
    let on_policy = move |value: &'static str| {
        if let Some(p) = OutboundPolicy::parse(value) {
            state.setup.update(|s| s.mailbox.outbound_policy = p);
        }
    };
    let choices = vec![
        Choice {
            value: OutboundPolicy::ScopedCustomPolicy.as_str(),
            label_key: "mailbox_step.policy.scoped",
            description_key: Some("mailbox_step.policy.scoped_detail"),
        },
        Choice {
            value: OutboundPolicy::DefaultPolicy.as_str(),
            label_key: "mailbox_step.policy.default",
            description_key: Some("mailbox_step.policy.default_detail"),
        },
    ];
    let scoped = move || policy.get() == OutboundPolicy::ScopedCustomPolicy.as_str();
    view! {
        <TextField field=Field::MailboxAddress input_type="email" hint="mailbox_step.address_hint"
            placeholder="support@contoso.com"/>
        <TextField field=Field::MailboxUserPrincipalName input_type="email" hint="mailbox_step.upn_hint"
            placeholder="support@contoso.onmicrosoft.com"/>
        <RadioField field=Field::MailboxOutboundPolicy choices=choices selected=policy on_select=on_policy/>

        <h2>{move || i18n.t("mailbox_step.script_title")}</h2>
        <p>{move || i18n.t("mailbox_step.script_intro")}</p>
        <ScriptBlock/>

        <h2>{move || i18n.t("mailbox_step.manual_title")}</h2>
        <p>{move || i18n.t("mailbox_step.manual_intro")}</p>
        <h3>{move || i18n.t("mailbox_step.admin_center_title")}</h3>
        <ol class="instructions" data-guide="admin-center">
            <li>{move || i18n.t("mailbox_step.admin_center_1")}</li>
            <li>{move || i18n.t("mailbox_step.admin_center_2")}</li>
            <li>{move || i18n.t("mailbox_step.admin_center_3")}</li>
            <li>{move || i18n.t("mailbox_step.admin_center_4")}</li>
        </ol>
        <h3>{move || i18n.t("mailbox_step.defender_title")}</h3>
        <ol class="instructions" data-guide="defender">
            <li>{move || i18n.t("mailbox_step.defender_1")}</li>
            {move || if scoped() {
                view! {
                    <li>{i18n.t("mailbox_step.defender_scoped_2")}</li>
                    <li>{i18n.t("mailbox_step.defender_scoped_3")}</li>
                }.into_any()
            } else {
                view! {
                    <li>{i18n.t("mailbox_step.defender_default_2")}</li>
                    <li>{i18n.t("mailbox_step.defender_default_3")}</li>
                }.into_any()
            }}
        </ol>
        <p class="msg msg-info" data-note="organization-customization">
            {move || i18n.t("mailbox_step.customization_note")}
        </p>
        <crate::ui::MailboxChecks/>
    }
}

/// The generated script, live, with Copy and Download (.ps1) and how to run it.
#[component]
fn ScriptBlock() -> impl IntoView {
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
        <h3>{move || i18n.t("mailbox_step.run_title")}</h3>
        <ol class="instructions" data-guide="run-script">
            <li>{move || i18n.t("mailbox_step.run_1")}</li>
            <li>{move || i18n.t("mailbox_step.run_2")}</li>
            <li>{move || i18n.msg(&Message::new("mailbox_step.run_3").with("file", file_name.get()))}</li>
            <li>{move || i18n.msg(&Message::new("mailbox_step.run_4").with("file", file_name.get()))}</li>
            <li>{move || i18n.t("mailbox_step.run_5")}</li>
        </ol>
    }
}
