use leptos::prelude::*;

use crate::domain::profile::Instruction;
use crate::ui::components::CopyValue;
use crate::ui::i18n::use_i18n;

/// Click-by-click console steps, each with the values to paste or search for; the caller
/// wraps them in its own `<ol>`. Keyed by position and content: a typed value rebuilds only
/// the steps that show it (the others, their copy buttons and focus, stay as they are).
#[component]
pub fn InstructionItems(#[prop(into)] instructions: Signal<Vec<Instruction>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <For
            each=move || instructions.get().into_iter().enumerate()
            key=|(at, step)| (*at, step.clone())
            children=move |(_, step)| {
                let message = step.message;
                let key = message.key;
                view! {
                    <li data-instruction=key>
                        <p>{move || i18n.msg(&message)}</p>
                        {step
                            .copy_values
                            .into_iter()
                            .map(|c| {
                                let label_key = c.label_key;
                                view! {
                                    <CopyValue
                                        label=Signal::derive(move || i18n.t(label_key))
                                        value=c.value
                                        name=label_key
                                    />
                                }
                            })
                            .collect_view()}
                    </li>
                }
            }
        />
    }
}
