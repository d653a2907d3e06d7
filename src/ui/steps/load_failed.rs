//! What a step shows when its module could not be fetched (see `lazy`).

use leptos::prelude::*;

use crate::ui::i18n::use_i18n;

#[component]
pub fn StepLoadFailed(retry: impl Fn() + 'static) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="banner banner-warning" role="alert" data-step-load="failed">
            <p>{i18n.text("app.step_load_failed")}</p>
            <button type="button" class="button" on:click=move |_| retry()>{i18n.text("app.step_load_retry")}</button>
        </div>
    }
}
