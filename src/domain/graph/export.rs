//! The plan as a script, for admins who cannot consent this app: Microsoft Graph PowerShell
//! (`Invoke-MgGraphRequest`, here) or Azure CLI (`az rest`, bash: `export_az`).
//!
//! Every value reaches the script as a single-quoted literal (PowerShell: `ps_single_quoted`;
//! bash: `'` closed, escaped, reopened), and ids captured from answers are variables joined
//! to those literals, so no value is ever read as code. Probes and reads that capture nothing
//! are left out: a script cannot plan again as the app does, so each create carries its own
//! check (`Operation::rerun`) and a second run finds what the first one made.

use super::op::{Find, Kind, Method, Operation, Part, Pick, Rerun, Template, Var};
use super::plan::Plan;
use crate::domain::model::Cloud;
use crate::domain::powershell::ps_single_quoted;

pub use super::export_az::{az_rest_script, az_rest_script_with, sh_single_quoted};

/// Fixed English comment for each operation (scripts are read next to Microsoft's English docs).
fn comment(id: &str) -> &'static str {
    match id {
        "tenant.organization" => "Read the tenant (organization) id.",
        "resource.exchange" => "Find Office 365 Exchange Online's service principal and its permission ids.",
        "resource.graph" => "Find Microsoft Graph's service principal and its permission ids.",
        "app.create" => "Create the app registration, or update the one with this unique name (never a duplicate).",
        "app.update" => "Update the existing app registration (redirect URI, implicit grant, API permissions).",
        super::ops::ADD_PASSWORD_OP => {
            "Add a client secret (every run adds a new one). Its value is shown once, at the end of this script."
        }
        "app.remove_password" => "Remove the OLD client secret, by its keyId (Secret ID). Never the new one.",
        "sp.create" => "Create the app's service principal ([Enterprise applications]), or find the one it has.",
        "consent.app_role" => {
            "Grant admin consent for the application permission (app role assignment), unless it is granted already."
        }
        "consent.grant.exchange" => {
            "Grant admin consent, for all users, for SMTP.Send on Office 365 Exchange Online (the SMTP token's resource)."
        }
        "consent.grant.graph" => "Grant admin consent, for all users, for openid and offline_access on Microsoft Graph.",
        "consent.update_grant.exchange" | "consent.update_grant.graph" => {
            "Add the needed delegated permissions to the existing admin consent; other scopes in it are kept."
        }
        _ => "Microsoft Graph request.",
    }
}

/// Said under a create that a second run finds instead of repeating.
const FOUND_NOTE: &str = "Run again: found, not granted twice.";
const ADD_SCOPES_NOTE: &str = "Run again: the consent found gains only the scopes it lacks; its other scopes are kept.";

/// The note when the consent found also loses the scopes the profile retired there.
fn merge_note(drop: &str) -> String {
    format!("Run again: the consent found gains only the scopes it lacks and loses {drop}, no longer needed; its other scopes are kept.")
}

/// Operations the scripts run.
pub(super) fn scripted(plan: &Plan) -> impl Iterator<Item = &Operation> {
    plan.operations.iter().filter(|o| o.kind == Kind::Write || (o.kind == Kind::Read && !o.captures.is_empty()))
}

fn is_upsert(op: &Operation) -> bool {
    op.headers.iter().any(|(k, v)| *k == "Prefer" && v == "create-if-missing")
}

/// How a script sends one operation.
pub(super) enum Step<'a> {
    /// As it is.
    Once(&'a Operation),
    /// Graph's upsert (the operation, or the one it is sent as), read back when it answered 204.
    Upsert(&'a Operation),
    /// The read first; the write only when it finds no entry with the key. With scopes: an
    /// entry found gains those it lacks and loses the retired ones.
    Find(&'a Operation, &'a Find, Option<Merge<'a>>),
}

/// The scopes (space-separated) a grant found gains when it lacks them, and those it loses.
#[derive(Clone, Copy)]
pub(super) struct Merge<'a> {
    pub add: &'a str,
    pub drop: &'a str,
}

pub(super) fn step(op: &Operation) -> Step<'_> {
    match op.rerun.as_deref() {
        Some(Rerun::Upsert(instead)) => Step::Upsert(instead),
        Some(Rerun::Find(find)) => Step::Find(op, find, None),
        Some(Rerun::MergeScopes { find, add, drop }) => Step::Find(op, find, Some(Merge { add, drop })),
        None if is_upsert(op) => Step::Upsert(op),
        None => Step::Once(op),
    }
}

