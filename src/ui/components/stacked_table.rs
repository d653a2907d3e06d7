//! The parts of a table that stacks into "label: value" rows on narrow screens (style/main.css
//! `table.stack`): its header row, and cells that carry their column's name for the stacked
//! view. The roles are explicit: some browsers drop a table's semantics when its display changes.

use leptos::prelude::*;

use crate::ui::i18n::use_i18n;

/// `<thead>` with one column header per locale key.
#[component]
pub fn StackHead(columns: &'static [&'static str]) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <thead role="rowgroup">
            <tr role="row">
                {columns
                    .iter()
                    .map(|key| view! { <th scope="col" role="columnheader">{move || i18n.t(key)}</th> })
                    .collect_view()}
            </tr>
        </thead>
    }
}

/// One cell, labelled with its column's name (locale key `column`) when the table stacks.
#[component]
pub fn StackCell(column: &'static str, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! { <td role="cell" data-label=move || i18n.t(column)>{children()}</td> }
}
