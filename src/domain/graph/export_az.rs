//! The plan as an Azure CLI script (`az rest`, bash): the same steps as the PowerShell one in
//! `export`, values single-quoted, captured ids `"$VARIABLES"`.

use super::export::{comments, graph_base, results, scripted, step, Merge, Step, PROVISION_RERUN};
use super::op::{Find, Method, Operation, Part, Pick, Template};
use super::plan::Plan;
use crate::domain::model::Cloud;

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

fn sh_part(p: &Part) -> String {
    match p {
        Part::Lit(s) => sh_single_quoted(s),
        Part::Var(v) => format!("\"${}\"", v.sh_name()),
    }
}

/// A bash word for the text: quoted literals and `"$VAR"`s side by side.
fn sh_word(t: &Template) -> String {
    if t.parts.is_empty() {
        return "''".into();
    }
    t.parts.iter().map(sh_part).collect()
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
        // One row: `--output tsv` prints each item of a top-level list on its own line, and
        // the items of a nested list tab-separated.
        many => format!("[[{}]]", many.iter().map(|c| jmespath(c.pick)).collect::<Vec<_>>().join(", ")),
    };
    let names: Vec<String> = op.captures.iter().map(|c| c.var.sh_name()).collect();
    s.push_str(&format!(
        "IFS=$'\\t' read -r {} < <({request} --query {} --output tsv)\n",
        names.join(" "),
        sh_single_quoted(&query)
    ));
}

/// Defined once, when a step looks for an existing entry: Graph ids compare ignoring case.
const FIRST_MATCH: &str = r#"
# The rest of the first line of $1 (az --output tsv) that starts with the fields $2, $3, ...
# (ignoring case, as Graph compares ids); nothing when no line does.
first_match() {
  local rows=$1 want line
  shift
  want=$(IFS=$'\t'; printf '%s\t' "$*")
  shopt -s nocasematch
  while IFS= read -r line; do
    if [[ $line == "$want"* ]]; then
      shopt -u nocasematch
      printf '%s' "${line:${#want}}"
      return 0
    fi
  done <<< "$rows"
  shopt -u nocasematch
}
"#;

/// Defined once, when a consent found may lack scopes.
const MERGE_SCOPES: &str = r#"
# The scopes of $1 but those of $3 (if given), followed by those of $2 it lacks (ignoring case),
# JSON-escaped; nothing when that changes nothing.
merge_scopes() {
  local drop=" ${3-} " next='' s changed=''
  set -f
  shopt -s nocasematch
  for s in $1; do
    if [[ $drop == *" $s "* ]]; then changed=1; else next="$next $s"; fi
  done
  for s in $2; do
    if [[ "$next " != *" $s "* ]]; then next="$next $s"; changed=1; fi
  done
  shopt -u nocasematch
  set +f
  next=${next# }
  next=${next//\\/\\\\}
  next=${next//\"/\\\"}
  if [ -n "$changed" ]; then printf '%s' "$next"; fi
}
"#;

/// The read, then the create when nothing matches; with scopes, an entry found gains those it
/// lacks and loses the retired ones.
fn az_find(s: &mut String, op: &Operation, find: &Find, merge: Option<Merge>) {
    let mut fields: Vec<&str> = find.key.iter().map(|(k, _)| *k).collect();
    fields.push("id");
    if merge.is_some() {
        fields.push("scope");
    }
    let query = sh_single_quoted(&format!("value[].[{}]", fields.join(", ")));
    let read = az_request(Method::Get, &find.read.url, &find.read, false);
    s.push_str(&format!("ROWS=$({read} --query {query} --output tsv)\n"));
    let key: Vec<String> = find.key.iter().map(|(_, v)| sh_part(v)).collect();
    s.push_str(&format!("FOUND=$(first_match \"$ROWS\" {})\n", key.join(" ")));
    s.push_str(&format!("if [ -z \"$FOUND\" ]; then\n  {} --output none\n", az_request(op.method, &op.url, op, true)));
    if let Some(merge) = merge {
        let entry = sh_word(&op.url.clone().lit("/"));
        s.push_str("else\n");
        s.push_str("  IFS=$'\\t' read -r FOUND_ID FOUND_SCOPE <<< \"$FOUND\"\n");
        let mut args = format!("\"$FOUND_SCOPE\" {}", sh_single_quoted(merge.add));
        if !merge.drop.is_empty() {
            args.push_str(&format!(" {}", sh_single_quoted(merge.drop)));
        }
        s.push_str(&format!("  SCOPE=$(merge_scopes {args})\n"));
        s.push_str("  if [ -n \"$SCOPE\" ]; then\n");
        s.push_str(&format!(
            "    az rest --method patch --url \"$GRAPH\"{entry}\"$FOUND_ID\" --headers 'Content-Type=application/json' \
             --body '{{\"scope\":\"'\"$SCOPE\"'\"}}' --output none\n"
        ));
        s.push_str("  fi\n");
    }
    s.push_str("fi\n");
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
    let steps: Vec<Step> = scripted(plan).map(step).collect();
    if steps.iter().any(|st| matches!(st, Step::Find(..))) {
        s.push_str(FIRST_MATCH);
    }
    if steps.iter().any(|st| matches!(st, Step::Find(_, _, Some(_)))) {
        s.push_str(MERGE_SCOPES);
    }
    for op in scripted(plan) {
        s.push_str(&comments(op));
        match step(op) {
            Step::Find(op, find, merge) => az_find(&mut s, op, find, merge),
            Step::Once(sent) => az_capture(&mut s, &az_request(sent.method, &sent.url, sent, true), sent),
            Step::Upsert(sent) => {
                s.push_str(&az_request(sent.method, &sent.url, sent, true));
                s.push_str(" --output none\n");
                // The upsert answers 204 with no body when it updated: read the ids back.
                let get = az_request(Method::Get, &sent.url, sent, false);
                let read_only = Operation { headers: Vec::new(), body: None, ..sent.clone() };
                az_capture(&mut s, &get, &read_only);
            }
        }
    }
    s.push('\n');
    for (var, label) in results(plan) {
        s.push_str(&format!("printf '%s%s\\n' {} \"${}\"\n", sh_single_quoted(&format!("{label}: ")), var.sh_name()));
    }
    s
}