/// The script's comment for the operation, and what a second run does there when not obvious.
pub(super) fn comments(op: &Operation) -> String {
    let mut out = format!("\n# {}\n", comment(op.id));
    match step(op) {
        Step::Find(_, _, None) => out.push_str(&format!("# {FOUND_NOTE}\n")),
        Step::Find(_, _, Some(m)) if m.drop.is_empty() => out.push_str(&format!("# {ADD_SCOPES_NOTE}\n")),
        Step::Find(_, _, Some(m)) => out.push_str(&format!("# {}\n", merge_note(m.drop))),
        Step::Once(_) | Step::Upsert(_) => {}
    }
    out
}

/// Results printed at the end, in this order, when the plan captures them.
const RESULTS: [(Var, &str); 5] = [
    (Var::TenantId, "Directory (tenant) ID"),
    (Var::AppId, "Application (client) ID"),
    (Var::SecretText, "Client secret value (shown once: copy it now)"),
    (Var::SecretKeyId, "Client secret ID (keyId; not the value)"),
    (Var::SecretEnd, "Client secret expires"),
];

/// The results the plan captures, with their labels.
pub(super) fn results(plan: &Plan) -> Vec<(Var, &'static str)> {
    let all: Vec<Var> = scripted(plan).flat_map(|o| o.captures.iter().map(|c| c.var)).collect();
    RESULTS.iter().copied().filter(|(v, _)| all.contains(v)).collect()
}

pub(super) fn graph_base(cloud: Cloud) -> String {
    format!("https://{}/v1.0", cloud.graph_host())
}

/// What the provisioning scripts say first (after the shebang): what they do, and what a
/// second run does.
const PROVISION_HEADER: &str = "# Webex Connect email channel: the Entra app registration, through Microsoft Graph.\n";
pub(super) const PROVISION_RERUN: &str = "\
# Running it again is safe: it finds the app registration (by its unique name), its service principal
# and its admin consents, and adds only what is missing (other scopes in a consent are kept, except
# those an earlier version of this app granted that it no longer needs).
# Every run adds a NEW client secret and prints its value. The earlier secret stays valid until you
# remove it: Certificates & secrets, or 6. Troubleshoot > Rotate the client secret in the setup app.
";

// ---------------------------------------------------------------- PowerShell

fn mg_environment(cloud: Cloud) -> Option<&'static str> {
    match cloud {
        Cloud::Global => None,
        Cloud::UsGovGccHigh => Some("USGov"),
        Cloud::UsGovDod => Some("USGovDoD"),
        Cloud::China => Some("China"),
    }
}

fn ps_part(p: &Part) -> String {
    match p {
        Part::Lit(s) => ps_single_quoted(s),
        Part::Var(v) => format!("${}", v.ps_name()),
    }
}

/// A PowerShell expression for the text: literals single-quoted, variables joined with `+`.
fn ps_expr(t: &Template) -> String {
    let parts: Vec<String> = t.parts.iter().map(ps_part).collect();
    match parts.len() {
        0 => "''".into(),
        1 if matches!(t.parts[0], Part::Lit(_)) => parts[0].clone(),
        _ => format!("({})", parts.join(" + ")),
    }
}

fn ps_pick(pick: Pick) -> String {
    match pick {
        Pick::Field(k) => format!("$r[{}]", ps_single_quoted(k)),
        Pick::FirstOf(k) => format!("$r['value'][0][{}]", ps_single_quoted(k)),
        Pick::AppRole(v) => {
            format!("($r['appRoles'] | Where-Object {{ $_['value'] -eq {} }})['id']", ps_single_quoted(v))
        }
        Pick::Scope(v) => {
            format!("($r['oauth2PermissionScopes'] | Where-Object {{ $_['value'] -eq {} }})['id']", ps_single_quoted(v))
        }
    }
}

/// One `Invoke-MgGraphRequest` line, without the line break.
fn ps_request(method: Method, url: &Template, op: &Operation, with_body: bool) -> String {
    let mut s = format!("$r = Invoke-MgGraphRequest -Method {} -Uri ($GraphBase + {})", method.as_str(), ps_expr(url));
    if with_body {
        if let Some(body) = op.body_template() {
            s.push_str(" -Body ");
            s.push_str(&ps_expr(&body));
            s.push_str(" -ContentType 'application/json'");
        }
        if !op.headers.is_empty() {
            let h: Vec<String> =
                op.headers.iter().map(|(k, v)| format!("{} = {}", ps_single_quoted(k), ps_single_quoted(v))).collect();
            s.push_str(&format!(" -Headers @{{ {} }}", h.join("; ")));
        }
    }
    s
}

