//! Operations as the dry run shows them: purpose, method and URL, the body behind a
//! disclosure; ids not known yet as `{name}`, secrets redacted.

use leptos::prelude::*;

use crate::domain::graph::{Kind, Operation, RedactedOperation};
use crate::domain::Message;
use crate::ui::i18n::use_i18n;

/// One row as shown.
#[derive(Clone, PartialEq, Eq)]
struct Row {
    purpose: Message,
    kind: &'static str,
    shown: RedactedOperation,
}

/// What a row is made of, apart from the values typed into it; its key in the list.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Shape {
    at: usize,
    id: &'static str,
    kind: &'static str,
    has_body: bool,
}

/// Keyed by shape: a plan that follows a typed value (the display name in a URL or a body)
/// changes, in place, the text of the rows that show it (an open body stays open). Only a
/// change of shape (an operation that appears or goes) rebuilds rows, from its place on.
#[component]
pub fn OperationList(#[prop(into)] operations: Signal<Vec<Operation>>, list: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let rows = Memo::new(move |_| {
        operations.with(|ops| {
            ops.iter()
                .map(|op| Row {
                    purpose: op.purpose.clone(),
                    kind: match op.kind {
                        Kind::Write => "write",
                        _ => "read",
                    },
                    shown: op.redacted(),
                })
                .collect::<Vec<_>>()
        })
    });
    let shapes = move || {
        rows.with(|rows| {
            rows.iter()
                .enumerate()
                .map(|(at, row)| Shape { at, id: row.shown.id, kind: row.kind, has_body: row.shown.body.is_some() })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <ol class="operations" data-operations=list>
            <For each=shapes key=Shape::clone let:shape>
                {
                    let at = shape.at;
                    let row = Memo::new(move |_| rows.with(|rows| rows.get(at).cloned()));
                    let purpose = move || row.with(|r| r.as_ref().map(|r| i18n.msg(&r.purpose))).unwrap_or_default();
                    let request = move || {
                        row.with(|r| r.as_ref().map(|r| format!("{} {}", r.shown.method, r.shown.url))).unwrap_or_default()
                    };
                    let body = move || row.with(|r| r.as_ref().and_then(|r| r.shown.body.clone())).unwrap_or_default();
                    view! {
                        <li data-op=shape.id data-kind=shape.kind>
                            <span class="purpose">{purpose}</span>
                            <code class="request">{request}</code>
                            {shape.has_body.then(|| view! {
                                <details>
                                    <summary>{i18n.text("provision.body")}</summary>
                                    // Scrolls inside its own box: focusable and named, for keyboards.
                                    <pre tabindex="0"
                                        aria-label=move || format!("{}: {}", i18n.t("provision.body"), purpose())>
                                        <code>{body}</code>
                                    </pre>
                                </details>
                            })}
                        </li>
                    }
                }
            </For>
        </ol>
    }
}
