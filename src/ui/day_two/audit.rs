//! "Check an existing setup": one `$batch` of reads (a lookup by name first when only the
//! display name is known), the wizard filled from what it found, the drift as findings.

use leptos::prelude::*;

use super::fill::FillList;
use super::finding::FindingItem;
use super::store::{store, Store};
use crate::domain::graph::audit::{found_by_name, read, reads, sign_in_account, start, Audited, Start};
use crate::domain::graph::audit_fill::{fill, found_values};
use crate::domain::graph::audit_rules::findings;
use crate::domain::graph::secrets::listed;
use crate::domain::graph::{Action, Answer};
use crate::domain::{Field, Finding, Setup, Severity};
use crate::platform::clock;
use crate::ui::components::TextField;
use crate::ui::connect;
use crate::ui::i18n::use_i18n;
use crate::ui::provision::send;
use crate::ui::state::{use_state, AppState};

/// Signs in if needed, reads, and returns what the tenant holds (or why not).
async fn audit(setup: Setup, base: String, begun: Start) -> Result<Audited, Vec<Finding>> {
    let ops = match begun {
        Start::Batch(ops) => ops,
        Start::FindByName(op) => {
            let answers =
                send(base.clone(), Action::Audit, vec![op], Field::AzureAppDisplayName).await.map_err(|f| vec![f])?;
            let none = Answer::new(0, "");
            let client = found_by_name(&setup.azure.app_display_name, answers.first().unwrap_or(&none))?;
            reads(&client, sign_in_account(&setup).as_ref())
        }
    };
    let answers = send(base, Action::Audit, ops.clone(), Field::AzureClientId).await.map_err(|f| vec![f])?;
    read(&setup, &ops, &answers)
}

fn run(state: AppState, store: Store) {
    let setup = state.setup.get_untracked();
    let base = state.config.with_untracked(|c| c.config().graph_base_url);
    let begun = match start(&setup) {
        Ok(b) => b,
        Err(f) => return store.audit_problem.set(vec![f]),
    };
    // Opens the sign-in popup inside the click when one is needed.
    let signing_in = connect::acquire(Action::Audit);
    store.audit_busy.set(true);
    leptos::task::spawn_local(async move {
        let result = match signing_in.await {
            Err(e) => Err(vec![Finding::error(Field::AzureClientId, e.message())]),
            Ok(()) => audit(setup, base, begun).await,
        };
        match result {
            Ok(audited) => {
                let found = found_values(&audited, clock::now_unix_millis());
                let lines = state.setup.try_update(|s| fill(s, &found)).unwrap_or_default();
                store.fill.set(lines);
                store.audited.set(Some(audited));
                store.audit_problem.set(Vec::new());
            }
            Err(problems) => store.audit_problem.set(problems),
        }
        store.audit_busy.set(false);
    });
}

#[component]
pub fn AuditPanel() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let store = store();
    let connected = move || state.config.with(|c| c.config().connected_mode());
    let found = Memo::new(move |_| {
        store.audited.with(|a| a.as_ref().map(|a| state.setup.with(|s| findings(a, s, clock::now_unix_millis()))))
    });
    let results = move || {
        found.get().map(|list| {
            let clean = !list.iter().any(|f| f.severity != Severity::Info);
            view! {
                <h4>{i18n.t("day_two.audit.findings_title")}</h4>
                {clean.then(|| view! { <p class="msg msg-ok" data-audit-clean="">{i18n.t("day_two.audit.clean")}</p> })}
                <ul class="findings messages" data-audit-findings="">
                    {list.into_iter().map(|f| view! { <FindingItem finding=f/> }).collect_view()}
                </ul>
                <SecretList/>
            }
        })
    };
    view! {
        <section class="day-two-audit" data-section="audit" aria-labelledby="audit-title">
            <h3 id="audit-title">{i18n.text("day_two.audit.title")}</h3>
            <p class="hint">{i18n.text("day_two.audit.intro")}</p>
            <TextField field=Field::AzureClientId hint="day_two.audit.client_id_hint"/>
            <TextField field=Field::AzureAppDisplayName hint="day_two.audit.display_name_hint"/>
            <TextField field=Field::MailboxUserPrincipalName input_type="email" hint="day_two.audit.upn_hint"/>
            {move || if connected() {
                view! {
                    <div class="actions">
                        <button type="button" class="primary" data-action="audit-start"
                            disabled=move || store.audit_busy.get() on:click=move |_| run(state, store)>
                            {i18n.text("day_two.audit.button")}
                        </button>
                    </div>
                }
                .into_any()
            } else {
                view! { <p class="hint" data-note="audit-needs-connection">{i18n.t("day_two.audit.needs_connection")}</p> }
                    .into_any()
            }}
            <div role="status" data-audit=move || if store.audit_busy.get() { "running" } else if store.audited.with(Option::is_some) { "done" } else { "idle" }>
                <ul class="findings messages" data-audit-problems="">
                    {move || store.audit_problem.get().into_iter().map(|f| view! { <FindingItem finding=f/> }).collect_view()}
                </ul>
                <FillList/>
                {results}
            </div>
        </section>
    }
}

/// The secrets the registration lists (never their values), as the rotation will see them.
#[component]
fn SecretList() -> impl IntoView {
    let i18n = use_i18n();
    let store = store();
    move || {
        let secrets = store
            .audited
            .with(|a| a.as_ref().map(|a| listed(&a.app.password_credentials, clock::now_unix_millis())))
            .unwrap_or_default();
        view! {
            <h4>{i18n.t("day_two.audit.secrets_title")}</h4>
            <ul class="secret-list" data-secret-list="">
                {secrets.into_iter().map(|s| {
                    let state = s.validity.as_str();
                    view! {
                        <li data-secret=s.key_id.clone() data-validity=state>
                            <code class="wrap">{s.key_id.clone()}</code> " "
                            {(!s.description.is_empty()).then(|| format!("“{}” ", s.description))}
                            {i18n.t(&format!("day_two.secret.{state}"))} " "
                            {s.end_date().to_string()}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    }
}
