//! Step 6: the seed's debug-console procedure and the values Cisco TAC asks for.

use leptos::prelude::*;

use crate::domain::model::{CheckId, CheckStatus};
use crate::domain::{Field, Step};
use crate::ui::components::TextField;
use crate::ui::i18n::use_i18n;
use crate::ui::state::use_state;
use crate::ui::steps::verify::check_label_key;

#[component]
pub fn TroubleshootStep() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <FailedChecks/>
        <crate::ui::DayTwoSection/>
        <h2>{i18n.text("troubleshoot.console_title")}</h2>
        <ol class="instructions" data-guide="debug-console">
            <li>{i18n.text("troubleshoot.console_1")}</li>
            <li>{i18n.text("troubleshoot.console_2")}</li>
            <li>{i18n.text("troubleshoot.console_3")}</li>
            <li>{i18n.text("troubleshoot.console_4")}</li>
            <li>{i18n.text("troubleshoot.console_5")}</li>
        </ol>
        <p class="msg msg-info" data-note="decryption">{i18n.text("troubleshoot.decryption")}</p>
        <div class="troubleshoot-tools">
            <crate::ui::ErrorExplainer/>
            <crate::ui::TokenInspector/>
        </div>
        <h2>{i18n.text("troubleshoot.tac_title")}</h2>
        <p>{i18n.text("troubleshoot.tac_intro")}</p>
        <TextField field=Field::SupportAssetId hint="troubleshoot.asset_id_hint"/>
        <TextField field=Field::SupportTransactionIds multiline=true hint="troubleshoot.transaction_ids_hint"/>
        <TextField field=Field::SupportNotes multiline=true hint="troubleshoot.notes_hint"/>
        <crate::ui::SupportBundleButton/>
    }
}

/// The checks marked Failed on step 5, with their times: the timestamps to search by.
#[component]
fn FailedChecks() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let failed = move || {
        state.setup.with(|s| {
            CheckId::ALL
                .into_iter()
                .filter(|id| s.verification.get(*id).status == CheckStatus::Failed)
                .map(|id| (id, s.verification.get(id).time.clone()))
                .collect::<Vec<_>>()
        })
    };
    move || {
        let checks = failed();
        (!checks.is_empty()).then(|| {
            view! {
                <div class="banner-error msg msg-error" data-failed-checks="">
                    <strong>{i18n.t("troubleshoot.failed_title")}</strong>
                    <p>{i18n.t("troubleshoot.failed_intro")}</p>
                    <ul>
                        {checks
                            .into_iter()
                            .map(|(id, time)| {
                                let shown = (!time.is_empty()).then(|| i18n.time(&time));
                                view! {
                                    <li data-check=id.as_str()>
                                        <a href=state.href(Step::Verify)
                                            on:click=move |ev| state.follow_link(&ev, Step::Verify)>
                                            {i18n.t(&check_label_key(id))}
                                        </a>
                                        {shown.map(|s| view! { ": " <time datetime=time>{s}</time> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
