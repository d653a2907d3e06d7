//! Print, and "Start over" with an inline confirmation (a native confirm() dialog cannot be
//! translated, styled or tested reliably).

use leptos::html;
use leptos::prelude::*;

use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

#[component]
pub fn Print() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="summary-print" aria-labelledby="summary-print-title">
            <h2 id="summary-print-title">{i18n.text("summary.print_title")}</h2>
            <div class="actions">
                <button
                    type="button"
                    data-action="print"
                    on:click=move |_| {
                        if let Some(w) = crate::platform::window() {
                            let _ = w.print();
                        }
                    }
                >
                    {i18n.text("summary.print")}
                </button>
            </div>
        </section>
    }
}

#[component]
pub fn StartOver() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let asking = RwSignal::new(false);
    let cancel_ref = NodeRef::<html::Button>::new();
    let ask_ref = NodeRef::<html::Button>::new();
    // Keyboard users land on the safe choice when the question appears, and back on the
    // button that asked when it is dismissed.
    Effect::new(move |prev: Option<bool>| {
        let now = asking.get();
        if prev.is_some() {
            let target = if now { cancel_ref.get() } else { ask_ref.get() };
            if let Some(el) = target {
                let _ = el.focus();
            }
        }
        now
    });
    view! {
        <section class="summary-start-over" aria-labelledby="summary-start-over-title">
            <h2 id="summary-start-over-title">{i18n.text("summary.start_over_title")}</h2>
            <div class="actions">
                <button
                    type="button"
                    class="danger"
                    data-action="start-over"
                    node_ref=ask_ref
                    aria-expanded=move || asking.get().to_string()
                    aria-controls="start-over-confirm"
                    on:click=move |_| asking.set(true)
                >
                    {i18n.text("summary.start_over")}
                </button>
            </div>
            <div id="start-over-confirm" role="group" aria-labelledby="start-over-question" hidden=move || !asking.get()>
                <p class="msg msg-warning" id="start-over-question">{i18n.text("summary.start_over_confirm")}</p>
                <div class="actions">
                    <button type="button" class="danger" data-action="start-over-confirm"
                        on:click=move |_| {
                            asking.set(false);
                            state.start_over();
                        }>
                        {i18n.text("summary.start_over_yes")}
                    </button>
                    <button type="button" data-action="start-over-cancel" node_ref=cancel_ref
                        on:click=move |_| asking.set(false)>
                        {i18n.text("summary.start_over_no")}
                    </button>
                </div>
            </div>
        </section>
    }
}
