//! Step 3 by hand: the Microsoft 365 admin center, then the Microsoft Defender portal, with the
//! typed values to paste (`domain::mailbox_guide`).

use leptos::prelude::*;

use crate::domain::mailbox_guide::{admin_center, defender};
use crate::ui::components::InstructionItems;
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

#[component]
pub fn ByHand() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let admin_center = Memo::new(move |_| state.setup.with(admin_center));
    let defender = Memo::new(move |_| state.setup.with(defender));
    view! {
        <h2>{i18n.text("mailbox_step.manual_title")}</h2>
        <p>{i18n.text("mailbox_step.manual_intro")}</p>
        <h3>{i18n.text("mailbox_step.admin_center_title")}</h3>
        <ol class="instructions" data-guide="admin-center">
            <InstructionItems instructions=admin_center/>
        </ol>
        <h3>{i18n.text("mailbox_step.defender_title")}</h3>
        <ol class="instructions" data-guide="defender">
            <InstructionItems instructions=defender/>
        </ol>
        <p class="msg msg-info" data-note="organization-customization">
            {i18n.text("mailbox_step.customization_note")}
        </p>
    }
}
