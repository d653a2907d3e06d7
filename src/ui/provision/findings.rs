//! One finding of a plan, a run or a check, in the admin's language.

use leptos::prelude::*;

use crate::domain::Finding;
use crate::ui::i18n::use_i18n;

#[component]
pub fn FindingLine(finding: Finding) -> impl IntoView {
    let i18n = use_i18n();
    let class = format!("msg msg-{}", finding.severity.as_str());
    let message = finding.message;
    let key = message.key;
    view! { <li class=class data-finding=key>{move || i18n.msg(&message)}</li> }
}
