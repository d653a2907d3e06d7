use leptos::prelude::*;

use crate::domain::config::ConfigStatus;
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;

/// Says when config.json could not be used (manual mode still works) and when
/// connected mode is off for want of a client id.
#[component]
pub fn ConfigBanner() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    move || match state.config.get() {
        ConfigStatus::Unusable { reason } => Some(
            view! {
                <div class="banner banner-warning" role="alert" data-config="unusable">
                    <strong>{i18n.t("config.unusable_title")}</strong>
                    " "
                    <span>{i18n.msg(&reason)}</span>
                    " "
                    <span>{i18n.t("config.manual_mode_works")}</span>
                </div>
            }
            .into_any(),
        ),
        ConfigStatus::Loaded { config, notes } => {
            let connected = config.connected_mode();
            Some(
                view! {
                    <div class="banner banner-info" role="status" data-config="loaded"
                        data-connected=connected.to_string()>
                        {(!connected).then(|| i18n.t("config.connected_off"))}
                        {notes.iter().map(|n| view! { <span class="note">" " {i18n.msg(n)}</span> }).collect_view()}
                    </div>
                }
                .into_any(),
            )
            .filter(|_| !connected || !notes.is_empty())
        }
    }
}