/// The read, then the create when nothing matches; with scopes, an entry found gains those it
/// lacks and loses the retired ones (`-notcontains` ignores case, as Graph does).
fn ps_find(s: &mut String, op: &Operation, find: &Find, merge: Option<Merge>) {
    s.push_str(&ps_request(Method::Get, &find.read.url, &find.read, false));
    let key: Vec<String> =
        find.key.iter().map(|(k, v)| format!("$_[{}] -eq {}", ps_single_quoted(k), ps_part(v))).collect();
    s.push_str(&format!("\n$Found = @($r['value'] | Where-Object {{ {} }})[0]\n", key.join(" -and ")));
    s.push_str(&format!("if ($null -eq $Found) {{\n    {}\n}}", ps_request(op.method, &op.url, op, true)));
    if let Some(merge) = merge {
        let list = |scopes: &str| scopes.split_whitespace().map(ps_single_quoted).collect::<Vec<_>>().join(", ");
        let entry = ps_expr(&op.url.clone().lit("/"));
        s.push_str(" else {\n");
        s.push_str("    $Scopes = @(([string]$Found['scope']) -split ' ' | Where-Object { $_ })\n");
        // `$Kept`: the scopes found but the retired ones; without any, all of them.
        let (kept, changed) = if merge.drop.is_empty() {
            ("$Scopes", "$Missing.Count -gt 0")
        } else {
            let drop = list(merge.drop);
            s.push_str(&format!("    $Kept = @($Scopes | Where-Object {{ @({drop}) -notcontains $_ }})\n"));
            ("$Kept", "$Missing.Count -gt 0 -or $Kept.Count -lt $Scopes.Count")
        };
        s.push_str(&format!("    $Missing = @(@({}) | Where-Object {{ {kept} -notcontains $_ }})\n", list(merge.add)));
        s.push_str(&format!("    if ({changed}) {{\n"));
        s.push_str(&format!(
            "        $r = Invoke-MgGraphRequest -Method PATCH -Uri ($GraphBase + {entry} + $Found['id']) \
             -Body (@{{ 'scope' = ({kept} + $Missing) -join ' ' }} | ConvertTo-Json -Compress) \
             -ContentType 'application/json'\n"
        ));
        s.push_str("    }\n}");
    }
    s.push('\n');
}

pub fn powershell_script(plan: &Plan, cloud: Cloud) -> String {
    powershell_script_with(plan, cloud, PROVISION_HEADER, PROVISION_RERUN)
}

/// The same script with other opening lines (`what` first, `rerun` after the prerequisites).
pub fn powershell_script_with(plan: &Plan, cloud: Cloud, what: &str, rerun: &str) -> String {
    let mut s = String::new();
    s.push_str(what);
    s.push_str("# Needs the Microsoft.Graph.Authentication module (Install-Module Microsoft.Graph.Authentication)\n");
    s.push_str("# and an administrator who can consent to the scopes below. Read it before running it.\n");
    s.push_str(rerun);
    s.push('\n');
    s.push_str("$ErrorActionPreference = 'Stop'\n");
    let scopes: Vec<String> = plan.scopes().iter().map(|sc| ps_single_quoted(sc.value())).collect();
    s.push_str(&format!("Connect-MgGraph -Scopes {}", scopes.join(", ")));
    if let Some(env) = mg_environment(cloud) {
        s.push_str(" -Environment ");
        s.push_str(env);
    }
    s.push_str(" -NoWelcome\n");
    s.push_str(&format!("$GraphBase = {}\n", ps_single_quoted(&graph_base(cloud))));
    for op in scripted(plan) {
        s.push_str(&comments(op));
        let sent = match step(op) {
            Step::Find(op, find, merge) => {
                ps_find(&mut s, op, find, merge);
                continue;
            }
            Step::Once(sent) => {
                s.push_str(&ps_request(sent.method, &sent.url, sent, true));
                sent
            }
            Step::Upsert(sent) => {
                s.push_str(&ps_request(sent.method, &sent.url, sent, true));
                // The upsert answers 204 with no body when the object already existed.
                let get = ps_request(Method::Get, &sent.url, sent, false);
                s.push_str(&format!("\nif ($null -eq $r) {{ {get} }}"));
                sent
            }
        };
        s.push('\n');
        for c in &sent.captures {
            s.push_str(&format!("${} = {}\n", c.var.ps_name(), ps_pick(c.pick)));
        }
    }
    s.push('\n');
    for (var, label) in results(plan) {
        s.push_str(&format!("Write-Host ({} + ${})\n", ps_single_quoted(&format!("{label}: ")), var.ps_name()));
    }
    s
}
