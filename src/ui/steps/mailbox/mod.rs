//! Step 3: the mailbox. Exchange Online settings that Graph cannot change. It opens with the
//! choice of how (the generated PowerShell script, or by hand in the Microsoft 365 consoles)
//! and shows only the chosen way; the values both ways use come first.

mod by_hand;
mod script;

use leptos::prelude::*;

use crate::domain::model::OutboundPolicy;
use crate::domain::path::MailboxPath;
use crate::domain::{Field, Step};
use crate::ui::components::{Choice, PathChoice, RadioField, TextField};
use crate::ui::state::use_state;

#[component]
pub fn MailboxStep() -> impl IntoView {
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
    let shown = Memo::new(move |_| state.setup.with(|s| s.paths.mailbox));
    view! {
        <PathChoice step=Step::Mailbox/>
        <TextField field=Field::MailboxAddress input_type="email" hint="mailbox_step.address_hint"
            placeholder="support@contoso.com"/>
        <TextField field=Field::MailboxUserPrincipalName input_type="email" hint="mailbox_step.upn_hint"
            placeholder="support@contoso.onmicrosoft.com"/>
        <RadioField field=Field::MailboxOutboundPolicy choices=choices selected=policy on_select=on_policy/>
        // One branch per way, built afresh when chosen (see the Entra step).
        {MailboxPath::ALL.map(|path| {
            let chosen = Memo::new(move |_| shown.get() == Some(path));
            move || chosen.get().then(|| {
                let body = match path {
                    MailboxPath::Script => view! { <script::ScriptPath/> }.into_any(),
                    MailboxPath::ByHand => view! { <by_hand::ByHand/> }.into_any(),
                };
                view! { <div class="path-body" data-path-body=path.as_str()>{body}</div> }
            })
        })}
        <crate::ui::MailboxChecks/>
    }
}
