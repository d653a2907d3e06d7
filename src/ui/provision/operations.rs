//! Operations as the dry run shows them: purpose, method and URL, the body behind a
//! disclosure; ids not known yet as `{name}`, secrets redacted.

use leptos::prelude::*;

use crate::domain::graph::{Kind, Operation, RedactedOperation};
use crate::domain::Message;
use crate::ui::i18n::use_i18n;

/// One row as shown; its key in the list.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Row {
    at: usize,
    purpose: Message,
    kind: &'static str,
    shown: RedactedOperation,
}

/// Keyed by position and what each row shows: a plan that follows a typed value (the display
/// name in a URL or a body) rebuilds only the rows that show it, not the whole list.
#[component]
pub fn OperationList(#[prop(into)] operations: Signal<Vec<Operation>>, list: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let rows = move || {
        operations.with(|ops| {
            ops.iter()
                .enumerate()
                .map(|(at, op)| Row {
                    at,
                    purpose: op.purpose.clone(),
                    kind: match op.kind {
                        Kind::Write => "write",
                        _ => "read",
                    },
                    shown: op.redacted(),
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <ol class="operations" data-operations=list>
            <For each=rows key=|row| row.clone() let:row>
                {
                    let Row { purpose, kind, shown, .. } = row;
                    let body_purpose = purpose.clone();
                    view! {
                        <li data-op=shown.id data-kind=kind>
                            <span class="purpose">{move || i18n.msg(&purpose)}</span>
                            <code class="request">{shown.method} " " {shown.url}</code>
                            {shown.body.map(|body| view! {
                                <details>
                                    <summary>{i18n.text("provision.body")}</summary>
                                    // Scrolls inside its own box: focusable and named, for keyboards.
                                    <pre tabindex="0"
                                        aria-label=move || format!("{}: {}", i18n.t("provision.body"), i18n.msg(&body_purpose))>
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
