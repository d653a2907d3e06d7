use leptos::prelude::*;

use crate::domain::profile::Instruction;
use crate::ui::components::CopyValue;
use crate::ui::i18n::use_i18n;

/// What a console step is made of, apart from the values typed into it: its place, its
/// sentence and the labels of the values it offers to copy.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Shape {
    at: usize,
    key: &'static str,
    copy_labels: Vec<&'static str>,
}

impl Shape {
    fn of(at: usize, step: &Instruction) -> Shape {
        Shape { at, key: step.message.key, copy_labels: step.copy_values.iter().map(|c| c.label_key).collect() }
    }
}

/// Click-by-click console steps, each with the values to paste or search for; the caller
/// wraps them in its own `<ol>`. Keyed by shape: a typed value changes, in place, the text
/// and the copy values of the steps that show it, and the others are not touched. Only a
/// change of shape (a step that appears or goes) rebuilds steps, from its place on.
#[component]
pub fn InstructionItems(#[prop(into)] instructions: Signal<Vec<Instruction>>) -> impl IntoView {
    let i18n = use_i18n();
    // Read once per change, however many steps read it.
    let list = Memo::new(move |_| instructions.get());
    view! {
        <For
            each=move || list.with(|all| all.iter().enumerate().map(|(at, step)| Shape::of(at, step)).collect::<Vec<_>>())
            key=Shape::clone
            children=move |shape| {
                let at = shape.at;
                let step = Memo::new(move |_| list.with(|all| all.get(at).cloned()));
                let copy_values = shape
                    .copy_labels
                    .into_iter()
                    .enumerate()
                    .map(|(nth, label_key)| {
                        let value = Signal::derive(move || {
                            step.with(|s| s.as_ref().and_then(|s| s.copy_values.get(nth)).map(|c| c.value.clone()))
                                .unwrap_or_default()
                        });
                        view! {
                            <CopyValue label=Signal::derive(move || i18n.t(label_key)) value name=label_key/>
                        }
                    })
                    .collect_view();
                view! {
                    <li data-instruction=shape.key>
                        <p>{move || step.with(|s| s.as_ref().map(|s| i18n.msg(&s.message)))}</p>
                        {copy_values}
                    </li>
                }
            }
        />
    }
}
