//! The steps after the first are one split point. In the release build (`--cfg wasm_split`, set
//! by scripts/build-wasm.mjs) their code is a wasm module of its own, fetched and compiled once
//! step 1 is on screen and the browser is idle (or when a later step is opened first), so
//! showing step 1 loads well under half of the app and step 2 still opens at once. One module
//! rather than one per step: an admin walks them all, and one file is one request where six
//! split points made about forty shared chunks, each a request of its own. In other builds (the
//! browser tests, clippy) it is a plain call.
//!
//! A module that cannot be fetched (the network dropped before the offline copy was made) is an
//! `Err`, shown with a retry (`StepLoadFailed`), never a panic: the splitter's loader forgets a
//! failed attempt, so calling again fetches again.

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

use crate::domain::Step;

/// The body of any step but the first, loading the later steps' module first.
#[cfg(wasm_split)]
#[leptos::wasm_split::wasm_split(later_steps, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn later_step(step: Step) -> Result<AnyView, SplitLoaderError> {
    Ok(body(step))
}

#[cfg(not(wasm_split))]
pub async fn later_step(step: Step) -> Result<AnyView, SplitLoaderError> {
    Ok(body(step))
}

/// Fetches and compiles the later steps' module when the browser is next idle (half a second
/// after step 1 where there is no idle callback). A failure is not said here: the step that
/// needs the module says it, with its retry.
pub fn prefetch() {
    #[cfg(wasm_split)]
    {
        let load = || {
            leptos::task::spawn_local(async {
                let _ = __wasm_split_preload_later_step().await;
            })
        };
        if request_idle_callback_with_handle(load).is_err() {
            set_timeout(load, std::time::Duration::from_millis(500));
        }
    }
}

fn body(step: Step) -> AnyView {
    match step {
        // Not reached (step 1 is in the main module); kept so the match needs no panic.
        Step::WebexApp => super::webex_app::WebexAppStep().into_any(),
        Step::EntraApp => super::entra_app::EntraAppStep().into_any(),
        Step::Mailbox => super::mailbox::MailboxStep().into_any(),
        Step::WebexOauth => super::webex_oauth::WebexOauthStep().into_any(),
        Step::Verify => super::verify::VerifyStep().into_any(),
        Step::Troubleshoot => super::troubleshoot::TroubleshootStep().into_any(),
        Step::Summary => super::summary::SummaryStep().into_any(),
    }
}
