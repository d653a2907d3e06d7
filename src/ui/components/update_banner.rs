use leptos::prelude::*;

use crate::platform::hosting::{reload, update_ready, UPDATE_READY_EVENT};
use crate::ui::i18n::use_i18n;

/// Says a newer deployment is ready (the service worker has taken it; the next load runs it)
/// and offers to reload now. The live region exists from the start, so screen readers
/// announce the message when it appears.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let i18n = use_i18n();
    let ready = RwSignal::new(update_ready());
    let listener = window_event_listener_untyped(UPDATE_READY_EVENT, move |_| ready.set(true));
    on_cleanup(move || listener.remove());
    view! {
        <div class="update-region" role="status">
            {move || ready.get().then(|| view! {
                <div class="banner banner-info" data-update="ready">
                    <span>{i18n.t("hosting.update.ready")}</span>
                    " "
                    <button type="button" data-action="reload-update" on:click=move |_| {
                        let _ = reload();
                    }>
                        {i18n.t("hosting.update.reload")}
                    </button>
                </div>
            })}
        </div>
    }
}
