//! `scripts/csp` (src/bin/csp.rs) as a deployment runs it, and the README's ready-to-paste
//! header configuration staying what it prints for the shipped config.json.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use webex_o365_setup::domain::config::{parse, ConfigStatus};
use webex_o365_setup::domain::csp::{policy, Extra};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
/// The portal the README's example names.
const PORTAL: &str = "'self' https://portal.example";

fn csp(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_csp")).args(args).output().expect("runs scripts/csp's binary")
}

fn shipped_config() -> String {
    Path::new(ROOT).join("public/config.json").display().to_string()
}

#[test]
fn prints_the_policy_for_the_shipped_config() {
    let out = csp(&[&shipped_config()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = fs::read_to_string(shipped_config()).expect("public/config.json");
    let ConfigStatus::Loaded { config, .. } = parse(&text) else { panic!("public/config.json does not load") };
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim_end(), policy(&config, &Extra::default()));
}

#[test]
fn the_readme_pastes_what_it_prints() {
    let readme = fs::read_to_string(Path::new(ROOT).join("README.md")).expect("README.md");
    let lines: Vec<&str> = readme.lines().map(str::trim).collect();
    for server in ["nginx", "apache", "iis"] {
        let out = csp(&[&shipped_config(), "--frame-ancestors", PORTAL, "--format", server]);
        assert!(out.status.success());
        let printed = String::from_utf8_lossy(&out.stdout).into_owned();
        assert_eq!(printed.lines().count(), 3, "{printed}");
        for line in printed.lines() {
            assert!(lines.contains(&line.trim()), "README.md lacks the {server} line (run scripts/csp again):\n{line}");
        }
    }
}

#[test]
fn an_unusable_config_is_refused_with_the_reason() {
    let dir = std::env::temp_dir().join(format!("csp-test-{}", std::process::id()));
    fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("config.json");
    fs::write(&file, r#"{"graph_base_url":"http://graph.example"}"#).expect("write");
    let out = csp(&[&file.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("must be an https URL"), "{out:?}");
    assert!(out.stdout.is_empty());
    assert_eq!(csp(&["--format", "caddy"]).status.code(), Some(2));
    let _ = fs::remove_dir_all(&dir);
}
