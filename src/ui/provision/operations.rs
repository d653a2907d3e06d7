//! Operations as the dry run shows them: purpose, method and URL, the body behind a
//! disclosure; ids not known yet as `{name}`, secrets redacted.

use leptos::prelude::*;

use crate::domain::graph::Operation;
use crate::ui::i18n::use_i18n;

#[component]
pub fn OperationList(operations: Vec<Operation>, #[prop(into)] list: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ol class="operations" data-operations=list>
            {operations
                .into_iter()
                .map(|op| {
                    let shown = op.redacted();
                    let purpose = op.purpose.clone();
                    let body_purpose = op.purpose.clone();
                    let kind = match op.kind {
                        crate::domain::graph::Kind::Write => "write",
                        _ => "read",
                    };
                    view! {
                        <li data-op=op.id data-kind=kind>
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
                })
                .collect_view()}
        </ol>
    }
}
