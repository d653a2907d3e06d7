//! The plan as a script, for admins who cannot consent this app: Microsoft Graph PowerShell
//! (`Invoke-MgGraphRequest`) or Azure CLI (`az rest`, bash).
//!
//! Every value reaches the script as a single-quoted literal (PowerShell: `ps_single_quoted`;
//! bash: `'` closed, escaped, reopened), and ids captured from answers are variables joined
//! to those literals, so no value is ever read as code. Probes and reads that capture nothing
//! are left out: the scripts create idempotently instead.

use super::op::{Kind, Method, Operation, Part, Pick, Template, Var};
use super::plan::Plan;
use crate::domain::model::Cloud;
use crate::domain::powershell::ps_single_quoted;

/// Fixed English comment for each operation (scripts are read next to Microsoft's English docs).
fn comment(id: &str) -> &'static str {
    match id {
        "tenant.organization" => "Read the tenant (organization) id.",
        "resource.exchange" => "Find Office 365 Exchange Online's service principal and its permission ids.",
        "resource.graph" => "Find Microsoft Graph's service principal and its permission ids.",
        "app.create" => "Create the app registration, or update the one with this unique name (never a duplicate).",
        "app.update" => "Update the existing app registration (redirect URI, implicit grant, API permissions).",
        "app.add_password" => "Add a client secret. Its value is shown once, at the end of this script.",
        "app.remove_password" => "Remove the OLD client secret, by its keyId (Secret ID). Never the new one.",
        "sp.create" => "Create the app's service principal ([Enterprise applications]).",
        "consent.app_role" => "Grant admin consent for the application permission (app role assignment).",
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

/// Operations the scripts run.
fn scripted(plan: &Plan) -> impl Iterator<Item = &Operation> {
    plan.operations.iter().filter(|o| o.kind == Kind::Write || (o.kind == Kind::Read && !o.captures.is_empty()))
}

fn is_upsert(op: &Operation) -> bool {
    op.headers.iter().any(|(k, v)| *k == "Prefer" && v == "create-if-missing")
}

/// Results printed at the end, in this order, when the plan captures them.
const RESULTS: [(Var, &str); 5] = [
    (Var::TenantId, "Directory (tenant) ID"),
    (Var::AppId, "Application (client) ID"),
    (Var::SecretText, "Client secret value (shown once: copy it now)"),
    (Var::SecretKeyId, "Client secret ID (keyId; not the value)"),
    (Var::SecretEnd, "Client secret expires"),
];

fn captured(plan: &Plan) -> Vec<Var> {
    let all: Vec<Var> = scripted(plan).flat_map(|o| o.captures.iter().map(|c| c.var)).collect();
    RESULTS.iter().map(|(v, _)| *v).filter(|v| all.contains(v)).collect()
}

fn graph_base(cloud: Cloud) -> String {
    format!("https://{}/v1.0", cloud.graph_host())
}

// ---------------------------------------------------------------- PowerShell

fn mg_environment(cloud: Cloud) -> Option<&'static str> {
    match cloud {
        Cloud::Global => None,
        Cloud::UsGovGccHigh => Some("USGov"),
        Cloud::UsGovDod => Some("USGovDoD"),
        Cloud::China => Some("China"),
    }
}

/// A PowerShell expression for the text: literals single-quoted, variables joined with `+`.
fn ps_expr(t: &Template) -> String {
    let parts: Vec<String> = t
        .parts
        .iter()
        .map(|p| match p {
            Part::Lit(s) => ps_single_quoted(s),
            Part::Var(v) => format!("${}", v.ps_name()),
        })
        .collect();
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

fn ps_request(s: &mut String, method: Method, url: &Template, op: &Operation, with_body: bool) {
    s.push_str("$r = Invoke-MgGraphRequest -Method ");
    s.push_str(method.as_str());
    s.push_str(" -Uri ($GraphBase + ");
    s.push_str(&ps_expr(url));
    s.push(')');
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
    s.push('\n');
}

/// What the provisioning scripts say first (after the shebang): what they do, and that a re-run is safe.
const PROVISION_HEADER: &str = "# Webex Connect email channel: the Entra app registration, through Microsoft Graph.\n";
const PROVISION_RERUN: &str =
    "# Running it again is safe: the registration is found by its unique name, not created twice.\n";

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
        s.push_str(&format!("\n# {}\n", comment(op.id)));
        ps_request(&mut s, op.method, &op.url, op, true);
        if is_upsert(op) {
            // The upsert answers 204 with no body when the registration already existed.
            s.push_str("if ($null -eq $r) { ");
            let mut get = String::new();
            ps_request(&mut get, Method::Get, &op.url, op, false);
            s.push_str(get.trim_end());
            s.push_str(" }\n");
        }
        for c in &op.captures {
            s.push_str(&format!("${} = {}\n", c.var.ps_name(), ps_pick(c.pick)));
        }
    }
    s.push('\n');
    for var in captured(plan) {
        let label = RESULTS.iter().find(|(v, _)| *v == var).map(|(_, l)| *l).unwrap_or_default();
        s.push_str(&format!("Write-Host ({} + ${})\n", ps_single_quoted(&format!("{label}: ")), var.ps_name()));
    }
    s
}

