use leptos::prelude::*;

use crate::domain::role::{roles, Basis};
use crate::domain::Step;
use crate::ui::i18n::use_i18n;

/// Which admin role a step needs, said before its first action so the admin knows whom to ask;
/// each statement says where it comes from (Microsoft's page, linked; Cisco's document; or
/// this app's inference).
#[component]
pub fn WhoCanDoIt(step: Step) -> impl IntoView {
    let i18n = use_i18n();
    let notes = roles(step);
    (!notes.is_empty()).then(|| {
        view! {
            <div class="who" data-who=step.slug()>
                <h2>{i18n.text("role.title")}</h2>
                <ul>
                    {notes
                        .iter()
                        .map(|note| {
                            let basis = note.basis;
                            let source = match basis {
                                Basis::Microsoft { url, title_key } => Some(view! {
                                    ": "
                                    <a href=url target="_blank" rel="noopener noreferrer">{move || i18n.t(title_key)}</a>
                                }),
                                _ => None,
                            };
                            view! {
                                <li data-role=note.key data-basis=basis.key().trim_start_matches("role.basis.")>
                                    {move || i18n.t(note.key)}
                                    " "
                                    <span class="basis">"(" {move || i18n.t(basis.key())} {source} ")"</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}
