//! The steps after the first are split points. In the release build (`--cfg wasm_split`, set by
//! scripts/build-wasm.mjs) each one's code is a wasm module of its own, fetched and compiled
//! the first time its step shows, so opening step 1 loads well under half of the app. In other
//! builds (the browser tests, clippy) they are plain calls.
//!
//! A module that cannot be fetched (the network dropped before the offline copy was made) is an
//! `Err`, shown with a retry (`StepLoadFailed`), never a panic: the splitter's loader forgets a
//! failed attempt, so calling again fetches again.

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

/// One split point per step page: `name` returns the page, loading its module first.
macro_rules! split_step {
    ($($name:ident => $page:path),* $(,)?) => {$(
        #[cfg(wasm_split)]
        #[leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name() -> Result<AnyView, SplitLoaderError> {
            Ok($page().into_any())
        }
        #[cfg(not(wasm_split))]
        pub async fn $name() -> Result<AnyView, SplitLoaderError> {
            Ok($page().into_any())
        }
    )*};
}

split_step! {
    entra_app => super::entra_app::EntraAppStep,
    mailbox => super::mailbox::MailboxStep,
    webex_oauth => super::webex_oauth::WebexOauthStep,
    verify => super::verify::VerifyStep,
    troubleshoot => super::troubleshoot::TroubleshootStep,
    summary => super::summary::SummaryStep,
}
