//! Golden scripts of the fresh-tenant plans, and escaping of hostile values.

use super::export::{az_rest_script, powershell_script, sh_single_quoted};
use super::plan::{plan, AddSecret, Observed, PlanInput, SecretLifetime};
use crate::domain::model::{Cloud, PermissionProfile, Setup};
use crate::domain::powershell::ps_single_quoted;

const NOW: i64 = 1_795_860_000_000;

/// Checks `actual` against `src/domain/graph/golden/<file>`; `BLESS_GOLDEN=1` rewrites it
/// (review the diff before committing).
fn assert_golden(actual: &str, expected: &str, file: &str) {
    if std::env::var_os("BLESS_GOLDEN").is_some() {
        std::fs::write(format!("{}/src/domain/graph/golden/{file}", env!("CARGO_MANIFEST_DIR")), actual).unwrap();
        return;
    }
    assert!(actual == expected.replace("\r\n", "\n"), "{file} differs; got:\n{actual}");
}

fn setup(profile: PermissionProfile, name: &str) -> Setup {
    let mut s = Setup::default();
    s.webex_connect.callback_url = "https://acme.us.webexconnect.io/callback".into();
    s.azure.app_display_name = name.into();
    s.azure.permission_profile = profile;
    s
}

fn fresh(profile: PermissionProfile, name: &str) -> super::plan::Plan {
    let s = setup(profile, name);
    plan(
        &PlanInput {
            setup: &s,
            now_unix_ms: NOW,
            secret_lifetime: SecretLifetime::DEFAULT,
            add_secret: AddSecret::IfNeeded,
        },
        &Observed::default(),
    )
}

#[test]
fn golden_powershell_least_privilege() {
    let p = fresh(PermissionProfile::LeastPrivilege, "Webex Connect Email");
    assert_golden(
        &powershell_script(&p, Cloud::Global),
        include_str!("golden/least-privilege.ps1"),
        "least-privilege.ps1",
    );
}

#[test]
fn golden_powershell_as_documented_gcc_high() {
    let p = fresh(PermissionProfile::AsDocumented, "Webex Connect Email");
    assert_golden(
        &powershell_script(&p, Cloud::UsGovGccHigh),
        include_str!("golden/as-documented-gcc-high.ps1"),
        "as-documented-gcc-high.ps1",
    );
}

#[test]
fn golden_az_rest_least_privilege() {
    let p = fresh(PermissionProfile::LeastPrivilege, "Webex Connect Email");
    assert_golden(&az_rest_script(&p, Cloud::Global), include_str!("golden/least-privilege.sh"), "least-privilege.sh");
}

#[test]
fn golden_az_rest_as_documented() {
    let p = fresh(PermissionProfile::AsDocumented, "Webex Connect Email");
    assert_golden(
        &az_rest_script(&p, Cloud::China),
        include_str!("golden/as-documented-china.sh"),
        "as-documented-china.sh",
    );
}

const HOSTILE: &str = "x' ; Remove-Item C:\\ ; '$(id)` \u{2019}; echo \"pwn\" \n next";

#[test]
fn hostile_name_is_one_literal_in_powershell() {
    for profile in [PermissionProfile::LeastPrivilege, PermissionProfile::AsDocumented] {
        hostile_powershell(&powershell_script(&fresh(profile, HOSTILE), Cloud::Global));
    }
}

fn hostile_powershell(script: &str) {
    // The display name appears only inside the body literal, quotes doubled.
    let body_json = serde_json::Value::String(HOSTILE.into()).to_string();
    assert!(script.contains(&ps_single_quoted(&format!("{{\"displayName\":{body_json}"))[..40]), "{script}");
    for line in script.lines().filter(|l| l.contains("Remove-Item")) {
        assert!(line.starts_with("$r = Invoke-MgGraphRequest -Method PATCH"), "{line}");
    }
    // Every single-quoted literal closes on its line: count unescaped quotes per line.
    for line in script.lines().filter(|l| !l.starts_with('#')) {
        let mut quotes = 0;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if crate::domain::powershell::is_ps_single_quote(c) {
                if chars.peek().is_some_and(|n| crate::domain::powershell::is_ps_single_quote(*n)) && quotes % 2 == 1 {
                    chars.next();
                } else {
                    quotes += 1;
                }
            }
        }
        assert_eq!(quotes % 2, 0, "unbalanced: {line}");
    }
}

#[test]
fn hostile_name_is_one_word_in_bash() {
    assert_eq!(sh_single_quoted("a'b"), r"'a'\''b'");
    assert_eq!(sh_single_quoted(""), "''");
    for profile in [PermissionProfile::LeastPrivilege, PermissionProfile::AsDocumented] {
        hostile_bash(&az_rest_script(&fresh(profile, HOSTILE), Cloud::Global));
    }
}

fn hostile_bash(script: &str) {
    // Outside quotes only our own variables appear.
    for line in script.lines().filter(|l| !l.starts_with('#')) {
        // Bash: '...' is literal; outside it, a backslash escapes the next character.
        let mut inside = false;
        let mut outside = String::new();
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match (inside, c) {
                (false, '\\') => {
                    chars.next();
                }
                (_, '\'') => inside = !inside,
                (false, c) => outside.push(c),
                (true, _) => {}
            }
        }
        assert!(!inside, "unterminated: {line}");
        assert!(!outside.contains("Remove-Item") && !outside.contains("pwn"), "{line}");
    }
}

#[test]
fn secret_is_printed_only_by_the_scripts_never_in_the_dry_run() {
    let p = fresh(PermissionProfile::LeastPrivilege, "n");
    for op in &p.operations {
        let shown = format!("{:?}", op.redacted());
        assert!(!shown.contains("secretText"), "{shown}");
    }
    assert!(powershell_script(&p, Cloud::Global).contains("$ClientSecret = $r['secretText']"));
}

#[test]
fn rerun_plan_exports_only_capturing_reads() {
    // A completed run's plan has no writes: the scripts then only read ids (no create).
    let p = fresh(PermissionProfile::LeastPrivilege, "n");
    let ps = powershell_script(&p, Cloud::Global);
    // The display-name lookup is a probe; the grants' read is there only to guard their create.
    assert!(
        !ps.contains("authorizationPolicy") && !ps.contains("displayName%20eq"),
        "probes and plain reads are left out"
    );
}