// ---------------------------------------------------------------- az rest (bash)

fn mg_cloud_name(cloud: Cloud) -> Option<&'static str> {
    match cloud {
        Cloud::Global => None,
        Cloud::UsGovGccHigh | Cloud::UsGovDod => Some("AzureUSGovernment"),
        Cloud::China => Some("AzureChinaCloud"),
    }
}

/// `value` as one bash word in single quotes (`'` becomes `'\''`).
pub fn sh_single_quoted(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}

/// A bash word for the text: quoted literals and `"$VAR"`s side by side.
fn sh_word(t: &Template) -> String {
    if t.parts.is_empty() {
        return "''".into();
    }
    t.parts
        .iter()
        .map(|p| match p {
            Part::Lit(s) => sh_single_quoted(s),
            Part::Var(v) => format!("\"${}\"", v.sh_name()),
        })
        .collect()
}

fn jmespath(pick: Pick) -> String {
    match pick {
        Pick::Field(k) => k.to_string(),
        Pick::FirstOf(k) => format!("value[0].{k}"),
        Pick::AppRole(v) => format!("appRoles[?value=='{v}'].id | [0]"),
        Pick::Scope(v) => format!("oauth2PermissionScopes[?value=='{v}'].id | [0]"),
    }
}

fn az_request(method: Method, url: &Template, op: &Operation, with_body: bool) -> String {
    let mut s = format!("az rest --method {} --url \"$GRAPH\"{}", method.as_str().to_ascii_lowercase(), sh_word(url));
    if with_body {
        let mut headers: Vec<String> = op.headers.iter().map(|(k, v)| sh_single_quoted(&format!("{k}={v}"))).collect();
        if let Some(body) = op.body_template() {
            headers.push(sh_single_quoted("Content-Type=application/json"));
            s.push_str(&format!(" --headers {}", headers.join(" ")));
            s.push_str(" --body ");
            s.push_str(&sh_word(&body));
        } else if !headers.is_empty() {
            s.push_str(&format!(" --headers {}", headers.join(" ")));
        }
    }
    s
}

fn az_capture(s: &mut String, request: &str, op: &Operation) {
    let query = match op.captures.as_slice() {
        [] => {
            s.push_str(request);
            s.push_str(" --output none\n");
            return;
        }
        [one] => jmespath(one.pick),
        many => format!("[{}]", many.iter().map(|c| jmespath(c.pick)).collect::<Vec<_>>().join(", ")),
    };
    let names: Vec<String> = op.captures.iter().map(|c| c.var.sh_name()).collect();
    s.push_str(&format!(
        "IFS=$'\\t' read -r {} < <({request} --query {} --output tsv)\n",
        names.join(" "),
        sh_single_quoted(&query)
    ));
}

pub fn az_rest_script(plan: &Plan, cloud: Cloud) -> String {
    let what = "# Webex Connect email channel: the Entra app registration, through Microsoft Graph (Azure CLI).\n";
    az_rest_script_with(plan, cloud, what, PROVISION_RERUN)
}

/// The same script with other opening lines.
pub fn az_rest_script_with(plan: &Plan, cloud: Cloud, what: &str, rerun: &str) -> String {
    let mut s = String::new();
    s.push_str("#!/usr/bin/env bash\n");
    s.push_str(what);
    s.push_str("# Sign in first as an administrator of the tenant:\n");
    if let Some(name) = mg_cloud_name(cloud) {
        s.push_str(&format!("#   az cloud set --name {name}\n"));
    }
    s.push_str("#   az login --tenant <your tenant id> --allow-no-subscriptions\n");
    let scopes: Vec<&str> = plan.scopes().iter().map(|sc| sc.value()).collect();
    s.push_str(&format!("# The signed-in account needs the rights of: {}.\n", scopes.join(", ")));
    s.push_str(rerun);
    s.push_str("set -euo pipefail\n");
    s.push_str(&format!("GRAPH={}\n", sh_single_quoted(&graph_base(cloud))));
    for op in scripted(plan) {
        s.push_str(&format!("\n# {}\n", comment(op.id)));
        if is_upsert(op) {
            s.push_str(&az_request(op.method, &op.url, op, true));
            s.push_str(" --output none\n");
            // The upsert answers 204 with no body when it updated: read the ids back.
            let get = az_request(Method::Get, &op.url, op, false);
            let read_only = Operation { headers: Vec::new(), body: None, ..op.clone() };
            az_capture(&mut s, &get, &read_only);
        } else {
            az_capture(&mut s, &az_request(op.method, &op.url, op, true), op);
        }
    }
    s.push('\n');
    for var in captured(plan) {
        let label = RESULTS.iter().find(|(v, _)| *v == var).map(|(_, l)| *l).unwrap_or_default();
        s.push_str(&format!("printf '%s%s\\n' {} \"${}\"\n", sh_single_quoted(&format!("{label}: ")), var.sh_name()));
    }
    s
}
