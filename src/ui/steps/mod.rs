//! One module per wizard step.

mod entra_app;
mod lazy;
mod load_failed;
mod mailbox;
mod summary;
mod troubleshoot;
mod verify;
mod webex_app;
mod webex_oauth;

use leptos::prelude::*;

use crate::domain::Step;
use crate::ui::components::{StepNav, WhoCanDoIt};
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

/// Renders the step the route names, with its heading, intro and previous/next links. Step 1
/// is part of the main module; the others are in a module fetched once step 1 is idle, or when
/// one of them is opened first (see `lazy`). The section appears whole, once its body is there
/// (a link into a step finds what it points at); until then a status line says it is loading.
#[component]
pub fn StepPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    // Bumped by [Try again] after a step's module could not be fetched.
    let attempt = RwSignal::new(0u32);
    lazy::prefetch();
    let loading = move || {
        view! { <p class="hint" role="status" data-step-load="pending">{i18n.text("app.step_loading")}</p> }
    };
    let page = move || {
        let step = state.route.get();
        attempt.track();
        Suspend::new(async move {
            let body = body(step).await.unwrap_or_else(|_| {
                view! { <load_failed::StepLoadFailed retry=move || attempt.update(|n| *n += 1)/> }.into_any()
            });
            view! {
                <section class="step" data-step-page=step.slug() aria-labelledby="step-heading">
                    <h1 id="step-heading">
                        {step.number().map(|n| format!("{n}. "))}
                        {move || i18n.t(step.title_key())}
                    </h1>
                    <p class="step-intro">{move || i18n.t(&format!("{}.intro", step.title_key()))}</p>
                    <WhoCanDoIt step=step/>
                    {body}
                    <StepNav step=step/>
                </section>
            }
        })
    };
    view! { <Suspense fallback=loading>{page}</Suspense> }
}

async fn body(step: Step) -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
    match step {
        Step::WebexApp => Ok(webex_app::WebexAppStep().into_any()),
        later => lazy::later_step(later).await,
    }
}
