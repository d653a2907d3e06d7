//! A second run of an exported script: every create is found instead of repeated (the grant
//! and role-assignment creates are conditional, the service principal is Graph's upsert), and
//! the header says so, secret included. tests/e2e/scripts_rerun.test.mjs runs the bash scripts
//! twice against the Graph emulator.

use super::export::{az_rest_script, powershell_script};
use super::op::{Json, Kind, Method, Operation, Part, Rerun};
use super::plan::{plan, AddSecret, Observed, Plan, PlanInput, SecretLifetime};
use crate::domain::model::{Cloud, PermissionProfile, Setup};
use crate::domain::profile::{retired, EXCHANGE_ONLINE_APP_ID, MICROSOFT_GRAPH_APP_ID};

const PROFILES: [PermissionProfile; 2] = [PermissionProfile::LeastPrivilege, PermissionProfile::AsDocumented];

fn fresh(profile: PermissionProfile) -> Plan {
    let mut s = Setup::default();
    s.webex_connect.callback_url = "https://acme.us.webexconnect.io/callback".into();
    s.azure.app_display_name = "Webex Connect Email".into();
    s.azure.permission_profile = profile;
    let input = PlanInput {
        setup: &s,
        now_unix_ms: 1_795_860_000_000,
        secret_lifetime: SecretLifetime::DEFAULT,
        add_secret: AddSecret::IfNeeded,
    };
    plan(&input, &Observed::default())
}

fn is_upsert(op: &Operation) -> bool {
    op.method == Method::Patch && op.headers.iter().any(|(k, v)| *k == "Prefer" && v == "create-if-missing")
}

/// The create body's value for `key`, as a template part.
fn body_value(op: &Operation, key: &str) -> Option<Part> {
    let Some(Json::Object(entries)) = &op.body else { return None };
    match entries.iter().find(|(k, _)| *k == key).map(|(_, v)| v)? {
        Json::Var(v) => Some(Part::Var(*v)),
        Json::Value(serde_json::Value::String(s)) => Some(Part::Lit(s.clone())),
        _ => None,
    }
}

#[test]
fn every_write_of_a_fresh_plan_is_found_on_a_second_run_or_is_the_new_secret() {
    for profile in PROFILES {
        let p = fresh(profile);
        let mut guarded = 0;
        for op in p.writes() {
            match op.rerun.as_deref() {
                None if is_upsert(op) => {}
                None => assert_eq!(op.id, "app.add_password", "{op:?} would be repeated"),
                Some(Rerun::Upsert(instead)) => {
                    assert!(is_upsert(instead), "{instead:?}");
                    assert_eq!(instead.captures, op.captures, "the upsert captures what the create did");
                }
                Some(Rerun::Find(find) | Rerun::MergeScopes { find, .. }) => {
                    guarded += 1;
                    assert_eq!((find.read.kind, find.read.method), (Kind::Read, Method::Get));
                    assert!(op.captures.is_empty(), "a found entry captures nothing: {op:?}");
                    // The key is what the create writes, so the entry found is the one it made.
                    for (k, v) in &find.key {
                        assert_eq!(body_value(op, k).as_ref(), Some(v), "{} {k}", op.id);
                    }
                }
            }
            if let Some(Rerun::MergeScopes { add, .. }) = op.rerun.as_deref() {
                assert_eq!(body_value(op, "scope"), Some(Part::Lit(add.clone())));
            }
        }
        let expected = if profile == PermissionProfile::AsDocumented { 1 } else { 2 };
        assert_eq!(guarded, expected, "{profile:?}");
    }
}

/// Each create line of `script` containing `target`, with the line before it.
fn creates<'a>(script: &'a str, post: &str, target: &str) -> Vec<(&'a str, &'a str)> {
    let lines: Vec<&str> = script.lines().collect();
    (1..lines.len())
        .filter(|&i| lines[i].contains(post) && lines[i].contains(target))
        .map(|i| (lines[i - 1], lines[i]))
        .collect()
}

#[test]
fn grant_and_role_creates_run_only_when_the_read_found_none() {
    for profile in PROFILES {
        let p = fresh(profile);
        let (ps, az) = (powershell_script(&p, Cloud::Global), az_rest_script(&p, Cloud::Global));
        // Least privilege: two delegated grants; as documented: one app role assignment.
        let (grants, roles) = if profile == PermissionProfile::AsDocumented { (0, 1) } else { (2, 0) };
        for (target, n) in [("/oauth2PermissionGrants'", grants), ("/appRoleAssignedTo'", roles)] {
            let in_ps = creates(&ps, "-Method POST", target);
            let in_az = creates(&az, "--method post", target);
            assert_eq!((in_ps.len(), in_az.len()), (n, n), "{profile:?} {target}");
            for (before, _) in in_ps {
                assert_eq!(before, "if ($null -eq $Found) {");
            }
            for (before, _) in in_az {
                assert_eq!(before, "if [ -z \"$FOUND\" ]; then");
            }
        }
        // Each guard follows its read and the match on the create's own key.
        assert_eq!(ps.matches("$Found = @($r['value'] | Where-Object {").count(), grants + roles);
        assert_eq!(az.matches("FOUND=$(first_match \"$ROWS\" ").count(), grants + roles);
    }
}

