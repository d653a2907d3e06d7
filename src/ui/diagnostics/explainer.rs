use leptos::prelude::*;

use super::{pasted_texts, RevisitLink};
use crate::domain::diagnose::{explain, Explained};
use crate::ui::components::PasteArea;
use crate::ui::i18n::use_i18n;

const INPUT_ID: &str = "diagnostics-error-text";

/// Paste any error text, read what each code in it means for this setup.
#[component]
pub fn ErrorExplainer() -> impl IntoView {
    let i18n = use_i18n();
    let text = RwSignal::new(String::new());
    let results = Memo::new(move |_| text.with(|t| if t.trim().is_empty() { Vec::new() } else { explain(t) }));
    let pasted = pasted_texts();
    let added = {
        let pasted = pasted.clone();
        move || pasted.with(Vec::len)
    };
    let add = {
        let pasted = pasted.clone();
        move |_| {
            let t = text.get_untracked();
            if !t.trim().is_empty() {
                pasted.update(|p| p.push(t));
            }
        }
    };
    let clear = move |_| pasted.update(Vec::clear);
    view! {
        <section class="diagnostics explainer" data-diagnostics="explainer" aria-labelledby="explainer-title">
            <h2 id="explainer-title">{i18n.text("diagnostics.explainer.title")}</h2>
            <PasteArea id=INPUT_ID label="diagnostics.explainer.label" hint="diagnostics.explainer.hint" value=text
                on_input=move |t| text.set(t)/>
            <div aria-live="polite" data-explained-count=move || results.with(Vec::len).to_string()>
                {move || {
                    let list = results.get();
                    if text.with(|t| t.trim().is_empty()) {
                        return ().into_any();
                    }
                    if list.is_empty() {
                        return view! { <p class="msg msg-info" data-explained="none">{i18n.t("diagnostics.explainer.none")}</p> }
                            .into_any();
                    }
                    view! {
                        <p>{i18n.msg(&crate::domain::Message::new("diagnostics.explainer.found").with("count", list.len().to_string()))}</p>
                        <ul class="explained-list">{list.into_iter().map(|e| view! { <ExplainedItem item=e/> }).collect_view()}</ul>
                    }
                    .into_any()
                }}
            </div>
            <div class="actions">
                <button type="button" data-action="add-to-bundle" on:click=add
                    disabled=move || text.with(|t| t.trim().is_empty())>
                    {i18n.text("diagnostics.explainer.add")}
                </button>
                {
                    let added = added.clone();
                    move || (added() > 0).then(|| view! {
                        <span data-bundle-texts=added().to_string()>
                            {i18n.msg(&crate::domain::Message::new("diagnostics.explainer.added").with("count", added().to_string()))}
                        </span>
                        " "
                        <button type="button" data-action="clear-bundle-texts" on:click=clear.clone()>
                            {i18n.t("diagnostics.explainer.clear")}
                        </button>
                    })
                }
            </div>
        </section>
    }
}

#[component]
fn ExplainedItem(item: Explained) -> impl IntoView {
    let i18n = use_i18n();
    let headline = item.headline();
    let details = item.details();
    let lookup = item.lookup_url();
    match item {
        Explained::Known { entry, seen } => {
            let (cause, fix) = (entry.cause(), entry.fix());
            let meaning = headline.clone();
            let code_attr = seen.clone();
            view! {
                <li class="explained known" data-id=entry.id data-code=code_attr data-phase=entry.phase.as_str()>
                    <h3>
                        <span class="kind">{move || i18n.t(entry.kind.label_key())}</span>
                        " · "
                        <code>{seen}</code>
                    </h3>
                    <p class="phase" data-part="phase">{move || i18n.t(entry.phase.label_key())}</p>
                    <dl>
                        <dt>{i18n.text("diagnostics.explainer.meaning")}</dt>
                        <dd data-part="meaning">{move || i18n.msg(&meaning)}</dd>
                        <dt>{i18n.text("diagnostics.explainer.cause")}</dt>
                        <dd data-part="cause">{move || i18n.msg(&cause)}</dd>
                        {entry.cause_inferred().then(|| view! {
                            <dd class="hint" data-part="inferred">{i18n.text("errors.label.inferred")}</dd>
                        })}
                        <dt>{i18n.text("diagnostics.explainer.fix")}</dt>
                        <dd data-part="fix">{move || i18n.msg(&fix)}</dd>
                        {entry.step().map(|step| view! {
                            <dt>{i18n.text("diagnostics.explainer.revisit")}</dt>
                            <dd data-part="revisit"><RevisitLink step=step field=entry.field()/></dd>
                        })}
                        <dt>{i18n.text("errors.label.source")}</dt>
                        <dd data-part="source"><a href=entry.source rel="noopener noreferrer" target="_blank">{source_label(entry.source)}</a></dd>
                    </dl>
                </li>
            }
            .into_any()
        }
        Explained::Unknown { code, phase, .. } => {
            let code_attr = code.clone();
            view! {
                <li class="explained unknown" data-unknown=code_attr data-phase=phase.map(|p| p.as_str())>
                    <h3><span class="kind">{i18n.text("diagnostics.explainer.unknown")}</span> " · " <code>{code}</code></h3>
                    <p>{move || i18n.msg(&headline)}</p>
                    {details.into_iter().map(|d| view! { <p data-part="reading">{move || i18n.msg(&d)}</p> }).collect_view()}
                    {lookup.map(|url| view! {
                        <p data-part="lookup">
                            <a href=url rel="noopener noreferrer" target="_blank">{i18n.text("errors.unknown.lookup")}</a>
                        </p>
                    })}
                </li>
            }
            .into_any()
        }
        Explained::Truncated { .. } | Explained::TooMany { .. } => view! {
            <li class="explained notice msg msg-warning" data-notice="limit">
                <strong>{i18n.text("diagnostics.explainer.notice")}</strong> ": " {move || i18n.msg(&headline)}
            </li>
        }
        .into_any(),
    }
}

/// A source's address, short: the host and the page (`learn.microsoft.com › reference-error-codes`).
fn source_label(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split('/').next().unwrap_or(rest).trim_start_matches("www.");
    match rest.trim_end_matches('/').rsplit('/').next() {
        Some(page) if page != host => format!("{host} › {page}"),
        _ => host.to_string(),
    }
}
