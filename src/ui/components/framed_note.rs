use leptos::prelude::*;

use crate::platform::hosting::framed;
use crate::ui::i18n::use_i18n;

/// Inside a portal's frame only: what the embedding page may refuse (`message`) and a link
/// that opens this app in its own tab. Shown at once, or once `shown` turns true (after a
/// download, which the page cannot see being refused).
#[component]
pub fn FramedNote(message: &'static str, #[prop(optional, into)] shown: Option<Signal<bool>>) -> impl IntoView {
    let i18n = use_i18n();
    let in_frame = framed();
    move || {
        (in_frame && shown.is_none_or(|s| s.get())).then(|| {
            // This step's URL (with ?lang=), read when shown: the route may have changed.
            let href = crate::platform::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
            view! {
                <p class="msg msg-info" role="status" data-note="framed" data-framed=message>
                    {i18n.t(message)}
                    " "
                    <a href=href target="_blank" rel="noopener">{i18n.t("hosting.framed.open_in_tab")}</a>
                </p>
            }
        })
    }
}
