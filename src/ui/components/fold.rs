use leptos::prelude::*;

use crate::ui::i18n::use_i18n;

/// An optional tool, folded until asked for: a native disclosure (`<details>`), so keyboards
/// and screen readers open it like any other, whose summary says in one line what it does.
#[component]
pub fn Fold(
    /// `data-fold`, for tests and styles.
    name: &'static str,
    /// Locale key of the one-line summary.
    line: &'static str,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <details class="fold" data-fold=name>
            <summary>
                <span class="badge">{i18n.text("fold.optional")}</span>
                " "
                <span class="fold-line">{move || i18n.t(line)}</span>
            </summary>
            {children()}
        </details>
    }
}
