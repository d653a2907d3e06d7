//! One day-two finding: its severity, the text, and a link to the field (or step) that
//! fixes it; a secret's finding also links to the rotation.

use leptos::prelude::*;

use super::ROTATE_ANCHOR;
use crate::domain::{Field, Finding};
use crate::ui::diagnostics::RevisitLink;
use crate::ui::i18n::use_i18n;

#[component]
pub fn FindingItem(finding: Finding) -> impl IntoView {
    let i18n = use_i18n();
    let severity = finding.severity.as_str();
    let message = finding.message;
    let key = message.key;
    let field = finding.field;
    let rotate = field == Field::AzureClientSecretExpires;
    view! {
        <li class=format!("msg msg-{severity}") data-severity=severity data-finding=key data-field=field.key()>
            <span class="sr-only">{move || i18n.t(&format!("severity.{severity}"))} ": "</span>
            {move || i18n.msg(&message)}
            " "
            <span class="revisit">
                {i18n.text("day_two.fix_at")} ": "
                <RevisitLink step=field.step() field=Some(field)/>
                {rotate.then(|| view! {
                    " · "
                    <a href=format!("#{ROTATE_ANCHOR}") data-action="go-rotate">{i18n.text("day_two.rotate.title")}</a>
                })}
            </span>
        </li>
    }
}
