//! What the error catalogue says about a text (AADSTS codes, Graph codes, ...): headline,
//! cause and fix of each match.

use leptos::prelude::*;

use crate::domain::diagnose::Explained;
use crate::ui::i18n::use_i18n;

#[component]
pub fn ExplainedList(explained: Vec<Explained>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="explained">
            {explained
                .into_iter()
                .map(|x| {
                    let head = x.headline();
                    let details = x.entry().map(|e| (e.cause(), e.fix()));
                    // An unknown code still says what its context and shape tell.
                    let reading = x.details();
                    view! {
                        <li data-explained=x.entry().map(|e| e.code)>
                            <strong>{move || i18n.msg(&head)}</strong>
                            {details.map(|(cause, fix)| view! {
                                <p>{move || i18n.msg(&cause)}</p>
                                <p>{move || i18n.msg(&fix)}</p>
                            })}
                            {reading.into_iter().map(|m| view! { <p>{move || i18n.msg(&m)}</p> }).collect_view()}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