#[test]
fn a_grant_found_gains_only_the_missing_scopes() {
    let p = fresh(PermissionProfile::LeastPrivilege);
    let (ps, az) = (powershell_script(&p, Cloud::Global), az_rest_script(&p, Cloud::Global));
    assert!(ps.contains("$Missing = @(@('SMTP.Send') | Where-Object { $Scopes -notcontains $_ })"), "{ps}");
    assert!(
        ps.contains("$Missing = @(@('openid', 'offline_access') | Where-Object { $Kept -notcontains $_ })"),
        "{ps}"
    );
    assert_eq!(ps.matches("if ($Missing.Count -gt 0").count(), 2);
    let patch = "-Method PATCH -Uri ($GraphBase + '/oauth2PermissionGrants/' + $Found['id']) -Body (@{ 'scope' = (";
    assert_eq!(ps.matches(patch).count(), 2);
    for args in ["'SMTP.Send'", "'openid offline_access' 'SMTP.Send'"] {
        assert!(
            az.contains(&format!("  SCOPE=$(merge_scopes \"$FOUND_SCOPE\" {args})\n  if [ -n \"$SCOPE\" ]; then\n")),
            "{az}"
        );
    }
    assert_eq!(az.matches("--method patch --url \"$GRAPH\"'/oauth2PermissionGrants/'\"$FOUND_ID\"").count(), 2);
    assert!(az.contains("\nmerge_scopes() {\n") && az.contains("\nfirst_match() {\n"));
    // The as-documented profile has no delegated grant: no scope helper in its script.
    assert!(!az_rest_script(&fresh(PermissionProfile::AsDocumented), Cloud::China).contains("merge_scopes"));
}

/// The scopes `profile` retires on the resource of the grant `op` creates, from the profile's data.
fn retired_on(profile: PermissionProfile, op: &Operation) -> String {
    let app = if op.id.ends_with(".exchange") { EXCHANGE_ONLINE_APP_ID } else { MICROSOFT_GRAPH_APP_ID };
    let values: Vec<&str> = retired(profile).iter().filter(|r| r.resource_app_id == app).map(|r| r.value).collect();
    values.join(" ")
}

#[test]
fn a_grant_found_loses_the_scopes_its_profile_retired_there_and_only_those() {
    let mut retiring = 0;
    for profile in PROFILES {
        let p = fresh(profile);
        let (ps, az) = (powershell_script(&p, Cloud::Global), az_rest_script(&p, Cloud::Global));
        for op in p.writes() {
            let Some(Rerun::MergeScopes { drop, .. }) = op.rerun.as_deref() else { continue };
            assert_eq!(drop, &retired_on(profile, op), "{}", op.id);
            if drop.is_empty() {
                continue;
            }
            retiring += 1;
            let quoted: Vec<String> = drop.split(' ').map(|d| format!("'{d}'")).collect();
            let kept =
                format!("    $Kept = @($Scopes | Where-Object {{ @({}) -notcontains $_ }})\n", quoted.join(", "));
            assert_eq!(ps.matches(&kept).count(), 1, "{ps}");
            assert!(ps.contains(&format!("{kept}    $Missing = @(@('openid', 'offline_access') | Where-Object {{ $Kept -notcontains $_ }})\n    if ($Missing.Count -gt 0 -or $Kept.Count -lt $Scopes.Count) {{\n")), "{ps}");
            assert!(ps.contains("-Body (@{ 'scope' = ($Kept + $Missing) -join ' ' }"), "{ps}");
            assert_eq!(az.matches(&format!(" 'openid offline_access' '{drop}')\n")).count(), 1, "{az}");
            let note = format!(
                "# Run again: the consent found gains only the scopes it lacks and loses {drop}, no longer needed;"
            );
            assert_eq!((ps.matches(&note).count(), az.matches(&note).count()), (1, 1));
        }
    }
    // Least privilege retires SMTP.Send on Microsoft Graph's grant; as documented has no grant.
    assert_eq!(retiring, 1);
}

#[test]
fn the_service_principal_is_upserted_by_app_id_never_posted() {
    for profile in PROFILES {
        let p = fresh(profile);
        let ps = powershell_script(&p, Cloud::Global);
        let az = az_rest_script(&p, Cloud::Global);
        assert!(!ps.contains("-Method POST -Uri ($GraphBase + '/servicePrincipals')"), "{ps}");
        assert!(!az.contains("--method post --url \"$GRAPH\"'/servicePrincipals' "), "{az}");
        let key = "('/servicePrincipals(appId=%27' + $AppId + '%27)')";
        assert!(ps.contains(&format!(
            "$r = Invoke-MgGraphRequest -Method PATCH -Uri ($GraphBase + {key}) -Body '{{\"displayName\":\"Webex Connect Email\"}}' -ContentType 'application/json' -Headers @{{ 'Prefer' = 'create-if-missing' }}\nif ($null -eq $r) {{ $r = Invoke-MgGraphRequest -Method GET -Uri ($GraphBase + {key}) }}\n$ServicePrincipalId = $r['id']\n"
        )));
        let key = "\"$GRAPH\"'/servicePrincipals(appId=%27'\"$APP_ID\"'%27)'";
        assert!(az.contains(&format!("az rest --method patch --url {key} --headers 'Prefer=create-if-missing' ")));
        assert!(az.contains(&format!(
            "IFS=$'\\t' read -r SERVICE_PRINCIPAL_ID < <(az rest --method get --url {key} --query 'id' --output tsv)\n"
        )));
    }
}

#[test]
fn the_header_says_what_a_second_run_does() {
    let p = fresh(PermissionProfile::LeastPrivilege);
    for script in [powershell_script(&p, Cloud::Global), az_rest_script(&p, Cloud::Global)] {
        let header: String = script.lines().take_while(|l| l.starts_with('#')).collect::<Vec<_>>().join(" ");
        for said in [
            "finds the app registration (by its unique name), its service principal",
            "and its admin consents, and adds only what is missing",
            "Every run adds a NEW client secret and prints its value.",
            "The earlier secret stays valid until you",
            "remove it: Certificates & secrets, or 6. Troubleshoot > Rotate the client secret",
        ] {
            assert!(header.contains(said), "{said}: {header}");
        }
        assert!(!header.contains("not created twice"), "{header}");
    }
}
